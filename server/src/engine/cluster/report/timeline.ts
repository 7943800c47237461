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

/** One pod (by uid): its key, its closed intervals in time order (each with its place among all closed ones), its open one. */
interface PodRecord {
  readonly key: string;
  readonly closed: PodInterval[];
  readonly closedSeq: number[];
  open: OpenInterval | undefined;
}

interface OpenInterval {
  readonly interval: PodInterval;
  /** When it was opened, in order of opening (intervals(): open ones follow every closed one). */
  readonly seq: number;
}

/**
 * A pod object's record, kept on the object (a non-enumerable symbol key: invisible to JSON, spreads and
 * structuredClone): every pod write comes here, and a property read costs less than a lookup in a map of
 * thousands of pods. The map by uid is asked only the first time an object is seen.
 */
const RECORD = Symbol('timelineRecord');
type Recorded = PodObject & { [RECORD]?: { recorder: TimelineRecorder; record: PodRecord } };

export class TimelineRecorder {
  /** One per pod uid, in the order pods were first seen. */
  private readonly records: PodRecord[] = [];
  private readonly byUid = new Map<string, PodRecord>();
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

  private recordOf(pod: Recorded): PodRecord | undefined {
    const mark = pod[RECORD];
    if (mark !== undefined && mark.recorder === this) return mark.record;
    const record = this.byUid.get(pod.metadata.uid!);
    if (record !== undefined) Object.defineProperty(pod, RECORD, { value: { recorder: this, record }, writable: true, configurable: true, enumerable: false });
    return record;
  }

  private onPod(type: string, pod: PodObject): void {
    let record = this.recordOf(pod);
    const cur = record?.open;
    const t = this.now();
    if (type === 'DELETED') {
      if (cur) this.close(record!, cur, t);
      return;
    }
    const state = displayState(pod);
    const node = pod.spec?.nodeName ?? null;
    if (cur && cur.interval.state === state && cur.interval.node === node) return;
    if (cur) this.close(record!, cur, t);
    // a pod's next interval shares the previous one's strings when they are the same (kept for the whole run)
    const owner = this.ownerOf(pod);
    if (record === undefined) {
      record = { key: keyOf(pod), closed: [], closedSeq: [], open: undefined };
      this.records.push(record);
      this.byUid.set(pod.metadata.uid!, record);
      Object.defineProperty(pod, RECORD, { value: { recorder: this, record }, writable: true, configurable: true, enumerable: false });
    }
    const interval = { pod: record.key, owner: cur && cur.interval.owner === owner ? cur.interval.owner : owner, from: t, to: t, state, node };
    record.open = { interval, seq: this.openCount++ };
  }

  private close(record: PodRecord, open: OpenInterval, t: number): void {
    record.open = undefined;
    const interval = open.interval;
    interval.to = t;
    // zero-length states (e.g. bound and immediately creating) carry no picture
    if (interval.to > interval.from && this.closedCount < this.limit) {
      record.closed.push(interval);
      record.closedSeq.push(this.closedCount++);
    }
  }

  /**
   * Every interval, open ones ending at `end`, ordered by pod then time; intervals of one pod key that start at the
   * same time (two pods of one name, one after the other) keep their order of recording: closed ones as they
   * closed, then open ones as they opened.
   */
  intervals(end: number): PodInterval[] {
    const records = this.records.filter((r) => r.closed.length > 0 || r.open !== undefined);
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
        if (r.open) out.push({ ...r.open.interval, to: end });
      } else {
        const group: { interval: PodInterval; seq: number }[] = [];
        for (let k = i; k < j; k++) {
          const r = records[k]!;
          r.closed.forEach((x, n) => group.push({ interval: x, seq: r.closedSeq[n]! }));
          if (r.open) group.push({ interval: { ...r.open.interval, to: end }, seq: this.closedCount + r.open.seq });
        }
        group.sort((a, b) => a.interval.from - b.interval.from || a.seq - b.seq);
        for (const g of group) out.push(g.interval);
      }
      i = j;
    }
    return out;
  }
}
