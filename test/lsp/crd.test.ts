import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
before(() => client.initialize());
after(() => client.shutdown());

const crd = (fields: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gadgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { plural: gadgets, kind: Gadget }
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
              properties:
${fields}
`;

const CR = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g, namespace: shop }\nspec:\n  size: 3\n  color: red\n';
const crdUri = 'file:///tmp/kubeplan-crd-lsp/crd.yaml';
const crUri = 'file:///tmp/kubeplan-crd-lsp/gadget.yaml';
const schemaMessages = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema').map((x) => String(x.message));

test('a custom resource gets diagnostics from a CRD in another file, updated when the CRD is edited or closed', async () => {
  const crdPublished = client.waitFor(crdUri);
  await client.open(crdUri, crd('                size: { type: integer }'));
  await crdPublished;
  const first = client.waitFor(crUri);
  await client.open(crUri, CR);
  assert.deepEqual(schemaMessages(await first), ['Unknown field "color" in Gadget.spec.']);

  // the CRD gains the field: the custom resource's diagnostics are republished without it
  const cleared = client.waitFor(crUri, (d) => schemaMessages(d).length === 0);
  await client.change(crdUri, 2, [{ text: crd('                size: { type: integer }\n                color: { type: string, enum: [red, blue] }') }]);
  await cleared;

  // the CRD now rejects the value
  const enumError = client.waitFor(crUri, (d) => schemaMessages(d).length === 1);
  await client.change(crdUri, 3, [{ text: crd('                size: { type: integer }\n                color: { type: string, enum: [blue] }') }]);
  assert.deepEqual(schemaMessages(await enumError), ['"color" must be one of "blue"; got "red".']);

  // the CRD file goes away (never saved): its custom resources are no longer checked
  const gone = client.waitFor(crUri, (d) => schemaMessages(d).length === 0);
  await client.close(crdUri);
  await gone;
});
