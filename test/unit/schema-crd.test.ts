import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES, Workspace, type Finding } from '../../server/src/engine';

const crd = (extraProperty = '') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              description: The desired widget.
              required: [size]
              properties:
                size:
                  type: integer
                  minimum: 1
                  description: How many cogs.
                color:
                  type: string
                  enum: [red, green]
                port:
                  x-kubernetes-int-or-string: true
                tags:
                  type: object
                  additionalProperties: { type: string }
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true${extraProperty}
    - name: v1beta1
      served: false
      storage: false
`;

const CR = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w1
  namespace: shop
spec:
  size: "3"
  colour: red
  port: http
  tags: { a: b }
  extra: { anything: [1, 2] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w2, namespace: shop }
spec:
  color: blue
  size: 0
---
apiVersion: example.com/v1beta1
kind: Widget
metadata: { name: w3, namespace: shop }
spec: { size: 1 }
`;

function schemaFindings(ws: Workspace, file: string): string[] {
  return ws
    .findings(file)
    .filter((f: Finding) => f.rule === 'schema')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

const EXPECTED = [
  '7:9 "size" must be an integer, not the string "3". Remove the quotes.',
  '8:3 Unknown field "colour" in Widget.spec; did you mean "color"?',
  '17:10 "color" must be one of "red", "green"; got "blue".',
  '18:9 "size" must be at least 1.',
  '20:13 CustomResourceDefinition widgets.example.com does not serve version "v1beta1" (served: v1).',
];

test('custom resources are validated against the CRD found in another file', () => {
  const ws = new Workspace();
  ws.setFile('crd.yaml', crd());
  ws.setFile('widgets.yaml', CR);
  assert.deepEqual(schemaFindings(ws, 'widgets.yaml'), EXPECTED);
  assert.deepEqual(schemaFindings(ws, 'crd.yaml'), [], 'the CRD itself is a valid CustomResourceDefinition');
});

test('editing the CRD re-validates its custom resources; removing it drops the findings', () => {
  const ws = new Workspace();
  ws.setFile('crd.yaml', crd());
  ws.setFile('widgets.yaml', CR);
  assert.equal(schemaFindings(ws, 'widgets.yaml').length, 5);
  ws.setFile('crd.yaml', crd('\n                colour:\n                  type: string'));
  assert.deepEqual(schemaFindings(ws, 'widgets.yaml'), EXPECTED.filter((m) => !m.includes('colour')));
  ws.removeFile('crd.yaml');
  assert.deepEqual(schemaFindings(ws, 'widgets.yaml'), [], 'without its CRD a custom resource is not an error');
});

test('a custom resource without a CRD is not an error, but its metadata is still checked', () => {
  const ws = new Workspace();
  ws.setFile('cr.yaml', 'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: Bad_Name\n  namespace: shop\n  lables: {}\nspec: { whatever: 1 }\n');
  const f = ws.findings('cr.yaml').filter((x) => x.rule === 'schema' || x.rule === 'invalid-name').sort((a, b) => a.range.start.line - b.range.start.line);
  assert.deepEqual(
    f.map((x) => `${x.rule} ${x.range.start.line + 1}:${x.range.start.character + 1}`),
    ['invalid-name 4:9', 'schema 6:3'],
  );
  assert.match(f[1]!.message, /Unknown field "lables" in ObjectMeta; did you mean "labels"\?/);
});

test('a CRD in the same file as its custom resources works too, in any order', () => {
  const ws = new Workspace();
  ws.setFile('all.yaml', `${CR}---\n${crd()}`);
  assert.deepEqual(schemaFindings(ws, 'all.yaml'), EXPECTED);
});

test('schema is listed once in the rule registry although two passes report it', () => {
  assert.equal(ALL_RULES.filter((r) => r.id === 'schema').length, 1);
});
