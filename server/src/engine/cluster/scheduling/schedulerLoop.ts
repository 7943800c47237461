/**
 * The scheduler's main loop (pkg/scheduler/schedule_one.go): take the next pod from the
 * queue, run the framework against the cache snapshot, then bind (Scheduled event) or record
 * the FitError (PodScheduled=False/Unschedulable, FailedScheduling event) and requeue.
 * The cache follows the store through watches: nodes, bound non-terminal pods, and the Services,
 * ReplicaSets, StatefulSets and ReplicationControllers whose selectors PodTopologySpread's system
 * default constraints spread a pod by (helper.DefaultSelector, the informers kube-scheduler's
 * PodTopologySpread plugin lists: pkg/scheduler/framework/plugins/podtopologyspread/plugin.go).
 */
import type { Namespace, Node, Pod, PodCondition, Service } from 'kubernetes-types/core/v1';
import type { VirtualClock } from '../clock/clock';
import type { EventRecorder } from '../events';
import { isPodTerminal, keyOf, refOf, timestamp, type KObject } from '../objects';
import type { SchedulingExplanation } from '../result';
import type { Store } from '../store/store';
import { ClusterSnapshot, PodInfo, Scheduler } from '../scheduler';
import { NOTHING } from '../scheduler/scheduler';
import { SchedulingQueue } from './queue';

type PodObject = Pod & KObject;
type NodeObject = Node & KObject;

