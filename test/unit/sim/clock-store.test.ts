import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../../server/src/engine/cluster/clock/clock';
import { Store } from '../../../server/src/engine/cluster/store/store';
import { SeededRandom, NAME_ALPHABET } from '../../../server/src/engine/cluster/random';
import type { KObject } from '../../../server/src/engine/cluster/objects';

test('the clock runs actions in time order, same-time actions in scheduling order, and skips cancelled ones', () => {
  const clock = new VirtualClock();
  const ran: string[] = [];
  clock.at(5, () => ran.push('b@5'));
  clock.at(1, () => ran.push('a@1'));
  const c = clock.at(3, () => ran.push('cancelled'));
  clock.at(5, () => ran.push('c@5'));
  clock.cancel(c);
  assert.equal(clock.queue.pendingForeground, 3);
  for (let a = clock.next(100); a; a = clock.next(100)) a.run();
  assert.deepEqual(ran, ['a@1', 'b@5', 'c@5']);
  assert.equal(clock.now, 5);
  assert.equal(clock.queue.pendingForeground, 0);
  // cancelling an action that already ran does not disturb the count
  clock.cancel(c);
  assert.equal(clock.queue.pendingForeground, 0);
});

test('background actions do not count as pending work; a horizon stops the clock', () => {
  const clock = new VirtualClock();
  clock.at(10, () => undefined, { background: true });
  clock.at(700, () => undefined);
  assert.equal(clock.queue.pendingForeground, 1);
  assert.ok(clock.next(600));
  assert.equal(clock.next(600), undefined);
  assert.equal(clock.now, 10);
});

test('the heap keeps order over many random insertions', () => {
  const clock = new VirtualClock();
  const rnd = new SeededRandom(7);
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = rnd.int(1000);
    clock.at(t, () => times.push(t));
  }
  for (let a = clock.next(Infinity); a; a = clock.next(Infinity)) a.run();
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
});

test('the store assigns uid/resourceVersion, notifies watchers and maintains indexes on update', () => {
  let now = 0;
  const store = new Store(() => now);
  store.addIndex('by-node', { kind: 'Pod', keysOf: (o) => ((o.spec as { nodeName?: string })?.nodeName ? [(o.spec as { nodeName: string }).nodeName] : []) });
  const seen: string[] = [];
  store.watch('Pod', (type, o) => seen.push(`${type} ${o.metadata.name}`));
  const pod: KObject = store.create<KObject>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default' }, spec: {} as Record<string, unknown> });
  assert.ok(pod.metadata.uid);
  const rv = Number(pod.metadata.resourceVersion);
  now = 3;
  (pod.spec as Record<string, unknown>).nodeName = 'n1';
  store.update(pod);
  assert.equal(Number(pod.metadata.resourceVersion), rv + 1);
  assert.deepEqual([...store.byIndex('by-node', 'n1')].map((p) => p.metadata.name), ['a']);
  (pod.spec as Record<string, unknown>).nodeName = 'n2';
  store.update(pod);
  assert.equal(store.byIndex('by-node', 'n1').size, 0);
  store.remove(pod);
  assert.equal(store.byIndex('by-node', 'n2').size, 0);
  assert.deepEqual(seen, ['ADDED a', 'MODIFIED a', 'MODIFIED a', 'DELETED a']);
  assert.equal(store.lastWrite, 3);
  assert.throws(() => { store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'default' } }); store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'default' } }); }, /already exists/);
});

test('seeded names use the apimachinery alphabet and repeat for the same seed', () => {
  const a = new SeededRandom(42);
  const b = new SeededRandom(42);
  const s = a.nameSuffix();
  assert.equal(s, b.nameSuffix());
  assert.match(s, new RegExp(`^[${NAME_ALPHABET}]{5}$`));
  assert.notEqual(new SeededRandom(43).nameSuffix(), s);
});
