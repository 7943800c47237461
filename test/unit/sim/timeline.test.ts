/**
 * The timeline's intervals come out ordered by pod key, then start time, with the intervals of one key that start
 * at the same time in the order they were recorded (closed ones as they closed, then open ones as they opened).
 * The recorder keeps each pod's intervals apart and sorts pods, not intervals; this checks it against the plain
 * definition — every interval in one list, one stable sort — on random histories where pods of one name come and
 * go (a StatefulSet's pod recreated), states change at shared instants, and the closed-interval limit is reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../server/src/engine/cluster/objects';
import { displayState, TimelineRecorder } from '../../../server/src/engine/cluster/report/timeline';
import type { PodInterval } from '../../../server/src/engine/cluster/result';
import type { Store, WatchType } from '../../../server/src/engine/cluster/store/store';

type PodObject = Pod & KObject;

/** The definition: what the recorder returned before it kept pods apart. */
class Reference {
  private readonly open = new Map<string, PodInterval>();
  private readonly closed: PodInterval[] = [];
  constructor(private readonly limit: number) {}

  onPod(type: WatchType, pod: PodObject, t: number, owner: string | null): void {
    const uid = pod.metadata.uid!;
    const cur = this.open.get(uid);
    if (type === 'DELETED') {
      if (cur) this.close(uid, cur, t);
      return;
    }
    const state = displayState(pod);
    const node = pod.spec?.nodeName ?? null;
    if (cur && cur.state === state && cur.node === node) return;
    if (cur) this.close(uid, cur, t);
    this.open.set(uid, { pod: cur ? cur.pod : `${pod.metadata.namespace}/${pod.metadata.name}`, owner, from: t, to: t, state, node });
  }

  private close(uid: string, interval: PodInterval, t: number): void {
    this.open.delete(uid);
    interval.to = t;
    if (interval.to > interval.from && this.closed.length < this.limit) this.closed.push(interval);
  }

  intervals(end: number): PodInterval[] {
    const all = [...this.closed, ...[...this.open.values()].map((i) => ({ ...i, to: end }))].filter((i) => i.to > i.from || i.to === end);
    return all.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : a.from - b.from));
  }
}

const STATES = ['pending', 'creating', 'ready', 'terminating'] as const;

function podAt(name: string, uid: string, state: (typeof STATES)[number], node: string): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid, ...(state === 'terminating' ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { containers: [], ...(state === 'pending' ? {} : { nodeName: node }) },
    status: { phase: state === 'pending' ? 'Pending' : 'Running', conditions: [{ type: 'Ready', status: state === 'ready' ? 'True' : 'False' }] },
  } as PodObject;
}

/** A step: at `dt` seconds after the last, pod name `n` (generation `g`: a new uid of the same name) is written or deleted. */
const step = fc.record({ dt: fc.constantFrom(0, 0, 1, 2), n: fc.integer({ min: 0, max: 3 }), g: fc.integer({ min: 0, max: 2 }), state: fc.constantFrom(...STATES), node: fc.constantFrom('a', 'b'), del: fc.boolean() });

test('timeline intervals: the same list and order as one stable sort of every interval by pod key, then start', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), (steps, limit, extraEnd) => {
      let now = 0;
      let watcher: ((type: WatchType, obj: KObject) => void) | undefined;
      const store = { watch: (_kind: string, w: (type: WatchType, obj: KObject) => void) => (watcher = w) } as unknown as Store;
      const owner = (pod: PodObject) => `Deployment/${pod.metadata.name.slice(0, 3)}`;
      const recorder = new TimelineRecorder(store, () => now, owner, limit);
      const reference = new Reference(limit);
      const deleted = new Set<string>();
      for (const s of steps) {
        now += s.dt;
        const uid = `u-${s.n}-${s.g}`;
        if (deleted.has(uid)) continue;
        const pod = podAt(`pod-${s.n}`, uid, s.state, s.node);
        const type: WatchType = s.del ? 'DELETED' : 'MODIFIED';
        if (s.del) deleted.add(uid);
        watcher!(type, pod);
        reference.onPod(type, pod, now, owner(pod));
      }
      const end = now + extraEnd;
      assert.deepEqual(recorder.intervals(end), reference.intervals(end));
    }),
    { numRuns: 400, seed: 20261207 },
  );
});

test('timeline intervals: two pods of one name starting at the same instant keep the order they were recorded in', () => {
  let now = 0;
  let watcher: ((type: WatchType, obj: KObject) => void) | undefined;
  const store = { watch: (_kind: string, w: (type: WatchType, obj: KObject) => void) => (watcher = w) } as unknown as Store;
  const recorder = new TimelineRecorder(store, () => now, () => null);
  watcher!('ADDED', podAt('db-0', 'old', 'ready', 'a'));
  now = 5;
  watcher!('MODIFIED', podAt('db-0', 'old', 'terminating', 'a'));
  watcher!('ADDED', podAt('db-0', 'new', 'pending', 'b'));
  now = 6;
  watcher!('DELETED', podAt('db-0', 'old', 'terminating', 'a'));
  const list = recorder.intervals(8).map((i) => `${i.pod} ${i.state} ${i.from}-${i.to}`);
  assert.deepEqual(list, ['default/db-0 Ready 0-5', 'default/db-0 Terminating 5-6', 'default/db-0 Pending 5-8']);
});
