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
