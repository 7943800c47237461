import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';
import { writeBig } from '../cli/hostile.test';

// `npm run soak`: a real 50 MB generated dump (900k small objects) through the CLI. Each linted object
// holds ~3 KB of heap, so this needs more than Node's default 4 GB: with it, the CLI stops with a message
// after ~916k documents (test/cli/hostileRuns.test.ts checks that message); with 8 GB it finishes.
test('lint: a 50 MB file of 900k documents finishes with every object linted (8 GB heap)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-huge-'));
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n';
  writeBig(join(dir, 'dump.yaml'), '', doc, 50_000_000);
  const started = performance.now();
  // text, not JSON: 1.8 million findings as JSON come near V8's largest string
  const r = runKubeplan(['lint', 'dump.yaml'], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=8192' } });
  const seconds = (performance.now() - started) / 1000;
  assert.equal(r.stderr, '');
  const findings = r.stdout.split('\n').filter((l) => l.startsWith('dump.yaml:'));
  const count = (rule: string) => findings.filter((l) => l.includes(` ${rule} `)).length;
  // every document is the same object, so each one after the first is a duplicate and each sits in the default namespace
  const documents = statSync(join(dir, 'dump.yaml')).size / doc.length;
  assert.equal(count('default-namespace'), documents);
  assert.equal(count('duplicate-object'), documents);
  console.log(`# CLI on a 50 MB / ${documents}-document file: ${seconds.toFixed(1)} s, ${findings.length} findings`);
});