/** The controllers whose selector joins a pod's default spreading selector (they own pods by it). */
const SPREAD_CONTROLLER_KINDS = ['ReplicaSet', 'StatefulSet', 'ReplicationController'] as const;

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
  /**
   * The last scheduling attempt of each pod, by uid: its explanation, or just the chosen node when nothing was
   * explained (the explanation is then `{ filters: {}, scores: {}, totals: {}, selected }`, built on request rather
   * than kept for each of thousands of pods). Read it through `explanation(uid)`.
   */
  private readonly attempts = new Map<string, SchedulingExplanation | string>();
  /** Virtual time of each pod's first failed attempt, by uid (for "Pending for N s"). */
  readonly firstFailure = new Map<string, number>();
  /** Pods counted in the snapshot, by uid, with whether they were terminating when counted. */
  private readonly cached = new Map<string, boolean>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: Store,
    private readonly events: EventRecorder,
    private readonly options: SchedulerLoopOptions,
    /** Deletes a pod through the API server (graceful: the kubelet stops it first). */
    private readonly deletePod: (pod: PodObject) => void,
    wake: () => void = () => undefined,
  ) {
    this.scheduler = new Scheduler({ seed: options.seed });
    this.queue = new SchedulingQueue(clock, wake);
    store.watch('Namespace', (type, ns) => {
      if (type !== 'DELETED') this.snapshot.addNamespace(ns as Namespace);
    });
    store.watch('Node', (type, obj) => this.onNode(type, obj as NodeObject));
    store.watch('Pod', (type, obj) => this.onPod(type, obj as PodObject));
    store.watch('Service', (type, obj) => this.onSelectorOwner(type, obj));
    for (const kind of SPREAD_CONTROLLER_KINDS) store.watch(kind, (type, obj) => this.onSelectorOwner(type, obj));
  }

  /** Last selector registered per object, so status writes (most updates) don't touch the snapshot. */
  private readonly selectors = new Map<string, string>();

  private onSelectorOwner(type: string, obj: KObject): void {
    const key = refOf(obj);
    const ns = obj.metadata.namespace ?? 'default';
    if (type === 'DELETED') {
      this.selectors.delete(key);
      if (obj.kind === 'Service') this.snapshot.removeService(ns, obj.metadata.name);
      else this.snapshot.removeController(obj.kind, ns, obj.metadata.name);
      return;
    }
    const selector = JSON.stringify((obj.spec as { selector?: unknown } | undefined)?.selector ?? null);
    if (this.selectors.get(key) === selector) return;
    this.selectors.set(key, selector);
    if (obj.kind === 'Service') this.snapshot.addService(obj as Service);
    else this.snapshot.addController(obj as Parameters<ClusterSnapshot["addController"]>[0]);
  }

  /** The last scheduling explanation of a pod (by uid), if it was tried. */
  explanation(uid: string): SchedulingExplanation | undefined {
    const a = this.attempts.get(uid);
    if (typeof a !== 'string') return a;
    // one frozen explanation per node: it says only which node was chosen, and results list thousands of pods
    let bare = this.bare.get(a);
    if (bare === undefined) this.bare.set(a, (bare = Object.freeze({ filters: NOTHING, scores: NOTHING, totals: NOTHING, selected: a })));
    return bare;
  }

  private readonly bare = new Map<string, SchedulingExplanation>();

  get pending(): number {
    return this.queue.size;
  }

  /** Tries every pod in activeQ once, or until `stop` says so (checked between pods; the rest stay queued). */
  run(stop?: () => boolean): number {
    let n = 0;
    for (let pod = this.queue.pop(); pod; pod = this.queue.pop()) {
      n++;
      this.scheduleOne(pod);
      if (stop?.()) break;
    }
    return n;
  }

  private scheduleOne(pod: PodObject): void {
    if ((!this.store.contains(pod) && !this.store.get('Pod', keyOf(pod))) || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.queue.forget(pod);
      return;
    }
    let result = this.scheduler.schedule(pod, this.snapshot, this.options.explainPlacements ? EXPLAIN : BULK);
    if (result.selected === null && !this.options.explainPlacements) result = this.scheduler.schedule(pod, this.snapshot, EXPLAIN);
    const podInfo = result.podInfo;
    if (isBare(result)) this.attempts.set(pod.metadata.uid!, result.selected!);
    else {
      const { podInfo: _, ...explanation } = result;
      this.attempts.set(pod.metadata.uid!, explanation);
    }
    if (result.selected === null) {
      const message = result.message ?? `0/${this.snapshot.nodeInfos().length} nodes are available.`;
      if (!this.firstFailure.has(pod.metadata.uid!)) this.firstFailure.set(pod.metadata.uid!, this.clock.now);
      if (result.preemption) this.preempt(pod, podInfo ?? new PodInfo(pod), result.preemption);
      this.events.warning(refOf(pod), 'FailedScheduling', message);
      this.setScheduledCondition(pod, 'False', 'Unschedulable', message);
      this.queue.failed(pod);
      return;
    }
    this.queue.forget(pod);
    const key = podInfo?.key ?? keyOf(pod);
    this.events.normal(refOf(pod), 'Scheduled', `Successfully assigned ${key} to ${result.selected}`);
    pod.spec!.nodeName = result.selected;
    // binding clears the nomination (the API server does since v1.34, kubernetes#132443)
    if (pod.status?.nominatedNodeName !== undefined) delete pod.status.nominatedNodeName;
    this.snapshot.removeNomination(key);
    // assume the pod in the cache now (upstream's assume), with the PodInfo the scheduler built
    if (podInfo) this.snapshot.addPodInfo(podInfo, result.selected);
    else this.snapshot.addPod(pod);
    this.cached.set(pod.metadata.uid!, false);
    this.setScheduledCondition(pod, 'True');
  }

  /**
   * DefaultPreemption's outcome, as upstream's preemption Executor acts on it (pkg/scheduler/framework/preemption/executor.go):
   * each victim gets the DisruptionTarget condition (reason PreemptionByScheduler) and is deleted gracefully, with a
   * Preempted event; lower-priority pods nominated to the same node lose their nomination; the preemptor's
   * status.nominatedNodeName names the node, where it is tried first once the victims are gone.
   */
  private preempt(pod: PodObject, info: PodInfo, nomination: { nominatedNode: string; victims: string[] }): void {
    const node = nomination.nominatedNode;
    const schedulerName = pod.spec?.schedulerName ?? 'default-scheduler';
    for (const key of nomination.victims) {
      const victim = this.store.get<PodObject>('Pod', key);
      if (!victim || victim.metadata.deletionTimestamp) continue;
      const conditions = (victim.status ??= {}).conditions ?? [];
      victim.status.conditions = [
        ...conditions.filter((c) => c.type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod`, lastTransitionTime: timestamp(this.clock.now) },
      ];
      this.store.update(victim);
      this.deletePod(victim);
      this.events.normal(refOf(victim), 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${node}`);
    }
    for (const other of this.snapshot.nominatedPods(node)) {
      if (other.priority >= info.priority) continue;
      this.snapshot.removeNomination(other.key);
      const o = this.store.get<PodObject>('Pod', other.key);
      if (o?.status?.nominatedNodeName) {
        delete o.status.nominatedNodeName;
        this.store.update(o);
      }
    }
    (pod.status ??= {}).nominatedNodeName = node;
    this.snapshot.nominate(info, node);
    this.store.update(pod);
  }

  private setScheduledCondition(pod: PodObject, status: 'True' | 'False', reason?: string, message?: string): void {
    const conditions = (pod.status ??= {}).conditions ?? [];
    const others = conditions.filter((c) => c.type !== 'PodScheduled');
    const old = conditions.find((c) => c.type === 'PodScheduled');
    const changed = !old || old.status !== status || old.message !== message;
    // optional keys added after the fixed ones: the key order conditional spreads would give, without building them
    const condition: PodCondition = { type: 'PodScheduled', status, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : timestamp(this.clock.now) };
    if (reason) condition.reason = reason;
    if (message) condition.message = message;
    others.push(condition);
    pod.status.conditions = others;
    pod.status.phase ??= 'Pending';
    // binding set spec.nodeName (re-indexed); a failed attempt writes status only
    if (status === 'True') this.store.update(pod);
    else if (changed) this.store.updateStatus(pod);
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
      if (type === 'DELETED') this.snapshot.removeNomination(keyOf(pod));
      if (this.cached.delete(uid)) {
        this.snapshot.removePod(pod);
        this.queue.moveAllUnschedulable();
      }
      return;
    }
    if (bound) {
      // re-counted when it starts terminating: spreading ignores it, preemption sees its victims go (cache UpdatePod)
      const terminating = pod.metadata.deletionTimestamp !== undefined;
      if (this.cached.get(uid) !== terminating) {
        this.cached.set(uid, terminating);
        this.snapshot.addPod(pod);
      }
      return;
    }
    if (type === 'ADDED' && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.queue.add(pod);
  }
}

const EXPLAIN = Object.freeze({ explain: true });
const BULK = Object.freeze({ explain: false });

/** A successful placement with nothing explained: exactly `{ filters: {}, scores: {}, totals: {}, selected }` (besides the PodInfo). */
function isBare(e: SchedulingExplanation & { podInfo?: unknown }): boolean {
  if (e.selected === null) return false;
  let keys = 0;
  for (const k in e) {
    if (k === 'podInfo') continue;
    keys++;
    if (k !== 'filters' && k !== 'scores' && k !== 'totals' && k !== 'selected') return false;
  }
  return keys === 4 && isEmpty(e.filters) && isEmpty(e.scores) && isEmpty(e.totals);
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}
