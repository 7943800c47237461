import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/engine/yaml/parse';
import { hotLookups } from '../../server/src/engine/lint/hotLookups';
import type { Part, Path } from '../../server/src/engine/yaml/locate';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

const LOOKUPS: [Path, Part][] = [
  [['metadata', 'name'], 'key'],
  [['metadata', 'name'], 'value'],
  [['metadata', 'namespace'], 'key'],
  [['spec', 'template', 'spec'], 'key'],
  [['spec', 'replicas'], 'entry'],
  [['spec', 'template', 'spec', 'containers', 0, 'image'], 'value'],
  [['spec', 'missing', 'deeper'], 'key'],
];

test('a released document answers ranges and presence as it did with its syntax tree, kept look-ups or not', () => {
  const [live] = parseYaml(TEXT);
  const expected = LOOKUPS.map(([p, part]) => [live!.rangeOf(p, part), live!.has(p)]);
  for (const keep of [[], hotLookups('Deployment'), hotLookups(undefined)]) {
    const [doc] = parseYaml(TEXT);
    doc!.release(keep);
    // twice: the second answer comes from what the document remembered
    for (let round = 0; round < 2; round++) assert.deepEqual(LOOKUPS.map(([p, part]) => [doc!.rangeOf(p, part), doc!.has(p)]), expected);
  }
});
