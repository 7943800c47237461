import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';
import { writeBig } from '../cli/hostile.test';

// `npm run soak`: a real 50 MB generated dump (half a million small objects) through the CLI.
test('lint: a 50 MB file of 500k documents finishes with every object linted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-huge-'));
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n';
  writeBig(join(dir, 'dump.yaml'), '', doc, 50_000_000);
  const started = performance.now();
  const r = runKubeplan(['lint', '--format', 'json', 'dump.yaml'], { cwd: dir });
  const seconds = (performance.now() - started) / 1000;
  assert.equal(r.stderr, '');
  const findings = JSON.parse(r.stdout) as { rule: string }[];
  const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
  // every document is the same object, so each one after the first is a duplicate and each sits in the default namespace
  assert.ok(count('default-namespace') > 900_000 / 2, `${count('default-namespace')} default-namespace findings`);
  console.log(`# CLI on a 50 MB / ${Math.round(50_000_000 / doc.length)}-document file: ${seconds.toFixed(1)} s, ${findings.length} findings`);
});
