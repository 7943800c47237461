import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';

/** Writes `total` bytes made of `head` then `block` repeated, without holding the file in memory twice. */
export function writeBig(path: string, head: string, block: string, total: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const chunk = Buffer.from(block.repeat(Math.max(1, Math.floor(1_000_000 / block.length))));
  for (let n = head.length; n < total; n += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
}

test('lint: a 50 MB single-document file gets the size note, not a crash or a stall', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-big-'));
  writeBig(join(dir, 'big.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: shop\ndata:\n', '  k: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n', 50_000_000);
  const r = runKubeplan(['lint', '--format', 'json', 'big.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const findings = JSON.parse(r.stdout) as { rule: string; line: number; message: string }[];
  assert.deepEqual(findings.map((f) => [f.rule, f.line]), [['file-too-large', 1]]);
  assert.match(findings[0]!.message, /1\.5 MiB/);
});

test('lint: binary content and a Helm template in the same run give located findings and exit normally', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-bin-'));
  const fd = openSync(join(dir, 'bin.yaml'), 'w');
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  writeSync(fd, bytes);
  closeSync(fd);
  writeFileSync(join(dir, 'chart.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  const r = runKubeplan(['lint', '--format', 'json', '.'], { cwd: dir });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/);
  const findings = JSON.parse(r.stdout) as { file: string; rule: string; line: number }[];
  assert.deepEqual([...new Set(findings.filter((f) => f.file === 'chart.yaml').map((f) => f.rule))], ['templated-file']);
  const bin = findings.filter((f) => f.file === 'bin.yaml');
  assert.ok(bin.length >= 1 && bin.length <= 20, `${bin.length} findings for the binary file`);
  assert.ok(bin.every((f) => f.rule === 'yaml-syntax' && f.line >= 1));
});
