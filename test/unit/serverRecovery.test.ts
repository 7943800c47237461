import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESTART_SERVER, SHOW_OUTPUT, ServerRecovery } from '../../client/src/serverRecovery';
import { fakeUi } from '../helpers/fakeRecoveryUi';

const RESTART = 2;
const DO_NOT_RESTART = 1;

const tick = () => new Promise((r) => setImmediate(r));

test('a crash restarts the server and tells the user once per burst, with a Show Output button', async () => {
  let now = 0;
  const { ui, shown, calls } = fakeUi(() => SHOW_OUTPUT);
  const r = new ServerRecovery(ui, { maxRestarts: 4, windowMs: 180_000, now: () => now });
  for (let i = 0; i < 4; i++) {
    const result = r.closed();
    assert.equal(result.action, RESTART);
    assert.equal(result.handled, true, 'the library must not show its own notification too');
    now += 10_000;
  }
  await tick();
  assert.equal(shown.length, 1, 'four crashes in a burst: one notification');
  assert.equal(shown[0]!.kind, 'warn');
  assert.match(shown[0]!.message, /stopped unexpectedly and was restarted/);
  assert.deepEqual(shown[0]!.actions, [SHOW_OUTPUT]);
  assert.equal(calls.showOutput, 1);
});

test('the fifth crash within the window stops restarting, says so once, and offers Restart Server', async () => {
  let now = 0;
  const { ui, shown, calls } = fakeUi((_m, actions) => (actions.includes(RESTART_SERVER) ? RESTART_SERVER : undefined));
  const r = new ServerRecovery(ui, { maxRestarts: 4, windowMs: 180_000, now: () => now });
  const actions = [];
  for (let i = 0; i < 5; i++) {
    actions.push(r.closed().action);
    now += 1_000;
  }
  await tick();
  assert.deepEqual(actions, [RESTART, RESTART, RESTART, RESTART, DO_NOT_RESTART]);
  assert.deepEqual(shown.map((s) => s.kind), ['warn', 'error']);
  assert.match(shown[1]!.message, /crashed 5 times in 3 minutes and was stopped/);
  assert.deepEqual(shown[1]!.actions, [RESTART_SERVER, SHOW_OUTPUT]);
  assert.equal(calls.restart, 1, 'the user chose Restart Server');
  // after a manual restart the count starts again: the next crash restarts and tells once more
  assert.equal(r.closed().action, RESTART);
  await tick();
  assert.equal(shown.length, 3);
});

test('crashes spread out over time never stop the server, and each new burst is told once', async () => {
  let now = 0;
  const { ui, shown } = fakeUi();
  const r = new ServerRecovery(ui, { maxRestarts: 4, windowMs: 180_000, now: () => now });
  for (let i = 0; i < 20; i++) {
    assert.equal(r.closed().action, RESTART, `crash ${i}`);
    now += 200_000; // each crash after the window of the previous one
  }
  await tick();
  assert.equal(shown.length, 20, 'each crash is its own burst');
  assert.ok(shown.every((s) => s.kind === 'warn'));
});

test('a slow trickle of crashes inside a sliding window still stops at the limit', () => {
  let now = 0;
  const r = new ServerRecovery(fakeUi().ui, { maxRestarts: 4, windowMs: 180_000, now: () => now });
  const actions = [];
  for (let i = 0; i < 5; i++) {
    actions.push(r.closed().action);
    now += 40_000; // five crashes within 160 s
  }
  assert.deepEqual(actions, [RESTART, RESTART, RESTART, RESTART, DO_NOT_RESTART]);
});

test('connection errors are tolerated three times, then the connection is shut down with a clear message', () => {
  const r = new ServerRecovery(fakeUi().ui);
  for (const count of [1, 2, 3]) assert.deepEqual(r.error(new Error('EPIPE'), undefined, count), { action: 1, handled: true });
  const last = r.error(new Error('EPIPE'), undefined, 4);
  assert.equal(last.action, 2);
  assert.match(last.message!, /keeps failing \(EPIPE\)/);
});
