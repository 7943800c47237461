import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findWorkloads } from '../../client/src/preview/workloadHeaders';
import { parsePageMessage } from '../../client/src/preview/messages';

test('CodeLens places: one per workload document, at its first top-level key', () => {
  const text = `# header comment
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  template:
    metadata:
      name: not-this
---
# a comment before the object
kind: "CronJob"
apiVersion: batch/v1
metadata: { name: nightly }
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;
  assert.deepEqual(findWorkloads(text), [
    { line: 6, kind: 'Deployment', name: 'web' },
    { line: 18, kind: 'CronJob', name: undefined },
  ]);
  assert.deepEqual(findWorkloads('kind: Pod\r\nmetadata:\r\n  name: p\r\n'), [{ line: 0, kind: 'Pod', name: 'p' }]);
  assert.deepEqual(findWorkloads(''), []);
});

test('messages from the webview are validated before anything acts on them', () => {
  assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
  const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
  assert.deepEqual(parsePageMessage({ type: 'reveal', file: '/w/a.yaml', range }), { type: 'reveal', file: '/w/a.yaml', range });
  assert.equal(parsePageMessage({ type: 'reveal', file: '/w/a.yaml', range: { start: { line: -1, character: 0 }, end: range.end } }), undefined);
  assert.equal(parsePageMessage({ type: 'reveal', file: 42, range }), undefined);
  assert.deepEqual(parsePageMessage({ type: 'scenario', scenario: { kind: 'node-failure', node: 'worker-a', extra: 1 } }), { type: 'scenario', scenario: { kind: 'node-failure', node: 'worker-a' } });
  assert.deepEqual(parsePageMessage({ type: 'scenario', scenario: { kind: 'node-failure', node: 7 } }), { type: 'scenario', scenario: { kind: 'node-failure' } });
  assert.deepEqual(parsePageMessage({ type: 'scenario', scenario: { kind: 'load', factor: 2 } }), { type: 'scenario', scenario: { kind: 'load' } });
  assert.deepEqual(parsePageMessage({ type: 'scenario', scenario: { kind: 'rollout', deployment: 'shop/web' } }), { type: 'scenario', scenario: { kind: 'rollout', deployment: 'shop/web' } });
  assert.equal(parsePageMessage({ type: 'scenario', scenario: { kind: 'rm -rf' } }), undefined);
  assert.equal(parsePageMessage('reveal'), undefined);
  assert.equal(parsePageMessage(null), undefined);
});
