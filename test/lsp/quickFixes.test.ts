// Rule quick fixes reach the editor as code actions, one undoable edit each, and applying the
// preferred one removes the diagnostic — through a real language server over stdio.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/edits';
import { LspClient } from '../helpers/lspClient';

const client = new LspClient();
before(() => client.initialize());
after(() => client.shutdown());

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: shop
spec:
  containers:
    - name: app
      image: app:1.0.0
      securityContext: { privileged: true }
`;

async function actionsAt(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

test('a rule finding offers its fixes as code actions; the preferred one fixes it', async () => {
  const uri = 'file:///tmp/kubeplan-lsp-fixes/pod.yaml';
  const opened = client.waitFor(uri, (ds) => ds.some((d) => d.code === 'privileged-container'));
  await client.open(uri, POD);
  const privileged = (await opened).find((d) => d.code === 'privileged-container')!;
  assert.deepEqual(privileged.range.start, { line: 9, character: 25 });

  const actions = await actionsAt(uri, privileged);
  const titles = actions.filter((a) => a.diagnostics?.some((d) => d.code === 'privileged-container')).map((a) => a.title);
  assert.deepEqual(titles, [
    'Set privileged: false',
    'Harden the securityContext of "app" (non-root, read-only, no escalation, drop ALL)',
    // every finding on an object can also be suppressed, after its own fixes
    'Suppress privileged-container for Pod "app"',
    'Suppress privileged-container for container "app" only',
  ]);
  const preferred = actions.find((a) => a.isPreferred && a.title === 'Set privileged: false')!;
  const fixed = applyEdits(POD, preferred.edit!.changes![uri]!);
  assert.match(fixed, /securityContext: \{ privileged: false \}/);

  const after = client.waitFor(uri, (ds) => !ds.some((d) => d.code === 'privileged-container'));
  await client.change(uri, 2, [{ text: fixed }]);
  await after;
});

test('the resources fix fills every missing request and limit at once', async () => {
  const uri = 'file:///tmp/kubeplan-lsp-fixes/pod.yaml';
  const current = client.latest(uri)!;
  const cpu = current.find((d) => d.code === 'missing-cpu-request')!;
  const action = (await actionsAt(uri, cpu)).find((a) => a.isPreferred && a.title.startsWith('Add resource requests and limits'))!;
  const text = POD.replace('privileged: true', 'privileged: false');
  const fixed = applyEdits(text, action.edit!.changes![uri]!);
  const done = client.waitFor(uri, (ds) => !ds.some((d) => /^missing-(cpu|memory)-(request|limit)$/.test(String(d.code))));
  await client.change(uri, 3, [{ text: fixed }]);
  await done;
});
