import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { SimulateResponse } from '../../server/src/protocol/preview';
import { LspClient, ROOT } from '../helpers/lspClient';
import { tempProject } from '../helpers/project';

const workspaceWith = (files: Record<string, string>) => tempProject(files, 'kubeplan-preview-');

const FIXTURE = join(ROOT, 'test', 'fixtures', 'preview');
const sim = (d: Diagnostic[]) => d.filter((x) => String(x.code).startsWith('sim-'));

function onTypeSetting(client: LspClient, onType: boolean): Promise<void> {
  return client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kubeplan: { simulate: { onType } } } });
}

describe('kubeplan/simulate and sim- diagnostics on the shop fixture', () => {
  const client = new LspClient();
  const ws = workspaceWith({});
  const progress: { token: string | number; value: { kind: string; percentage?: number; message?: string } }[] = [];
  const summaries: { files: Record<string, { total: number; pending: number }> }[] = [];

  before(async () => {
    cpSync(FIXTURE, ws.dir, { recursive: true });
    client.connection.onNotification('$/progress', (p: (typeof progress)[number]) => {
      progress.push(p);
    });
    client.connection.onNotification('kubeplan/simulationSummary', (p: (typeof summaries)[number]) => {
      summaries.push(p);
    });
    await client.initialize(pathToFileURL(ws.dir).href);
  });
  after(async () => {
    await client.shutdown();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('the on-type simulation puts sim- findings on the manifest lines that cause them', async () => {
    const reports = await client.waitFor(ws.uri('reports.yaml'), (d) => sim(d).length > 0, 20_000, true);
    const unschedulable = reports.find((d) => d.code === 'sim-unschedulable')!;
    assert.ok(unschedulable, JSON.stringify(reports));
    const line = readFileSync(join(ws.dir, 'reports.yaml'), 'utf8').split('\n')[unschedulable.range.start.line]!;
    assert.match(line, /^\s+cpu: "16"$/, 'on the cpu request that does not fit');
    assert.equal(unschedulable.severity, 1);
    assert.equal(unschedulable.source, 'kubeplan');
    assert.match(String(unschedulable.message), /stays? Pending: 0\/4 nodes are available: .*Insufficient cpu/);
    assert.match(unschedulable.codeDescription!.href, /#sim-unschedulable$/);

    const shop = await client.waitFor(ws.uri('shop.yaml'), (d) => d.some((x) => x.code === 'sim-crash-loop'), 20_000, true);
    const crash = shop.find((d) => d.code === 'sim-crash-loop')!;
    const shopLines = readFileSync(join(ws.dir, 'shop.yaml'), 'utf8').split('\n');
    assert.match(shopLines[crash.range.start.line]!, /sim\.kubeplan\.dev\/exit-after-seconds/);
    const endpoints = shop.filter((d) => d.code === 'sim-no-ready-endpoints');
    assert.equal(endpoints.length, 1, 'repeated outages of one Service are one diagnostic');
    assert.match(shopLines[endpoints[0]!.range.start.line]!, /selector: \{ app: api \}/);
    for (let i = 0; i < 100 && !summaries.some((s) => s.files[ws.uri('reports.yaml')]); i++) await new Promise((r) => setTimeout(r, 50));
    const summary = summaries.findLast((s) => s.files[ws.uri('reports.yaml')])!;
    assert.deepEqual(summary.files[ws.uri('reports.yaml')], { total: 1, pending: 1, ready: 0, failing: 0 }, 'pod counts per file for the status bar');
    assert.equal(summary.files[ws.uri('shop.yaml')]!.total, 5);
  });

  test('fixing the manifest removes the finding; lint findings stay', async () => {
    const uri = ws.uri('reports.yaml');
    const text = readFileSync(join(ws.dir, 'reports.yaml'), 'utf8');
    await client.open(uri, text);
    const fixed = client.waitFor(uri, (d) => sim(d).length === 0, 20_000);
    await client.change(uri, 2, [{ text: text.replace('cpu: "16"', 'cpu: 500m') }]);
    const after = await fixed;
    assert.ok(after.every((d) => d.source === 'kubeplan'));
    const back = client.waitFor(uri, (d) => d.some((x) => x.code === 'sim-unschedulable'), 20_000);
    await client.change(uri, 3, [{ text }]);
    await back;
  });

  test('kubeplan.simulate.onType: false removes sim- diagnostics, true brings them back', async () => {
    const uri = ws.uri('shop.yaml');
    const gone = client.waitFor(uri, (d) => sim(d).length === 0, 10_000);
    await onTypeSetting(client, false);
    const without = await gone;
    // nothing simulates while off: an edit brings lint diagnostics only
    const reports = ws.uri('reports.yaml');
    const edited = client.waitFor(reports, () => true, 10_000);
    await client.change(reports, 4, [{ text: readFileSync(join(ws.dir, 'reports.yaml'), 'utf8') + '\n' }]);
    await edited;
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(sim(client.latest(reports)!), []);
    assert.deepEqual(sim(client.latest(uri)!), []);
    assert.ok(without.length >= 0);
    const back = client.waitFor(uri, (d) => d.some((x) => x.code === 'sim-crash-loop'), 20_000);
    await onTypeSetting(client, true);
    await back;
  });

  test('the request returns the simulation of a folder, with work-done progress', async () => {
    const token = 'test-progress-1';
    // a folder (not the workspace, which the on-type run may have answered already) runs a fresh simulation
    const response = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'folder', uri: pathToFileURL(ws.dir).href, workDoneToken: token })) as SimulateResponse;
    assert.equal(response.error, undefined);
    const r = response.result!;
    assert.deepEqual(response.files.sort(), [ws.uri('reports.yaml'), ws.uri('shop.yaml')]);
    assert.equal(r.scenario, 'apply');
    assert.equal(r.nodes.length, 4);
    assert.equal(r.pods.length, 6);
    assert.deepEqual(r.services.map((s) => s.dns).sort(), ['api.shop.svc.cluster.local', 'web.shop.svc.cluster.local']);
    const pending = r.pods.filter((p) => !p.node);
    assert.equal(pending.length, 1);
    assert.match(pending[0]!.scheduling!.message!, /Insufficient cpu/);
    const mine = progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.equal(mine[0], 'begin');
    assert.ok(mine.includes('report'));
    assert.equal(mine.at(-1), 'end');
  });

  test('file and folder scopes; a file without objects is a message, not an error', async () => {
    const file = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'file', uri: ws.uri('reports.yaml') })) as SimulateResponse;
    assert.deepEqual(file.files, [ws.uri('reports.yaml')]);
    assert.deepEqual(file.result!.pods.map((p) => p.owner), ['Job/nightly-report'], 'only that file’s workloads (its namespace comes from the workspace)');
    assert.deepEqual(file.result!.applyErrors, []);
    const whole = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'workspace' })) as SimulateResponse;
    assert.equal(whole.result!.pods.length, 6);
    writeFileSync(join(ws.dir, 'notes.yaml'), 'title: not kubernetes\n');
    const none = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'file', uri: ws.uri('notes.yaml') })) as SimulateResponse;
    assert.equal(none.result, undefined);
    assert.match(none.error!, /No Kubernetes objects in this file/);
  });

  test('scenarios: fail a node, roll out a Deployment', async () => {
    // the params the page sends; the shop's API crash-loops, so the cluster never settles: the node fails at 120 s
    for (const scenario of [{ kind: 'node-failure', node: 'worker-a' }, { kind: 'node-failure' }]) {
      const failed = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'workspace', scenario })) as SimulateResponse;
      assert.equal(failed.error, undefined);
      const r = failed.result!;
      assert.equal(r.scenario, 'node-failure');
      const failure = r.events.find((e) => e.reason === 'SimulatedFailure');
      assert.ok(failure, JSON.stringify(scenario));
      assert.equal(failure.time, 120);
      const name = failure.object.replace('Node/', '');
      if (scenario.node) assert.equal(name, scenario.node);
      const node = r.nodes.find((n) => n.name === name)!;
      assert.equal(node.ready, false, `${name} is NotReady at the end`);
      assert.ok(node.taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute'));
      assert.ok(r.events.some((e) => e.reason === 'TaintManagerEviction' && e.time === 475));
      const web = r.pods.filter((p) => p.name.startsWith('web-') && p.reason !== 'Terminating');
      assert.ok(web.every((p) => p.node !== name && p.ready), 'web runs elsewhere');
    }
    const rollout = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'workspace', scenario: { kind: 'rollout', deployment: 'shop/web' } })) as SimulateResponse;
    assert.equal(rollout.result!.scenario, 'rollout');
    assert.equal(rollout.error, undefined);
  });
});

