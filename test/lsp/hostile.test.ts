import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
after(() => client.shutdown());

test('a 50 MB file gets one clear note and the server keeps answering for other files', async () => {
  await client.initialize();
  const big = 'file:///tmp/kubeplan-hostile/huge.yaml';
  const small = 'file:///tmp/kubeplan-hostile/small.yaml';
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\ndata:\n  k: v\n---\n';
  const text = doc.repeat(Math.ceil(50_000_000 / doc.length));
  const bigDiags = client.waitFor(big, () => true, 60_000);
  await client.open(big, text);
  const smallDiags = client.waitFor(small, (d) => d.length > 0, 60_000);
  await client.open(small, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
  const [b, s] = await Promise.all([bigDiags, smallDiags]);
  assert.deepEqual(b.map((d) => d.code), ['file-too-large']);
  assert.match(String(b[0]!.message), /not linted/);
  assert.ok(s.some((d) => d.code === 'default-namespace'));
});

test('the server survives a document of pure binary noise', async () => {
  const uri = 'file:///tmp/kubeplan-hostile/binary.yaml';
  let noise = 'apiVersion: v1\nkind: ConfigMap\n';
  for (let i = 0; i < 100_000; i++) noise += String.fromCharCode((i * 7919) % 256);
  const wait = client.waitFor(uri, () => true, 60_000);
  await client.open(uri, noise);
  const d = await wait;
  assert.ok(d.length >= 1 && d.length <= 20);
  assert.ok(d.every((x) => x.code === 'yaml-syntax'));
  assert.equal(client.process.exitCode, null, 'server still running');
});
