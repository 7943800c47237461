import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/edits';
import { LspClient } from '../helpers/lspClient';
import { tempProject, WEB_DEPLOYMENT as DEPLOYMENT } from '../helpers/project';

const project = (files: Record<string, string>) => tempProject(files, 'kubeplan-lsp-config-');

const codes = (d: readonly Diagnostic[]) => d.map((x) => String(x.code));
const has = (rule: string) => (d: Diagnostic[]) => codes(d).includes(rule);
const lacks = (rule: string) => (d: Diagnostic[]) => d.length > 0 && !codes(d).includes(rule);

describe('settings and .kubeplan.yaml in the language server', () => {
  const ws = project({ '.kubeplan.yaml': 'rules:\n  missing-cpu-limit: off\n', 'web.yaml': DEPLOYMENT });
  const client = new LspClient();
  const web = ws.uri('web.yaml');
  const config = ws.uri('.kubeplan.yaml');

  before(async () => {
    await client.initialize(pathToFileURL(ws.dir).href);
  });
  after(async () => {
    await client.shutdown();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('the first scan already lints with .kubeplan.yaml: a rule it turns off is never published', async () => {
    const d = await client.waitFor(web, (x) => x.length > 0, 15_000, true);
    assert.ok(codes(d).includes('missing-memory-limit'), JSON.stringify(codes(d)));
    assert.ok(!codes(d).includes('missing-cpu-limit'));
    assert.equal(client.published.filter((p) => p.uri === config).length, 0, 'a valid config gets no diagnostics');
  });

  test('didChangeConfiguration: kubeplan.rules is pulled and the diagnostics follow (settings override the file)', async () => {
    client.settings = { kubeplan: { rules: { 'missing-memory-limit': 'off', 'missing-cpu-limit': 'warning' } } };
    const wait = client.waitFor(web, (d) => lacks('missing-memory-limit')(d) && has('missing-cpu-limit')(d));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const d = await wait;
    assert.equal(d.find((x) => x.code === 'missing-cpu-limit')!.severity, 2, 'as the setting says: warning');
    client.settings = { kubeplan: { exclude: ['web.yaml'] } };
    const excluded = client.waitFor(web, (x) => x.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await excluded;
    client.settings = {};
    const back = client.waitFor(web, (x) => x.length > 0 && !has('missing-cpu-limit')(x));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
  });

  test('typing in .kubeplan.yaml validates it (located, did-you-mean) and re-lints every file', async () => {
    const problems = client.waitFor(config, (d) => d.length > 0);
    await client.open(config, 'rulez:\n  missing-cpu-limit: off\n');
    const d = await problems;
    assert.equal(d[0]!.severity, 1);
    assert.deepEqual(d[0]!.range.start, { line: 0, character: 0 });
    assert.match(String(d[0]!.message), /Unknown setting "rulez" \(did you mean "rules"\?\)/);
    // the broken key no longer turns the rule off
    await client.waitFor(web, has('missing-cpu-limit'), 10_000, true);
    const fixed = client.waitFor(config, (x) => x.length === 0);
    const relinted = client.waitFor(web, (x) => x.length > 0 && !has('missing-cpu-limit')(x) && !has('missing-liveness-probe')(x));
    await client.change(config, 2, [{ text: 'rules:\n  missing-cpu-limit: off\n  missing-liveness-probe: off\n' }]);
    await fixed;
    await relinted;
    await client.close(config);
  });

  test('a .kubeplan.yaml changed on disk (watched file) re-lints', async () => {
    writeFileSync(join(ws.dir, '.kubeplan.yaml'), 'rules:\n  missing-readiness-probe: off\n');
    const wait = client.waitFor(web, (d) => lacks('missing-readiness-probe')(d) && has('missing-cpu-limit')(d));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    await wait;
  });

  test('suppress: entries that hide nothing are reported on .kubeplan.yaml once linting settles', async () => {
    writeFileSync(join(ws.dir, '.kubeplan.yaml'), 'suppress:\n  - rules: [missing-cpu-limit]\n    kind: StatefulSet\n  - rules: [missing-memory-limit]\n    name: web\n');
    const unused = client.waitFor(config, (d) => d.length === 1, 10_000);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    const d = await unused;
    assert.equal(d[0]!.code, 'unused-suppression');
    assert.equal(d[0]!.range.start.line, 1);
    assert.match(String(d[0]!.message), /"missing-cpu-limit" for kind StatefulSet suppresses nothing/);
    await client.waitFor(web, lacks('missing-memory-limit'), 10_000, true);
  });
});

describe('workspace trust and the cluster file', () => {
  const outside = project({ 'cluster.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  capacity: { cpu: lots }\n' });
  const ws = project({ 'web.yaml': DEPLOYMENT, '.kubeplan/cluster.yaml': 'apiVersion: v1\nkind: Nod\nmetadata:\n  name: a\n' });
  const client = new LspClient();
  const messages: string[] = [];
  const outsideCluster = outside.uri('cluster.yaml');

  before(async () => {
    client.connection.onNotification('window/showMessage', (p: { message: string }) => void messages.push(p.message));
    await client.initialize(pathToFileURL(ws.dir).href, { isTrusted: false });
  });
  after(async () => {
    await client.shutdown();
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(outside.dir, { recursive: true, force: true });
  });

  test('the cluster file is validated with located errors, and not linted as manifests', async () => {
    const d = await client.waitFor(ws.uri('.kubeplan/cluster.yaml'), (x) => x.length > 0, 10_000, true);
    assert.deepEqual(codes(d), ['cluster-file']);
    assert.equal(d[0]!.range.start.line, 1);
  });

  test('untrusted: kubeplan.clusterFile outside the workspace is ignored (and said so); trusted: it is used', async () => {
    client.settings = { kubeplan: { clusterFile: join(outside.dir, 'cluster.yaml') } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const deadline = Date.now() + 10_000;
    while (!messages.some((m) => m.includes('kubeplan.clusterFile')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(messages.join('\n'), /kubeplan\.clusterFile .* points outside the workspace and is ignored until you trust this workspace/);
    assert.equal(client.latest(outsideCluster), undefined, 'the outside file was not even read');
    const used = client.waitFor(outsideCluster, (x) => x.length > 0, 10_000);
    await client.connection.sendNotification('kubeplan/workspaceTrust', { isTrusted: true });
    const d = await used;
    assert.ok(codes(d).every((c) => c === 'cluster-file'), JSON.stringify(d));
    assert.ok(d.some((x) => /lots/.test(String(x.message))), 'the outside file\'s own error');
  });
});

describe('suppress quick fixes over LSP', () => {
  const client = new LspClient();
  const uri = 'file:///tmp/kubeplan-lsp-suppress/web.yaml';
  before(() => client.initialize());
  after(() => client.shutdown());

  test('"Suppress <rule> for <object>" is one workspace edit, after the rule\'s own fixes, and removes the finding', async () => {
    const opened = client.waitFor(uri, has('missing-cpu-limit'));
    await client.open(uri, DEPLOYMENT);
    const d = (await opened).find((x) => x.code === 'missing-cpu-limit')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as {
      title: string;
      isPreferred?: boolean;
      edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
    }[];
    const titles = actions.map((a) => a.title);
    const at = titles.indexOf('Suppress missing-cpu-limit for Deployment "web"');
    assert.ok(at >= 0, JSON.stringify(titles));
    assert.ok(titles.indexOf('Suppress missing-cpu-limit for container "web" only') > at);
    const firstSuppress = titles.findIndex((t) => t.startsWith('Suppress'));
    assert.ok(titles.slice(firstSuppress).every((t) => t.startsWith('Suppress')), 'rules\' own fixes come first');
    assert.ok(actions.every((a) => !a.isPreferred || !a.title.startsWith('Suppress')), 'a suppression is never the preferred fix');
    const action = actions[at]!;
    assert.deepEqual(Object.keys(action.edit.changes), [uri]);
    const next = applyEdits(DEPLOYMENT, action.edit.changes[uri]!);
    const gone = client.waitFor(uri, (x) => x.length > 0 && !has('missing-cpu-limit')(x) && !has('unused-suppression')(x));
    await client.change(uri, 2, [{ text: next }]);
    await gone;
  });
});
