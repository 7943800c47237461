import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkSignals } from '../../server/src/lsp/features/diagnostics';

test('a newer edit aborts the work started for the older text of that file, and `*` work on any edit', () => {
  const signals = new WorkSignals();
  const a = signals.signal('file:///a.yaml');
  const b = signals.signal('file:///b.yaml');
  const any = signals.signal('*');
  assert.equal(signals.signal('file:///a.yaml'), a, 'the same signal until an edit');
  signals.bump('file:///a.yaml');
  assert.equal(a.aborted, true);
  assert.equal(b.aborted, false);
  assert.equal(any.aborted, true);
  const next = signals.signal('file:///a.yaml');
  assert.notEqual(next, a);
  assert.equal(next.aborted, false);
});
