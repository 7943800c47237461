/**
 * kube-scheduler's scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go):
 * - activeQ: pods ready to be tried, highest priority first, then oldest (PrioritySort);
 * - backoffQ: pods that failed recently wait 1 s, doubling per attempt up to 10 s
 *   (podInitialBackoffSeconds / podMaxBackoffSeconds);
 * - unschedulable: pods that failed wait for a cluster event that could help (a node added
 *   or changed, a pod deleted) or for the 5-minute flush (podMaxInUnschedulablePodsDuration).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { VirtualClock } from '../clock/clock';
import type { KObject } from '../objects';

export const INITIAL_BACKOFF_SECONDS = 1;
export const MAX_BACKOFF_SECONDS = 10;
export const UNSCHEDULABLE_FLUSH_SECONDS = 300;

type QueuedPod = Pod & KObject;

interface Entry {
  pod: QueuedPod;
  attempts: number;
  /** When it entered activeQ (for FIFO within a priority). */
  since: number;
  seq: number;
  lastFailure: number;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  /** activeQ's entries themselves (not their uids): popping and sorting need no lookup by uid. */
  private readonly active = new Set<Entry>();
  private readonly backoff = new Set<string>();
  private readonly unschedulable = new Set<string>();
  private seq = 0;
  private activeSorted: Entry[] | undefined;

  constructor(
    private readonly clock: VirtualClock,
    /** Called when a pod becomes ready to be tried again later (the loop must run then). */
    private readonly wake: () => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get hasActive(): boolean {
    return this.active.size > 0;
  }

  /** A new pending pod. */
  add(pod: QueuedPod): void {
    const uid = pod.metadata.uid!;
    if (this.entries.has(uid)) return;
    const e: Entry = { pod, attempts: 0, since: this.clock.now, seq: this.seq++, lastFailure: 0 };
    this.entries.set(uid, e);
    this.toActive(e);
  }

  /** The pod was bound or deleted. */
  forget(pod: QueuedPod): void {
    const uid = pod.metadata.uid!;
    const e = this.entries.get(uid);
    if (e === undefined) return;
    this.entries.delete(uid);
    if (this.active.delete(e)) this.activeSorted = undefined;
    this.backoff.delete(uid);
    this.unschedulable.delete(uid);
  }

  /** Pops the next pod to try, or undefined. */
  pop(): QueuedPod | undefined {
    if (this.active.size === 0) return undefined;
    if (!this.activeSorted) {
      this.activeSorted = [...this.active].sort((a, b) => priorityOf(b.pod) - priorityOf(a.pod) || a.since - b.since || a.seq - b.seq).reverse();
    }
    const e = this.activeSorted.pop()!;
    this.active.delete(e);
    return e.pod;
  }

  /** A scheduling attempt failed: the pod waits for a helpful cluster event (and the periodic flush). */
  failed(pod: QueuedPod): void {
    const e = this.entries.get(pod.metadata.uid!);
    if (!e) return;
    e.attempts++;
    e.lastFailure = this.clock.now;
    this.unschedulable.add(pod.metadata.uid!);
    const uid = pod.metadata.uid!;
    const attempts = e.attempts;
    this.clock.after(UNSCHEDULABLE_FLUSH_SECONDS, () => {
      const cur = this.entries.get(uid);
      if (cur && cur.attempts === attempts && this.unschedulable.has(uid)) this.moveToActiveOrBackoff(uid);
    }, { background: true });
  }

  /** A cluster event that may make unschedulable pods fit (MoveAllToActiveOrBackoffQueue). */
  moveAllUnschedulable(): void {
    for (const uid of [...this.unschedulable]) this.moveToActiveOrBackoff(uid);
  }

  private moveToActiveOrBackoff(uid: string): void {
    const e = this.entries.get(uid);
    if (!e) return;
    this.unschedulable.delete(uid);
    const backoffUntil = e.lastFailure + backoffSeconds(e.attempts);
    if (backoffUntil <= this.clock.now) {
      this.toActive(e);
      return;
    }
    if (this.backoff.has(uid)) return;
    this.backoff.add(uid);
    this.clock.at(backoffUntil, () => {
      const current = this.entries.get(uid);
      if (this.backoff.delete(uid) && current !== undefined) {
        this.toActive(current);
        this.wake();
      }
    });
  }

  private toActive(e: Entry): void {
    e.since = this.clock.now;
    this.active.add(e);
    this.activeSorted = undefined;
  }
}

export function backoffSeconds(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(INITIAL_BACKOFF_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS);
}

function priorityOf(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}
