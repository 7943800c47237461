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

/** One pod (by uid): its key and its open interval, if any (its closed ones are in the recorder's list). */
interface PodRecord {
  readonly recorder: TimelineRecorder;
  readonly key: string;
  open: PodInterval | undefined;
  /** When `open` was opened, in order of opening (intervals(): open ones follow every closed one). */
  openSeq: number;
}

/**
 * A pod object's record, kept on the object (a non-enumerable symbol key: invisible to JSON, spreads and
 * structuredClone): every pod write comes here, and a property read costs less than a lookup in a map of
 * thousands of pods. The map by uid is asked only the first time an object is seen.
 */
const RECORD = Symbol('timelineRecord');
type Recorded = PodObject & { [RECORD]?: PodRecord };

export class TimelineRecorder {
  /** One per pod uid, in the order pods were first seen. */
  private readonly records: PodRecord[] = [];
  private readonly byUid = new Map<string, PodRecord>();
  /** Closed intervals in the order they closed, and the pod record of each. */
  private readonly closed: PodInterval[] = [];
  private readonly closedOf: PodRecord[] = [];
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
    if (mark !== undefined && mark.recorder === this) return mark;
    const record = this.byUid.get(pod.metadata.uid!);
    if (record !== undefined) markRecord(pod, record);
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
    if (cur && cur.state === state && cur.node === node) return;
    if (cur) this.close(record!, cur, t);
    // a pod's next interval shares the previous one's strings when they are the same (kept for the whole run)
    const owner = this.ownerOf(pod);
    if (record === undefined) {
      record = { recorder: this, key: keyOf(pod), open: undefined, openSeq: 0 };
      this.records.push(record);
      this.byUid.set(pod.metadata.uid!, record);
      markRecord(pod, record);
    }
    record.open = { pod: record.key, owner: cur && cur.owner === owner ? cur.owner : owner, from: t, to: t, state, node };
    record.openSeq = this.openCount++;
  }

  private close(record: PodRecord, interval: PodInterval, t: number): void {
    record.open = undefined;
    interval.to = t;
    // zero-length states (e.g. bound and immediately creating) carry no picture
    if (interval.to > interval.from && this.closed.length < this.limit) {
      this.closed.push(interval);
      this.closedOf.push(record);
    }
  }

  /**
   * Every interval, open ones ending at `end`, ordered by pod then time; intervals of one pod key that start at the
   * same time (two pods of one name, one after the other) keep their order of recording: closed ones as they
   * closed, then open ones as they opened.
   */
  intervals(end: number): PodInterval[] {
    // each pod's closed intervals, in the order they closed (which is their time order), with that order's number
    const closedBy = new Map<PodRecord, number[]>();
    for (let n = 0; n < this.closed.length; n++) {
      const r = this.closedOf[n]!;
      const list = closedBy.get(r);
      if (list) list.push(n);
      else closedBy.set(r, [n]);
    }
    const records = this.records.filter((r) => closedBy.has(r) || r.open !== undefined);
    // one sort of the pods by key (stable: pods of one name stay in the order they were first seen)
    records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const out: PodInterval[] = [];
    for (let i = 0; i < records.length; ) {
      let j = i + 1;
      while (j < records.length && records[j]!.key === records[i]!.key) j++;
      if (j === i + 1) {
        // one pod: its intervals follow each other in time
        const r = records[i]!;
        for (const n of closedBy.get(r) ?? []) out.push(this.closed[n]!);
        if (r.open) out.push({ ...r.open, to: end });
      } else {
        const group: { interval: PodInterval; seq: number }[] = [];
        for (let k = i; k < j; k++) {
          const r = records[k]!;
          for (const n of closedBy.get(r) ?? []) group.push({ interval: this.closed[n]!, seq: n });
          if (r.open) group.push({ interval: { ...r.open, to: end }, seq: this.closed.length + r.openSeq });
        }
        group.sort((a, b) => a.interval.from - b.interval.from || a.seq - b.seq);
        for (const g of group) out.push(g.interval);
      }
      i = j;
    }
    return out;
  }
}

function markRecord(pod: Recorded, record: PodRecord): void {
  Object.defineProperty(pod, RECORD, { value: record, writable: true, configurable: true, enumerable: false });
}
