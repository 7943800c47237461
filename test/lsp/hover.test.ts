import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
before(() => client.initialize());
after(() => client.shutdown());

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    spec:
      # a comment
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolcy: Always
          resources:
            limits: { memory: 500mi }
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, kind: Widget }
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
                size: { type: integer, description: How many cogs the widget has. }
`;

test('initialize advertises hover', async () => {
  const c = new LspClient();
  try {
    const r = (await c.initialize()) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(r.capabilities.hoverProvider, true);
  } finally {
    await c.shutdown();
  }
});

test('hover on a field shows its type, owner and schema description', async () => {
  const uri = 'file:///tmp/kubeplan-hover/web.yaml';
  const published = client.waitFor(uri);
  await client.open(uri, DEPLOYMENT);
  await published;
  const h = await client.hover(uri, 13, 12);
  assert.ok(h);
  assert.match(h.markdown, /^\*\*image\*\* `string` · Container\n\nContainer image name\./);
  assert.match(h.markdown, /apps\/v1 Deployment/);
  assert.deepEqual(h.range, { start: { line: 13, character: 10 }, end: { line: 13, character: 15 } });
  const replicas = await client.hover(uri, 6, 4);
  assert.match(replicas!.markdown, /^\*\*selector\*\* `LabelSelector` · DeploymentSpec/);
});

test('hover on a finding explains the rule: what, why, how to fix', async () => {
  const uri = 'file:///tmp/kubeplan-hover/web.yaml';
  const h = await client.hover(uri, 14, 14);
  assert.ok(h);
  assert.match(h.markdown, /^\*\*imagePullPolcy\*\* — not a field of `Container`/);
  assert.match(h.markdown, /\*\*Kubeplan `schema`\*\* \(error\)/);
  assert.match(h.markdown, /\*\*Why it matters\.\*\* The API server rejects/);
  assert.match(h.markdown, /\*\*How to fix\.\*\*/);
  const q = await client.hover(uri, 16, 32);
  assert.match(q!.markdown, /^\*\*memory\*\* `quantity` · ResourceRequirements/);
  assert.match(q!.markdown, /\*\*Kubeplan `invalid-quantity`\*\*/);
});

test('hover on a comment or blank shows nothing', async () => {
  const uri = 'file:///tmp/kubeplan-hover/web.yaml';
  assert.equal(await client.hover(uri, 10, 8), null);
});

test('hover on a custom resource uses its CRD from another file', async () => {
  const crdUri = 'file:///tmp/kubeplan-hover/crd.yaml';
  const crUri = 'file:///tmp/kubeplan-hover/widget.yaml';
  const a = client.waitFor(crdUri);
  await client.open(crdUri, CRD);
  await a;
  const b = client.waitFor(crUri);
  await client.open(crUri, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: shop }\nspec:\n  size: 3\n');
  await b;
  const h = await client.hover(crUri, 4, 3);
  assert.match(h!.markdown, /^\*\*size\*\* `integer` · Widget\.spec\n\nHow many cogs the widget has\./);
  assert.match(h!.markdown, /from the CustomResourceDefinition for Widget/);
  const meta = await client.hover(crUri, 2, 14);
  assert.match(meta!.markdown, /^\*\*name\*\* `string` · ObjectMeta/);
});
