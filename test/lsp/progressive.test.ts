import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
after(() => client.shutdown());

/** A Deployment without limits: object-rule findings in every document, down to the last line. */
const doc = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web-${i} }
  template:
    metadata:
      labels: { app: web-${i} }
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

test('a big file publishes the documents linted so far while it is linted, then everything', async () => {
  client.settings = { simulate: { onType: false } };
  await client.initialize();
  const uri = 'file:///tmp/kubeplan-lsp/progressive.yaml';
  const count = 800;
  const text = Array.from({ length: count }, (_, i) => doc(i)).join('---\n');
  const publishes: Diagnostic[][] = [];
  client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    if (p.uri === uri) publishes.push(p.diagnostics);
  });
  const stats = () => client.connection.sendRequest('kubeplan/debug/stats') as Promise<{ lintRuns: Record<string, number>; partialPublishes: number }>;
  await client.open(uri, text);
  const deadline = Date.now() + 120_000;
  while (((await stats()).lintRuns[uri] ?? 0) < 1) {
    assert.ok(Date.now() < deadline, 'the lint completes');
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 200)); // the publish that completes it
  const { partialPublishes } = await stats();
  assert.ok(partialPublishes >= 1, `partial publishes: ${partialPublishes}`);
  assert.ok(publishes.length >= 2, `publishes: ${publishes.length}`);
  const full = publishes.at(-1)!;
  const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
  const all = new Set(full.map(key));
  const lastLine = text.split('\n').length - 2;
  assert.ok(full.some((d) => d.range.start.line > lastLine - 16), 'the last document has its findings');
  const first = publishes[0]!;
  assert.ok(first.length > 0 && first.length < full.length, `first ${first.length} of ${full.length}`);
  for (const partial of publishes.slice(0, -1)) {
    // what a partial publish shows is true: each of its diagnostics is in the complete set; they come from the top down
    for (const d of partial) assert.ok(all.has(key(d)), `partial diagnostic not in the final set: ${key(d)}`);
    const maxLine = Math.max(...partial.map((d) => d.range.start.line));
    const below = full.filter((d) => d.range.start.line <= maxLine - 16 && d.source === 'kubeplan' && /^missing-(cpu|memory)-/.test(String(d.code)));
    const shown = new Set(partial.map(key));
    for (const d of below) assert.ok(shown.has(key(d)), `a document above the last linted one lacks ${key(d)}`);
  }
});
