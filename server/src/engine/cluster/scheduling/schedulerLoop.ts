/**
 * The scheduler's main loop (pkg/scheduler/schedule_one.go): take the next pod from the
 * queue, run the framework against the cache snapshot, then bind (Scheduled event) or record
 * the FitError (PodScheduled=False/Unschedulable, FailedScheduling event) and requeue.
 * The cache follows the store through watches: nodes, and bound non-terminal pods.
 */
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import type { VirtualClock } from '../clock/clock';
import type { EventRecorder } from '../events';
import { isPodTerminal, keyOf, refOf, timestamp, type KObject } from '../objects';
import type { SchedulingExplanation } from '../result';
import type { Store } from '../store/store';
import { ClusterSnapshot, Scheduler } from '../scheduler';
import { SchedulingQueue } from './queue';

type PodObject = Pod & KObject;
type NodeObject = Node & KObject;

export interface SchedulerLoopOptions {
  /** Keep the full per-node explanation of successful placements too (failures always keep theirs). */
  explainPlacements: boolean;
  /** Seeds the scheduler's tie-breaks among equally scored nodes. */
  seed: number;
}

export class SchedulerLoop {
  readonly snapshot = new ClusterSnapshot();
  private readonly scheduler: Scheduler;
  readonly queue: SchedulingQueue;
  /** The last scheduling explanation of each pod, by uid. */
  readonly explanations = new Map<string, SchedulingExplanation>();
  /** Virtual time of each pod's first failed attempt, by uid (for "Pending for N s"). */
  readonly firstFailure = new Map<string, number>();
  private readonly cached = new Set<string>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: Store,
    private readonly events: EventRecorder,
    private readonly options: SchedulerLoopOptions,
    wake: () => void,
  ) {
    this.scheduler = new Scheduler({ seed: options.seed });
    this.queue = new SchedulingQueue(clock, wake);
    store.watch('Namespace', (type, ns) => {
      if (type !== 'DELETED') this.snapshot.addNamespace(ns as Namespace);
    });
    store.watch('Node', (type, obj) => this.onNode(type, obj as NodeObject));
    store.watch('Pod', (type, obj) => this.onPod(type, obj as PodObject));
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Tries every pod in activeQ once. */
  run(): number {
    let n = 0;
    for (let pod = this.queue.pop(); pod; pod = this.queue.pop()) {
      n++;
      this.scheduleOne(pod);
    }
    return n;
  }

  private scheduleOne(pod: PodObject): void {
    if (!this.store.get('Pod', keyOf(pod)) || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.queue.forget(pod);
      return;
    }
    let result = this.scheduler.schedule(pod, this.snapshot, { explain: this.options.explainPlacements });
    if (result.selected === null && !this.options.explainPlacements) result = this.scheduler.schedule(pod, this.snapshot, { explain: true });
    const { podInfo, ...explanation } = result;
    this.explanations.set(pod.metadata.uid!, explanation);
    if (result.selected === null) {
      const message = result.message ?? `0/${this.snapshot.nodeInfos().length} nodes are available.`;
      if (!this.firstFailure.has(pod.metadata.uid!)) this.firstFailure.set(pod.metadata.uid!, this.clock.now);
      this.events.warning(refOf(pod), 'FailedScheduling', message);
      this.setScheduledCondition(pod, 'False', 'Unschedulable', message);
      this.queue.failed(pod);
      return;
    }
    this.queue.forget(pod);
    this.events.normal(refOf(pod), 'Scheduled', `Successfully assigned ${keyOf(pod)} to ${result.selected}`);
    pod.spec!.nodeName = result.selected;
    // assume the pod in the cache now (upstream's assume), with the PodInfo the scheduler built
    if (podInfo) this.snapshot.addPodInfo(podInfo, result.selected);
    else this.snapshot.addPod(pod);
    this.cached.add(pod.metadata.uid!);
    this.setScheduledCondition(pod, 'True');
  }

  private setScheduledCondition(pod: PodObject, status: 'True' | 'False', reason?: string, message?: string): void {
    const conditions = (pod.status ??= {}).conditions ?? [];
    const others = conditions.filter((c) => c.type !== 'PodScheduled');
    const old = conditions.find((c) => c.type === 'PodScheduled');
    const changed = !old || old.status !== status || old.message !== message;
    pod.status.conditions = [...others, { type: 'PodScheduled', status, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : timestamp(this.clock.now), ...(reason ? { reason } : {}), ...(message ? { message } : {}) }];
    pod.status.phase ??= 'Pending';
    if (changed || status === 'True') this.store.update(pod);
  }

  private onNode(type: string, node: NodeObject): void {
    if (type === 'DELETED') this.snapshot.removeNode(node.metadata.name);
    else if (type === 'ADDED') this.snapshot.addNode(node);
    else this.snapshot.updateNode(node);
    // a new or changed node may fit pods that did not fit before
    if (type !== 'DELETED') this.queue.moveAllUnschedulable();
  }

  private onPod(type: string, pod: PodObject): void {
    const uid = pod.metadata.uid!;
    const bound = Boolean(pod.spec?.nodeName);
    if (type === 'DELETED' || (bound && isPodTerminal(pod))) {
      this.queue.forget(pod);
      if (this.cached.delete(uid)) {
        this.snapshot.removePod(pod);
        this.queue.moveAllUnschedulable();
      }
      return;
    }
    if (bound) {
      if (!this.cached.has(uid)) {
        this.cached.add(uid);
        this.snapshot.addPod(pod);
      }
      return;
    }
    if (type === 'ADDED' && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.queue.add(pod);
  }
}
