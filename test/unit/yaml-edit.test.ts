import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendDocumentEdits, patchEdits, removeItemEdits, replaceEdits, scalarText } from '../../server/src/engine/fix/yamlEdit';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { applyEdits } from '../helpers/edits';

function patched(text: string, path: (string | number)[], patch: Parameters<typeof patchEdits>[2]): string {
  const doc = parseYaml(text)[0]!;
  const edits = patchEdits(doc, path, patch);
  assert.ok(edits, 'edits were built');
  const out = applyEdits(text, edits);
  assert.deepEqual(parseYaml(out)[0]!.syntaxErrors, [], out);
  return out;
}

test('new keys go after the `name:` line at the mapping\'s indentation', () => {
  const out = patched('spec:\n  containers:\n    - name: web # the app\n      image: x\n', ['spec', 'containers', 0], { resources: { requests: { cpu: '100m' } } });
  assert.equal(out, 'spec:\n  containers:\n    - name: web # the app\n      resources:\n        requests:\n          cpu: 100m\n      image: x\n');
});

test('without a one-line `name:`, new keys go before the first key', () => {
  const out = patched('c:\n  - image: x\n    ports: [80]\n', ['c', 0], { securityContext: { privileged: false } });
  assert.equal(out, 'c:\n  - securityContext:\n      privileged: false\n    image: x\n    ports: [80]\n');
});

test('flow mappings get `, key: value` in flow style', () => {
  assert.equal(patched('r: { limits: {cpu: 1} }\n', ['r'], { limits: { memory: '128Mi' }, requests: { cpu: '100m' } }), 'r: { limits: {cpu: 1, memory: 128Mi}, requests: { cpu: 100m } }\n');
  assert.equal(patched('m: {}\n', ['m'], { namespace: 'shop' }), 'm: { namespace: shop }\n');
});

test('CRLF files get CRLF lines', () => {
  const out = patched('metadata:\r\n  name: web\r\nspec: {}\r\n', ['metadata'], { namespace: 'shop' });
  assert.equal(out, 'metadata:\r\n  name: web\r\n  namespace: shop\r\nspec: {}\r\n');
});

test('an empty value is filled in block style, before a trailing comment', () => {
  assert.equal(patched('c:\n  sc: # todo\n  x: 1\n', ['c'], { sc: { runAsNonRoot: true } }), 'c:\n  sc:\n    runAsNonRoot: true # todo\n  x: 1\n');
  assert.equal(patched('c:\n  sc: ~\n', ['c'], { sc: { a: 1 } }), 'c:\n  sc: \n    a: 1\n');
  assert.equal(patched('c:\n  drop:\n', ['c'], { drop: ['ALL'] }), 'c:\n  drop: [ALL]\n');
});

test('lists get the missing items only, in their own style', () => {
  assert.equal(patched('c:\n  drop:\n    - NET_RAW\n', ['c'], { drop: ['ALL'] }), 'c:\n  drop:\n    - ALL\n    - NET_RAW\n');
  assert.equal(patched('c: { drop: [NET_RAW] }\n', ['c'], { drop: ['ALL'] }), 'c: { drop: [NET_RAW, ALL] }\n');
  assert.equal(patched('c: { drop: [] }\n', ['c'], { drop: ['ALL'] }), 'c: { drop: [ALL] }\n');
  const doc = parseYaml('c:\n  drop: [all]\n')[0]!;
  assert.equal(patchEdits(doc, ['c'], { drop: ['ALL'] }), undefined, 'ALL is already there (capabilities are case-insensitive)');
});

test('scalars are replaced in place, and quoted only when they would read differently', () => {
  assert.equal(patched('s:\n  privileged: true  # why\n', ['s'], { privileged: false }), 's:\n  privileged: false  # why\n');
  assert.equal(scalarText('100m'), '100m');
  assert.equal(scalarText('true'), '"true"');
  assert.equal(scalarText('1'), '"1"');
  assert.equal(scalarText('a: b'), '"a: b"');
  assert.equal(scalarText(''), '""');
  const doc = parseYaml('apiVersion: extensions/v1beta1\nkind: Ingress\n')[0]!;
  assert.equal(applyEdits('apiVersion: extensions/v1beta1\nkind: Ingress\n', replaceEdits(doc, ['apiVersion'], 'networking.k8s.io/v1')!), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\n');
});

test('list items are removed with their line (block) or their comma (flow)', () => {
  const text = 'add:\n  - A\n  - B # note\n  - C\nx: [A, B, C]\ny: [A]\n';
  const doc = parseYaml(text)[0]!;
  assert.equal(applyEdits(text, removeItemEdits(doc, ['add'], 1)!), 'add:\n  - A\n  - C\nx: [A, B, C]\ny: [A]\n');
  assert.equal(applyEdits(text, removeItemEdits(doc, ['x'], 2)!), 'add:\n  - A\n  - B # note\n  - C\nx: [A, B]\ny: [A]\n');
  assert.equal(applyEdits(text, removeItemEdits(doc, ['x'], 0)!), 'add:\n  - A\n  - B # note\n  - C\nx: [B, C]\ny: [A]\n');
  assert.equal(applyEdits(text, removeItemEdits(doc, ['y'], 0)!), 'add:\n  - A\n  - B # note\n  - C\nx: [A, B, C]\ny: []\n');
});

test('a new document is appended after a `---`', () => {
  const text = 'kind: Deployment\nmetadata:\n  name: web';
  const doc = parseYaml(text)[0]!;
  const out = applyEdits(text, appendDocumentEdits(doc, { kind: 'PodDisruptionBudget', spec: { maxUnavailable: 1 } }));
  assert.equal(out, 'kind: Deployment\nmetadata:\n  name: web\n---\nkind: PodDisruptionBudget\nspec:\n  maxUnavailable: 1\n');
});

test('no edits where the target is not a mapping', () => {
  const doc = parseYaml('c: [1, 2]\n')[0]!;
  assert.equal(patchEdits(doc, ['c'], { a: 1 }), undefined);
  assert.equal(patchEdits(doc, ['missing'], { a: 1 }), undefined);
});

test('a block list or mapping replaced by a flow value keeps the next key on its own line', () => {
  const text = 'c:\n  add:\n    - NET_ADMIN\n    - SYS_TIME\n  x: 1\n';
  const doc = parseYaml(text)[0]!;
  assert.equal(applyEdits(text, replaceEdits(doc, ['c', 'add'], [])!), 'c:\n  add: []\n  x: 1\n');
  const last = 'c:\n  m:\n    a: 1\nnext: 2\n';
  assert.equal(applyEdits(last, replaceEdits(parseYaml(last)[0]!, ['c', 'm'], { b: 2 })!), 'c:\n  m: { b: 2 }\nnext: 2\n');
  // a comment after the colon stays: the value goes where the list was
  const commented = 'c:\n  add: # why\n    - NET_ADMIN\n  x: 1\n';
  const out = applyEdits(commented, replaceEdits(parseYaml(commented)[0]!, ['c', 'add'], [])!);
  assert.equal(out, 'c:\n  add: # why\n    []\n  x: 1\n');
  assert.deepEqual(parseYaml(out)[0]!.value, { c: { add: [], x: 1 } });
});
