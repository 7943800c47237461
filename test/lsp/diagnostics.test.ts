import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
after(() => client.shutdown());

/** These tests follow the resource and probe findings; the other rules' findings are checked in test/unit. */
const RESOURCE_OR_PROBE = /^missing-.*(request|limit|probe)$/;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
  selector:
    matchLabels: { app: web }
`;

test('initialize advertises incremental sync and quick fixes', async () => {
  const result = (await client.initialize()) as { capabilities: { textDocumentSync: { change: number }; codeActionProvider: unknown } };
  assert.equal(result.capabilities.textDocumentSync.change, 2);
  assert.ok(result.capabilities.codeActionProvider);
});

test('didOpen publishes located diagnostics with source, code and docs link', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/web.yaml';
  const wait = client.waitFor(uri);
  await client.open(uri, DEPLOYMENT);
  const diags = (await wait).filter((d) => RESOURCE_OR_PROBE.test(String(d.code)));
  const codes = diags.map((d) => d.code).sort();
  assert.deepEqual(codes, ['missing-cpu-limit', 'missing-cpu-request', 'missing-liveness-probe', 'missing-memory-limit', 'missing-memory-request', 'missing-readiness-probe']);
  for (const d of diags) {
    assert.equal(d.source, 'kubeplan');
    assert.deepEqual(d.range.start, { line: 9, character: 10 });
    assert.match(d.codeDescription!.href, new RegExp(`#${d.code}$`));
  }
  assert.equal(diags.find((d) => d.code === 'missing-cpu-limit')!.severity, 3);
  assert.equal(diags.find((d) => d.code === 'missing-cpu-request')!.severity, 2);
});

test('an incremental didChange that adds requests updates the diagnostics', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/web.yaml';
  const wait = client.waitFor(uri, (d) => !d.some((x) => x.code === 'missing-cpu-request'));
  await client.change(uri, 2, [
    { range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: '          resources:\n            requests: { cpu: 100m, memory: 64Mi }\n' },
  ]);
  const diags = (await wait).filter((d) => RESOURCE_OR_PROBE.test(String(d.code)));
  const codes = diags.map((d) => d.code).sort();
  assert.deepEqual(codes, ['missing-cpu-limit', 'missing-liveness-probe', 'missing-memory-limit', 'missing-readiness-probe']);
  const limit = diags.find((d) => d.code === 'missing-cpu-limit')!;
  assert.deepEqual(limit.range.start, { line: 11, character: 10 }, 'limit findings move to the resources: key');
});

test('an edit in a later document shifts nothing in earlier ones and relocates its own findings', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/multi.yaml';
  // default-namespace is a workspace rule: its findings come with the workspace pass, right after the first publish
  const first = client.waitFor(uri, (d) => d.length === 2);
  await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
  assert.deepEqual((await first).map((d) => d.range.start.line), [3, 8]);
  const second = client.waitFor(uri, (d) => d.length === 2 && d[1]!.range.start.line === 10);
  await client.change(uri, 2, [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, text: '\n# inserted\n' }]);
  const diags = await second;
  assert.deepEqual(diags.map((d) => d.range.start.line), [3, 10]);
});

test('YAML that is not Kubernetes gets an empty diagnostics list', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/ci.yaml';
  const wait = client.waitFor(uri);
  await client.open(uri, 'name: build\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
  assert.deepEqual(await wait, []);
});

test('a syntax error while typing is reported at its place', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/typing.yaml';
  const wait = client.waitFor(uri);
  await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: b\ndata:\n  key: "unterminated\n');
  const diags = await wait;
  assert.equal(diags.length >= 1, true);
  assert.equal(diags[0]!.code, 'yaml-syntax');
  assert.equal(diags[0]!.severity, 1);
  assert.ok(diags[0]!.range.start.line >= 6);
});

test('a burst of 20 edits yields one lint, of the final text', async () => {
  const uri = 'file:///tmp/kubeplan-lsp/burst.yaml';
  const opened = client.waitFor(uri);
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
  await client.open(uri, text);
  await opened;
  const stats = () => client.connection.sendRequest('kubeplan/debug/stats') as Promise<{ lintRuns: Record<string, number>; lintedVersion: Record<string, number> }>;
  const before = (await stats()).lintRuns[uri]!;
  assert.equal(before, 1);
  // twenty keystrokes that reach the server together (one write): it must lint once, after the last
  const edits: Parameters<LspClient['changeBurst']>[1] = [];
  for (let v = 2; v <= 21; v++) {
    const line = text.split('\n')[3]!;
    edits.push({ version: v, changes: [{ range: { start: { line: 3, character: line.length }, end: { line: 3, character: line.length } }, text: String(v % 10) }] });
    text = text.replace(line, line + String(v % 10));
  }
  client.changeBurst(uri, edits);
  const name = text.split('\n')[3]!.replace('  name: ', '');
  assert.equal(name, 'a23456789012345678901');
  const last = await client.waitFor(uri, (d) => d.some((x) => String(x.message).includes(`"${name}"`)));
  assert.equal(last.length, 1);
  const after = await stats();
  assert.equal(after.lintRuns[uri]! - before, 1, 'one lint for the burst');
  assert.equal(after.lintedVersion[uri], 21, 'of the final text');
});