/**
 * 2,000 crash-looping replicas on the default cluster (most stay Pending and are retried): a second or more of
 * simulation when nothing cancels it, so a cancellation lands while it runs (400 took under 300 ms once the
 * simulator got faster).
 */
const HEAVY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: flaky, namespace: default }
spec:
  replicas: 2000
  selector: { matchLabels: { app: flaky } }
  template:
    metadata:
      labels: { app: flaky }
      annotations: { sim.kubeplan.dev/exit-after-seconds: "3" }
    spec:
      containers:
        - name: app
          image: busybox:1.36
          resources: { requests: { cpu: 10m, memory: 16Mi } }
`;

describe('cancellation', () => {
  const ws = workspaceWith({ 'flaky.yaml': HEAVY, 'tiny.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: tiny, namespace: default }\nspec:\n  containers: [{ name: c, image: busybox:1.36 }]\n' });
  const client = new LspClient();

  before(async () => {
    client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ simulate: { onType: false } })));
    await client.initialize(pathToFileURL(ws.dir).href);
    await client.waitFor(ws.uri('flaky.yaml'), () => true, 10_000, true);
  });
  after(async () => {
    await client.shutdown();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('$/cancelRequest stops the simulation: the request fails fast with RequestCancelled and the server is free again', async () => {
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const { WorkDoneProgress } = await import('vscode-languageserver-protocol');
    const cts = new CancellationTokenSource();
    const started = performance.now();
    // cancelled once the run reports it is under way (less than half done), or after 300 ms, whichever comes first
    const token = 'cancel-me';
    const watching = client.connection.onProgress(WorkDoneProgress.type, token, (p) => {
      if (p.kind === 'report' && (p.percentage ?? 0) < 50) cts.cancel();
    });
    const pending = client.connection.sendRequest('kubeplan/simulate', { scope: 'workspace', workDoneToken: token }, cts.token);
    setTimeout(() => cts.cancel(), 300);
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    watching.dispose();
    const cancelledAfter = performance.now() - started;
    assert.ok(cancelledAfter < 5000, `cancelled after ${Math.round(cancelledAfter)} ms`);
    // if the cancelled run kept going, this tiny request would wait behind it for seconds
    const t = performance.now();
    const tiny = (await client.connection.sendRequest('kubeplan/simulate', { scope: 'file', uri: ws.uri('tiny.yaml') })) as SimulateResponse;
    assert.equal(tiny.result!.pods.length, 1);
    assert.ok(performance.now() - t < 5000, `tiny run took ${Math.round(performance.now() - t)} ms`);
  });

  test('a newer request cancels the stale one', async () => {
    const first = client.connection.sendRequest('kubeplan/simulate', { scope: 'workspace' });
    await new Promise((r) => setTimeout(r, 100));
    const second = client.connection.sendRequest('kubeplan/simulate', { scope: 'file', uri: ws.uri('tiny.yaml') });
    await assert.rejects(first, (e: { code?: number }) => e.code === -32800);
    assert.equal(((await second) as SimulateResponse).result!.pods.length, 1);
  });
});

describe('on-type simulation and edits', () => {
  const ws = workspaceWith({ 'flaky.yaml': HEAVY });
  const client = new LspClient();
  type OnTypeStats = { started: number; cancelled: number; completed: number };
  const stats = () => client.connection.sendRequest('kubeplan/debug/simulation') as Promise<OnTypeStats>;
  const until = async (what: string, ok: (s: OnTypeStats) => boolean): Promise<OnTypeStats> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = await stats();
      if (ok(s)) return s;
      assert.ok(Date.now() < deadline, `${what}: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  before(async () => {
    await client.initialize(pathToFileURL(ws.dir).href);
    const opened = client.waitFor(ws.uri('flaky.yaml'), () => true, 20_000);
    await client.open(ws.uri('flaky.yaml'), HEAVY);
    await opened;
  });
  after(async () => {
    await client.shutdown();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  test('an edit cancels the on-type simulation in flight; the stale run publishes nothing and the new text is simulated', async () => {
    const running = await until('an on-type run starts after the lint', (s) => s.started > s.cancelled + s.completed);
    const edited = client.waitFor(ws.uri('flaky.yaml'), (d) => d.some((x) => String(x.code) === 'missing-cpu-limit'), 20_000);
    await client.change(ws.uri('flaky.yaml'), 2, [{ text: HEAVY.replace('busybox:1.36', 'busybox:1.37') }]);
    await edited;
    const after = await until('the run in flight is cancelled', (s) => s.cancelled > running.cancelled);
    assert.equal(after.completed, running.completed, 'the stale run did not finish');
    await until('the edited text is simulated once typing pauses', (s) => s.started > running.started);
  });
});
