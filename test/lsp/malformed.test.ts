// Never crash, never hang, at the protocol level: a client (a buggy extension host, another
// editor's LSP client) sends every request and notification the server handles with random
// and subtly wrong parameters. Every request is answered (a result or an error response, in
// time), the process stays up, and afterwards it still lints and hovers as usual.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LspClient } from '../helpers/lspClient';

/** Batches of one to five messages; cheap (an answer each), so npm test runs many. */
const RUNS = Number(process.env.MALFORMED_BATCHES ?? 1000);
const INVALID_PARAMS = -32602;
const REQUEST_CANCELLED = -32800;
const client = new LspClient();
const logged: string[] = [];
before(() => {
  client.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => void (p.type === 1 && logged.push(p.message)));
  return client.initialize();
});
after(() => client.shutdown());

const URI = 'file:///tmp/kubeplan-malformed/app.yaml';
const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:latest\n';

/** Values that are almost right: the type a field should have, at its edges, or the wrong type. */
const sly: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, '', 0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, true, [], {}, 'file:///', 'untitled:x', '%', 'file:///%E0%A4%A', 'http://example.com/x.yaml', '\u0000', 'a'.repeat(10_000)),
  fc.anything({ maxDepth: 3 }),
);
const position = fc.oneof(fc.record({ line: sly, character: sly }), fc.record({ line: fc.integer({ min: -5, max: 50 }), character: fc.integer({ min: -5, max: 500 }) }), sly);
const range = fc.oneof(fc.record({ start: position, end: position }), sly);
const uri = fc.oneof(fc.constant(URI), fc.constant('file:///tmp/kubeplan-malformed/unopened.yaml'), sly);
const textDocument = fc.oneof(fc.record({ uri }), fc.record({ uri, version: sly, text: fc.oneof(fc.string(), sly), languageId: fc.oneof(fc.constant('yaml'), sly) }), sly);

const requests: [string, fc.Arbitrary<unknown>][] = [
  ['textDocument/hover', fc.oneof(fc.record({ textDocument, position }), sly)],
  ['textDocument/codeAction', fc.oneof(fc.record({ textDocument, range, context: fc.oneof(fc.record({ diagnostics: fc.oneof(fc.array(fc.record({ range, message: sly, code: sly })), sly) }), sly) }), sly)],
  ['kubeplan/simulate', fc.oneof(fc.record({ uri, scope: fc.oneof(fc.constantFrom('file', 'folder', 'workspace'), sly), scenario: fc.oneof(fc.record({ kind: fc.oneof(fc.constantFrom('apply', 'node-failure', 'rollout', 'load'), sly), node: sly, deployment: sly, image: sly, at: sly }), sly) }), sly)],
  ['kubeplan/debug/stats', sly],
];
const notifications: [string, fc.Arbitrary<unknown>][] = [
  ['textDocument/didOpen', fc.oneof(fc.record({ textDocument }), sly)],
  ['textDocument/didChange', fc.oneof(fc.record({ textDocument, contentChanges: fc.oneof(fc.array(fc.oneof(fc.record({ text: fc.oneof(fc.string(), sly) }), fc.record({ range, text: fc.oneof(fc.string(), sly) }))), sly) }), sly)],
  ['textDocument/didClose', fc.oneof(fc.record({ textDocument }), sly)],
  ['textDocument/didSave', fc.oneof(fc.record({ textDocument }), sly)],
  ['workspace/didChangeConfiguration', fc.oneof(fc.record({ settings: fc.oneof(fc.record({ kubeplan: fc.oneof(fc.record({ clusterFile: sly, rules: sly, exclude: sly, enable: sly, kubernetesVersion: sly, simulate: sly }), sly) }), sly) }), sly)],
  ['workspace/didChangeWatchedFiles', fc.oneof(fc.record({ changes: fc.oneof(fc.array(fc.record({ uri, type: sly })), sly) }), sly)],
  ['kubeplan/workspaceTrust', sly],
  ['$/cancelRequest', fc.oneof(fc.record({ id: sly }), sly)],
];

const message = fc.oneof(
  fc.tuple(fc.constant('request' as const), fc.constantFrom(...requests)).chain(([k, [method, params]]) => params.map((p) => ({ kind: k, method, params: p }))),
  fc.tuple(fc.constant('notification' as const), fc.constantFrom(...notifications)).chain(([k, [method, params]]) => params.map((p) => ({ kind: k, method, params: p }))),
);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

test(`malformed requests and notifications (${RUNS} batches) get answers, and the server keeps working`, { timeout: 600_000 }, async () => {
  await client.open(URI, MANIFEST);
  let requestsSent = 0;
  let errorAnswers = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 5 }), async (batch) => {
      for (const m of batch) {
        // JSON on the wire: undefined and functions vanish, as they would from any client
        const params = JSON.parse(JSON.stringify(m.params ?? null) ?? 'null') as unknown;
        if (m.kind === 'notification') {
          await client.connection.sendNotification(m.method, params);
          continue;
        }
        requestsSent++;
        try {
          await withTimeout(client.connection.sendRequest(m.method, params), 30_000, `${m.method} ${JSON.stringify(params)?.slice(0, 200)}`);
        } catch (e) {
          if (/no answer in/.test(String(e))) throw e;
          // an error response is an answer, but one saying the parameters are wrong, not a handler's crash
          errorAnswers++;
          const code = (e as { code?: unknown }).code;
          assert.ok(code === INVALID_PARAMS || code === REQUEST_CANCELLED, `${m.method} ${JSON.stringify(params)?.slice(0, 300)}: ${String(e)}`);
        }
      }
      assert.equal(client.process.exitCode, null, `the server exited:\n${client.stderr.slice(-2000)}`);
    }),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
  );
  console.log(`# ${requestsSent} malformed requests answered (${errorAnswers} with an error response)`);

  // still working (with sane settings again): a fresh document is linted, hover answers, a simulation runs
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kubeplan: { clusterFile: '.kubeplan/cluster.yaml', simulate: { onType: true }, rules: {}, exclude: [], enable: true, kubernetesVersion: '' } } });
  const fresh = 'file:///tmp/kubeplan-malformed/after.yaml';
  const linted = client.waitFor(fresh, (d) => d.some((x) => x.code === 'latest-tag'), 30_000);
  await client.open(fresh, MANIFEST);
  await linted;
  const hover = await client.hover(fresh, 7, 9);
  assert.match(hover?.markdown ?? '', /image/);
  const sim = (await client.connection.sendRequest('kubeplan/simulate', { uri: fresh, scope: 'file', scenario: { kind: 'apply' } })) as { result?: { pods: unknown[] } };
  assert.ok(sim.result && sim.result.pods.length === 1, JSON.stringify(sim).slice(0, 500));
  assert.doesNotMatch(client.stderr, /Unhandled|uncaught|TypeError|ReferenceError/i, client.stderr.slice(-2000));
  assert.deepEqual(logged.filter((l) => /internal error|TypeError|ReferenceError/.test(l)), [], 'no handler failed');
});
