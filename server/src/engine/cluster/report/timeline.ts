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

export class TimelineRecorder {
  private readonly open = new Map<string, PodInterval>();
  private readonly closed: PodInterval[] = [];

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
    if (cur && cur.state === state && cur.node === node) return;
    if (cur) this.close(uid, cur, t);
    // a pod's next interval shares the previous one's strings when they are the same (kept for the whole run)
    const owner = this.ownerOf(pod);
    this.open.set(uid, { pod: cur ? cur.pod : keyOf(pod), owner: cur && cur.owner === owner ? cur.owner : owner, from: t, to: t, state, node });
  }

  private close(uid: string, interval: PodInterval, t: number): void {
    this.open.delete(uid);
    interval.to = t;
    // zero-length states (e.g. bound and immediately creating) carry no picture
    if (interval.to > interval.from && this.closed.length < this.limit) this.closed.push(interval);
  }

  /** Every interval, open ones ending at `end`, ordered by pod then time. */
  intervals(end: number): PodInterval[] {
    const all = [...this.closed, ...[...this.open.values()].map((i) => ({ ...i, to: end }))].filter((i) => i.to > i.from || i.to === end);
    // each pod key's rank among the sorted keys, so the sort of tens of thousands of intervals compares numbers
    const rank = new Map<string, number>();
    for (const i of all) rank.set(i.pod, 0);
    [...rank.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).forEach((k, n) => rank.set(k, n));
    return all.sort((a, b) => rank.get(a.pod)! - rank.get(b.pod)! || a.from - b.from);
  }
}
