import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, objectsFromTexts, simulate } from '../../server/src/engine';

// Found by the fuzz seed set: `kind: toString` looked up the pod spec path in a plain object and
// found Object.prototype.toString. Names of Object's own members must be just unknown names.
const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const BODIES = ['spec:\n  template:\n    spec:\n      containers: [{name: a, image: b}]\n', 'spec: {}\n', ''];

test('kinds, apiVersions and names spelled like Object members lint and simulate without throwing', () => {
  let runs = 0;
  for (const kind of NAMES)
    for (const apiVersion of ['v1', 'apps/v1', 'batch/v1', 'toString'])
      for (const body of BODIES) {
        const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: constructor\n  namespace: __proto__\n${body}`;
        const findings = lintText(text, 'a.yaml');
        assert.ok(findings.every((f) => f.range.start.line >= 0), `${kind} ${apiVersion}`);
        simulate({ objects: objectsFromTexts([['a.yaml', text]]) });
        runs++;
      }
  assert.equal(runs, NAMES.length * 4 * BODIES.length);
});

// Found by the fuzz test's random seed: a mapping whose key is an Object member name (`{ toString: 0 }`) where a
// string belongs made String() throw inside the schema walk, and every schema rule reported an internal error.
test('a mapping like { toString: 0 } where a scalar belongs is a type error, never an internal error', () => {
  const hostile = ['{ toString: 0 }', '{ valueOf: 1, toString: 2 }', '{ constructor: x }'];
  for (const value of hostile) {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  labels: { app: ${value} }\nspec:\n  replicas: ${value}\n  selector:\n    matchLabels: { app: ${value} }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: ${value}\n`;
    const findings = lintText(text, 'a.yaml');
    assert.deepEqual(findings.filter((f) => /Internal error/.test(f.message)).map((f) => f.message), [], value);
    assert.ok(findings.some((f) => f.rule === 'schema' && /must be a string, not an object/.test(f.message)), `a type error for ${value}`);
    simulate({ objects: objectsFromTexts([['a.yaml', text]]) });
  }
});
