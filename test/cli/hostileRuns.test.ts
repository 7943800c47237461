import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';
import { ROOT } from '../helpers/lspClient';
import { tempProject } from '../helpers/project';

// A dump too big for the heap Node allows (here made small with --max-old-space-size) ends with
// a message that says what happened and what to do, not Node's out-of-memory crash and native stack.
test('lint: a dump that outgrows the heap stops with a message and exit code 2, not an out-of-memory crash', () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n';
  const project = tempProject({ 'dump.yaml': doc.repeat(100_000) }, 'kubeplan-heap-');
  const r = runKubeplan(['lint', '--format', 'json', join(project.dir, 'dump.yaml')], { env: { NODE_OPTIONS: '--max-old-space-size=200' } });
  assert.equal(r.status, 2, r.stderr.slice(0, 2000));
  assert.match(r.stderr, /^kubeplan: stopped: linting [\d,]+ documents \([\d,]+ still to go in .*dump\.yaml\) filled \d+ MB of the \d+ MB heap Node allows\. Lint the files in smaller parts, or allow more memory: NODE_OPTIONS=--max-old-space-size=8192/);
  assert.doesNotMatch(r.stderr, /FATAL|heap out of memory|at /);
  assert.equal(r.stdout, '');
});

// `kubeplan lint | head -3`: the reader closes the pipe early; the CLI stops quietly, as Unix tools do
test('lint piped into a reader that leaves early ends quietly, without an EPIPE stack trace', async () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n';
  const project = tempProject({ 'dump.yaml': doc.repeat(5_000) }, 'kubeplan-pipe-');
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', 'dump.yaml'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // read the first piece of the report, then hang up
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.equal(stderr, '');
  assert.equal(signal, null);
  assert.equal(code, 1, 'the exit code still says the report has errors');
});
