/** Pod state intervals for the timeline picture, derived from every pod write. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Store } from '../store/store';
import { isPodReady, keyOf, type KObject } from '../objects';
import type { PodInterval } from '../result';

type PodObject = Pod & KObject;

export function displayState(pod: Pod): PodInterval['state'] {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return 'Succeeded';
  if (phase === 'Failed') return pod.status?.reason === 'Evicted' ? 'Evicted' : 'Failed';
  if (!pod.spec?.nodeName) return 'Pending';
  const statuses = pod.status?.containerStatuses ?? [];
  if (statuses.some((c) => c.state?.waiting?.reason === 'CrashLoopBackOff')) return 'CrashLoopBackOff';
  if (statuses.some((c) => c.state?.terminated?.reason === 'OOMKilled')) return 'OOMKilled';
  if (isPodReady(pod)) return 'Ready';
  if (phase === 'Running' && statuses.some((c) => c.state?.running)) return 'Running';
  return 'ContainerCreating';
}

/** One pod (by uid): its key, and its closed intervals in time order, each with its place among all closed intervals. */
interface PodRecord {
  readonly key: string;
  readonly closed: PodInterval[];
  readonly closedSeq: number[];
}

interface OpenInterval {
  readonly interval: PodInterval;
  readonly record: PodRecord;
  /** When it was opened, in order of opening (intervals(): open ones follow every closed one). */
  readonly seq: number;
}

export class TimelineRecorder {
  private readonly open = new Map<string, OpenInterval>();
  /** One per pod uid, in the order pods were first seen. */
  private readonly records: PodRecord[] = [];
  private closedCount = 0;
  private openCount = 0;

  constructor(
    store: Store,
    private readonly now: () => number,
    private readonly ownerOf: (pod: PodObject) => string | null,
    private readonly limit = 500_000,
  ) {
    store.watch('Pod', (type, obj) => this.onPod(type, obj as PodObject));
  }

  private onPod(type: string, pod: PodObject): void {
    const uid = pod.metadata.uid!;
    const cur = this.open.get(uid);
    const t = this.now();
    if (type === 'DELETED') {
      if (cur) this.close(uid, cur, t);
      return;
    }
    const state = displayState(pod);
    const node = pod.spec?.nodeName ?? null;
    if (cur && cur.interval.state === state && cur.interval.node === node) return;
    if (cur) this.close(uid, cur, t);
    // a pod's next interval shares the previous one's strings when they are the same (kept for the whole run)
    const owner = this.ownerOf(pod);
    let record = cur?.record;
    if (!record) this.records.push((record = { key: keyOf(pod), closed: [], closedSeq: [] }));
    const interval = { pod: record.key, owner: cur && cur.interval.owner === owner ? cur.interval.owner : owner, from: t, to: t, state, node };
    this.open.set(uid, { interval, record, seq: this.openCount++ });
  }

  private close(uid: string, open: OpenInterval, t: number): void {
    this.open.delete(uid);
    const interval = open.interval;
    interval.to = t;
    // zero-length states (e.g. bound and immediately creating) carry no picture
    if (interval.to > interval.from && this.closedCount < this.limit) {
      open.record.closed.push(interval);
      open.record.closedSeq.push(this.closedCount++);
    }
  }

  /**
   * Every interval, open ones ending at `end`, ordered by pod then time; intervals of one pod key that start at the
   * same time (two pods of one name, one after the other) keep their order of recording: closed ones as they
   * closed, then open ones as they opened.
   */
  intervals(end: number): PodInterval[] {
    const openOf = new Map<PodRecord, OpenInterval>();
    for (const o of this.open.values()) openOf.set(o.record, o);
    const records = this.records.filter((r) => r.closed.length > 0 || openOf.has(r));
    // one sort of the pods by key (stable: pods of one name stay in the order they were first seen)
    records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const out: PodInterval[] = [];
    for (let i = 0; i < records.length; ) {
      let j = i + 1;
      while (j < records.length && records[j]!.key === records[i]!.key) j++;
      if (j === i + 1) {
        // one pod: its intervals follow each other in time
        const r = records[i]!;
        for (const x of r.closed) out.push(x);
        const o = openOf.get(r);
        if (o) out.push({ ...o.interval, to: end });
      } else {
        const group: { interval: PodInterval; seq: number }[] = [];
        for (let k = i; k < j; k++) {
          const r = records[k]!;
          r.closed.forEach((x, n) => group.push({ interval: x, seq: r.closedSeq[n]! }));
          const o = openOf.get(r);
          if (o) group.push({ interval: { ...o.interval, to: end }, seq: this.closedCount + o.seq });
        }
        group.sort((a, b) => a.interval.from - b.interval.from || a.seq - b.seq);
        for (const g of group) out.push(g.interval);
      }
      i = j;
    }
    return out;
  }
}
