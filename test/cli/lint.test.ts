import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runKubeplan } from '../helpers/cli';
import { ROOT } from '../helpers/lspClient';

test('lint examples/ prints located findings and exits 0 without errors', () => {
  const r = runKubeplan(['lint', 'examples/']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^examples\/batch\.yaml:\d+:\d+: warning missing-cpu-request Container "worker" has no CPU request\.$/m);
  assert.match(r.stdout, /problems? \(0 errors/);
});

test('--format json gives 1-based positions in the documented shape', () => {
  const r = runKubeplan(['lint', '--format', 'json', 'examples/batch.yaml']);
  assert.equal(r.status, 0);
  const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
  const ns = findings.find((f) => f.rule === 'default-namespace');
  assert.deepEqual(ns && Object.keys(ns).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
  assert.equal(ns!.file, 'examples/batch.yaml');
  assert.equal(ns!.line, 24);
  assert.equal(ns!.column, 3);
  assert.equal(ns!.endColumn, 7);
});

test('an error-severity finding makes the exit code 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-'));
  writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   namespace: b\n');
  const r = runKubeplan(['lint', 'broken.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^broken\.yaml:\d+:\d+: error yaml-syntax /m);
});

test('usage errors and unreadable input exit 2 with a one-line message and no stack trace', () => {
  for (const args of [['lint', 'does-not-exist.yaml'], ['lint', '--format', 'xml', 'examples/'], ['frobnicate'], ['lint', '--bogus']]) {
    const r = runKubeplan(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^kubeplan: /);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
  }
});

test('reads a manifest from standard input with -', () => {
  const r = runKubeplan(['lint', '-'], { input: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^<stdin>:4:3: warning default-namespace /m);
});

test('--format sarif is SARIF 2.1.0 with rule metadata and regions', () => {
  const r = runKubeplan(['lint', '--format', 'sarif', 'examples/']);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'kubeplan');
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(ids.includes('missing-cpu-request'));
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'default-namespace');
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'examples/batch.yaml');
  assert.equal(res.locations[0].physicalLocation.region.startLine, 24);
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, 'default-namespace');
});

test('npx kubeplan resolves to the CLI from the repository root', () => {
  const r = spawnSync('npx', ['--no-install', 'kubeplan', '--version'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+/);
});

test('a file that is not UTF-8 is reported at its first bad byte, and the rest is still linted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-'));
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cafe\ndata:\n  a: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
  const r = runKubeplan(['lint', 'latin1.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^latin1\.yaml:6:10: error yaml-syntax The file is not valid UTF-8/m);
  assert.match(r.stdout, /^latin1\.yaml:4:3: warning default-namespace /m);
});
