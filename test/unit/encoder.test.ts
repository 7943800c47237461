import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage } from '../../server/src/lsp/encoder';

test('publishDiagnostics is encoded exactly as JSON.stringify would, reusing each diagnostic\'s JSON', () => {
  const d = { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, severity: 2 as const, source: 'kubeplan', code: 'x', message: 'a "quoted" \u2028 message' };
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a b.yaml', version: 3, diagnostics: [d, d] } };
  assert.deepEqual(JSON.parse(encodeMessage(msg)), JSON.parse(JSON.stringify(msg)));
  const noVersion = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', diagnostics: [] } };
  assert.deepEqual(JSON.parse(encodeMessage(noVersion)), noVersion);
  const other = { jsonrpc: '2.0', id: 1, result: { x: 1 } };
  assert.equal(encodeMessage(other), JSON.stringify(other));
});
