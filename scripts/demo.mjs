// The README's first command: lint the bundled examples (and preview them on the embedded cluster).
import { spawnSync } from 'node:child_process';

function run(args, okCodes = [0]) {
  console.log(`\n$ kubeplan ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (!okCodes.includes(r.status)) {
    console.error(`kubeplan ${args[0]} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

// Exit code 1 only says the examples contain error-severity findings, which they do on purpose.
run(['lint', 'examples/'], [0, 1]);
// Exit code 1: the examples hold a Pending pod and a slow starter on purpose (see examples/slow-start.yaml).
run(['preview', 'examples/'], [0, 1]);
