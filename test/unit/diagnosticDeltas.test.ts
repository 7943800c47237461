import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticPublisher, deltasRequested } from '../../server/src/lsp/diagnosticPublisher';
import { applyDiagnosticDelta, DIAGNOSTIC_DELTA_NOTIFICATION, type DiagnosticDeltaParams } from '../../server/src/protocol/diagnosticDeltas';

const diag = (line: number, message: string): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 5 } }, message, code: 'r' });

function fakeConnection() {
  const sent: { method: string; params: unknown }[] = [];
  const connection = {
    sendDiagnostics: (params: unknown) => void sent.push({ method: 'textDocument/publishDiagnostics', params }),
    sendNotification: (method: string, params: unknown) => void sent.push({ method, params }),
  } as unknown as Connection;
  return { connection, sent };
}

/** Applies every delta the publisher sent, as a client would, and returns the file's list (sorted by message). */
function rebuilt(sent: { method: string; params: unknown }[], uri: string): string[] {
  let held: Map<number, Diagnostic> | undefined;
  for (const s of sent) {
    const p = s.params as DiagnosticDeltaParams;
    if (s.method === DIAGNOSTIC_DELTA_NOTIFICATION && p.uri === uri) held = applyDiagnosticDelta(held, p, (d) => d as Diagnostic);
  }
  return [...(held?.values() ?? [])].map((d) => String(d.message)).sort();
}

test('only a client that asks gets deltas; others get publishDiagnostics unchanged', () => {
  assert.equal(deltasRequested({ diagnosticDeltas: true }), true);
  for (const o of [undefined, null, 'x', { diagnosticDeltas: 'yes' }, { isTrusted: true }]) assert.equal(deltasRequested(o), false);
  const { connection, sent } = fakeConnection();
  const p = new DiagnosticPublisher(connection, () => false);
  const params = { uri: 'file:///a.yaml', version: 3, diagnostics: [diag(1, 'a')] };
  p.publish(params);
  assert.deepEqual(sent, [{ method: 'textDocument/publishDiagnostics', params }]);
});

test('a delta carries only what changed: unchanged diagnostics (same objects) are not resent', () => {
  const { connection, sent } = fakeConnection();
  const p = new DiagnosticPublisher(connection, () => true);
  const uri = 'file:///a.yaml';
  const [a, b, c] = [diag(1, 'a'), diag(2, 'b'), diag(3, 'c')];
  p.publish({ uri, version: 1, diagnostics: [a, b, c] });
  const first = sent[0]!.params as DiagnosticDeltaParams;
  assert.equal(first.reset, true);
  assert.equal(first.diagnostics.length, 3);

  const b2 = diag(2, 'b changed');
  p.publish({ uri, version: 2, diagnostics: [a, b2, c] });
  const second = sent[1]!.params as DiagnosticDeltaParams;
  assert.equal(second.reset, false);
  assert.equal(second.version, 2);
  assert.deepEqual(second.remove, [first.ids[1]]);
  assert.deepEqual(second.diagnostics, [b2]);
  assert.deepEqual(rebuilt(sent, uri), ['a', 'b changed', 'c']);

  // nothing changed: an empty delta, still carrying the version
  p.publish({ uri, version: 3, diagnostics: [a, b2, c] });
  const third = sent[2]!.params as DiagnosticDeltaParams;
  assert.deepEqual([third.version, third.remove, third.diagnostics], [3, [], []]);
});

test('the same object twice is two diagnostics; an empty list and a wholly new list are resets', () => {
  const { connection, sent } = fakeConnection();
  const p = new DiagnosticPublisher(connection, () => true);
  const uri = 'file:///b.yaml';
  const a = diag(1, 'a');
  p.publish({ uri, diagnostics: [a, a] });
  assert.deepEqual(rebuilt(sent, uri), ['a', 'a']);
  p.publish({ uri, diagnostics: [a] });
  assert.deepEqual(rebuilt(sent, uri), ['a']);
  p.publish({ uri, diagnostics: [] });
  assert.equal((sent.at(-1)!.params as DiagnosticDeltaParams).reset, true);
  assert.deepEqual(rebuilt(sent, uri), []);
  p.publish({ uri, diagnostics: [diag(5, 'x')] });
  p.publish({ uri, diagnostics: [diag(6, 'y'), diag(7, 'z')] });
  const last = sent.at(-1)!.params as DiagnosticDeltaParams;
  assert.equal(last.reset, true, 'nothing in common: a reset instead of a list of removals');
  assert.deepEqual(last.remove, []);
  assert.deepEqual(rebuilt(sent, uri), ['y', 'z']);
  // other files are independent, even when they list the same object
  const shared = diag(9, 'shared');
  p.publish({ uri: 'file:///c.yaml', diagnostics: [a, shared] });
  p.publish({ uri: 'file:///d.yaml', diagnostics: [shared] });
  p.publish({ uri: 'file:///c.yaml', diagnostics: [a] });
  assert.deepEqual(rebuilt(sent, uri), ['y', 'z']);
  assert.deepEqual(rebuilt(sent, 'file:///c.yaml'), ['a']);
  assert.deepEqual(rebuilt(sent, 'file:///d.yaml'), ['shared']);
  p.publish({ uri: 'file:///d.yaml', diagnostics: [] });
  assert.deepEqual(rebuilt(sent, 'file:///d.yaml'), []);
  // no marks in the JSON
  assert.equal(JSON.stringify(shared), JSON.stringify(diag(9, 'shared')));
});
