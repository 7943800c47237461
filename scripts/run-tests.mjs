// Runs the test suites with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/unit test/lsp test/cli ...)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_SUITES = ['test/unit', 'test/fuzz', 'test/cli', 'test/lsp', 'test/security', 'test/external', 'test/browser', 'test/e2e'];
const args = process.argv.slice(2);
const roots = args.length ? args : DEFAULT_SUITES;

function collect(p, out) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p).sort()) {
      if (e === 'node_modules' || e === 'artifacts' || e === 'fixtures') continue;
      collect(join(p, e), out);
    }
  } else if (/\.test\.(ts|mts)$/.test(p)) out.push(p);
}

const files = [];
for (const r of roots) collect(r, files);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
