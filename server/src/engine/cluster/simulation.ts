/**
 * The simulated cluster, wired: API store with admission, scheduler loop, controllers and a
 * kubelet per node, all driven by the virtual clock. After every timed action the control
 * loops run until quiet (controllers in a fixed order, then the scheduler), which is what a
 * real cluster does in the milliseconds after an event.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { VirtualClock } from './clock/clock';
import { EventRecorder } from './events';
import { SeededRandom } from './random';
import { Store } from './store/store';
import { ApiServer } from './apiserver/apiServer';
import { decodeError } from './apiserver/decode';
import { namespaceLifecycle } from './admission/namespaceLifecycle';
import { limitRanger } from './admission/limitRanger';
import { serviceAccount } from './admission/serviceAccount';
import { defaultTolerationSeconds } from './admission/defaultTolerationSeconds';
import { priority } from './admission/priority';
import { resourceQuota } from './admission/resourceQuota';
import { SchedulerLoop } from './scheduling/schedulerLoop';
import type { Controller, ControllerHost } from './controllers/controller';
import { DeploymentController } from './controllers/deployment';
import { ReplicaSetController } from './controllers/replicaset';
import { StatefulSetController } from './controllers/statefulset';
import { DaemonSetController } from './controllers/daemonset';
import { JobController } from './controllers/job';
import { CronJobController, type CronJobHost } from './controllers/cronjob';
import { EndpointSliceController } from './controllers/endpointslice';
import { HpaController } from './controllers/hpa';
import { ClusterAutoscaler } from './autoscaler/clusterAutoscaler';
import { EvictionManager } from './kubelet/evictionManager';
import { NodeLifecycleController } from './nodelifecycle/nodeLifecycle';
import { TaintEvictionController } from './nodelifecycle/taintEviction';
import { Kubelet, type KubeletHost } from './kubelet/kubelet';
import type { EndReason } from './kubelet/probePlan';
import { appBehaviour, type AnnotationProblem, type AppBehaviour } from './app/annotations';
import { podRequests } from './resources';
import { controllerOf, keyOf, refOf, type KObject } from './objects';
import { TimelineRecorder } from './report/timeline';
import type { ClusterSpec } from './clusterFile';
import type { SourceLocator } from './input';
import type { SourceRef } from './result';

type PodObject = Pod & KObject;
type NodeObject = Node & KObject;

/** A container that ended, as the findings need it. */
export interface ContainerEnd {
  pod: string;
  podUid: string;
  owner: string | null;
  container: string;
  reason: EndReason;
  exitCode: number;
  startedAt: number;
  at: number;
  behaviour: AppBehaviour;
}

export interface ApplyError {
  object: string;
  message: string;
  source?: SourceRef;
  locator?: SourceLocator;
}

/** Helm's install order (pkg/releaseutil/kind_sorter.go): what must exist before what uses it. */
const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'ConfigMap',
  'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
  'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob',
  'IngressClass', 'Ingress', 'APIService',
];

export interface SimulationOptions {
  seed: number;
  explainPlacements: boolean;
  /** Max rounds of the settle loop at one instant before the run is called runaway. */
  maxSettleRounds?: number;
  /** Pods the API server accepts at most (see SimulationBudget.maxPods). */
  maxPods?: number;
  /** Virtual time the run ends at (its time budget): controllers set no wake-ups beyond it. Default: none. */
  horizon?: number;
}

export class Simulation implements ControllerHost, KubeletHost, CronJobHost {
  readonly clock = new VirtualClock();
  readonly store: Store;
  readonly events: EventRecorder;
  readonly random: SeededRandom;
  readonly api: ApiServer;
  readonly scheduler: SchedulerLoop;
  readonly controllers: Controller[];
  readonly endpoints: EndpointSliceController;
  readonly hpa: HpaController;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly kubelets = new Map<string, Kubelet>();
  readonly evictionManagers = new Map<string, EvictionManager>();
  autoscaler: ClusterAutoscaler | undefined;
  readonly timeline: TimelineRecorder;
  readonly applyErrors: ApplyError[] = [];
  readonly containerEnds: ContainerEnd[] = [];
  readonly annotationProblems = new Map<string, AnnotationProblem[]>();
  /** Where each applied object came from, by "Kind/ns/name". */
  readonly sources = new Map<string, SourceLocator>();
  loadStartsAt = 0;
  /** Replicas each workload declares in its manifest: a cpu curve is the use per pod at that count. */
  readonly declaredReplicas = new Map<string, number>();
  private readonly readyCache = new Map<string, { time: number; rv: number; count: number }>();
  private nodeIndex = 0;
  private readonly behaviourCache = new Map<string, AppBehaviour>();
  settleOverflow = false;
  readonly horizon: number;

  constructor(private readonly options: SimulationOptions) {
    this.horizon = options.horizon ?? Infinity;
    const now = () => this.clock.now;
    this.store = new Store(now);
    this.events = new EventRecorder(now);
    this.random = new SeededRandom(options.seed);
    this.addIndexes();
    this.api = new ApiServer(this.store, this.random, [namespaceLifecycle, limitRanger, serviceAccount, defaultTolerationSeconds, priority, resourceQuota], now, options.maxPods);
    this.scheduler = new SchedulerLoop(this.clock, this.store, this.events, { explainPlacements: options.explainPlacements, seed: options.seed }, (pod) => this.api.delete(pod));
    this.endpoints = new EndpointSliceController(this);
    this.nodeLifecycle = new NodeLifecycleController(this);
    this.hpa = new HpaController(this, { usage: (pod) => this.podMetrics(pod) });
    this.controllers = [
      new DeploymentController(this),
      new ReplicaSetController(this),
      new StatefulSetController(this),
      new DaemonSetController(this),
      new CronJobController(this),
      new JobController(this),
      this.hpa,
      this.nodeLifecycle,
      new TaintEvictionController(this),
      this.endpoints,
    ];
    this.timeline = new TimelineRecorder(this.store, now, (pod) => this.ownerOf(pod));
    this.store.watch('Node', (type, node) => this.onNode(type, node as NodeObject));
    this.store.watch('Pod', (type, pod) => this.onPod(type, pod as PodObject));
  }

  private addIndexes(): void {
    const ownerUid = (o: KObject) => {
      const c = controllerOf(o);
      return c?.uid ? [c.uid] : [];
    };
    this.store.addIndex('pod-owner', { kind: 'Pod', keysOf: ownerUid });
    this.store.addIndex('owner', { kind: 'ReplicaSet', keysOf: ownerUid });
    this.store.addIndex('job-owner', { kind: 'Job', keysOf: ownerUid });
    this.store.addIndex('pod-node', { kind: 'Pod', keysOf: (o) => ((o as PodObject).spec?.nodeName ? [(o as PodObject).spec!.nodeName!] : []) });
    this.store.addIndex('pod-namespace', { kind: 'Pod', keysOf: (o) => [o.metadata.namespace ?? 'default'] });
    this.store.addIndex('pod-label', { kind: 'Pod', keysOf: podLabelKeys });
  }

  // ---- setup -------------------------------------------------------------------------

  /** Builds the cluster: its nodes and cluster-level objects, before any manifest. */
  addCluster(cluster: ClusterSpec): void {
    for (const o of cluster.objects) {
      const r = this.api.create(structuredClone(o));
      if (r.error) this.applyErrors.push({ object: refOf(o), message: `${cluster.origin}: ${r.error}` });
    }
    for (const n of cluster.nodes) this.addNode(structuredClone(n));
    if (cluster.nodePools.length) {
      this.autoscaler = new ClusterAutoscaler(
        this,
        cluster.nodePools,
        (n) => this.addNode(n),
        (name) => {
          const n = this.store.get('Node', name);
          if (n) this.store.remove(n);
        },
        (name) => this.scheduler.snapshot.nodeInfo(name)?.allocatable,
        () => this.scheduler.snapshot,
      );
      this.controllers.push(this.autoscaler);
    }
  }

  /** Starts what runs on its own once the manifests are in (the autoscaler's minimum nodes and scans). */
  startBackground(): void {
    this.autoscaler?.start();
  }

  addNode(node: Node): NodeObject {
    return this.store.create(node as NodeObject);
  }

  /** Applies the user's objects in install order; refusals are kept in the API server's words. */
  apply(objects: readonly { object: Record<string, unknown>; source?: SourceLocator }[]): void {
    const rank = (kind: string) => {
      const i = INSTALL_ORDER.indexOf(kind);
      return i < 0 ? INSTALL_ORDER.length : i;
    };
    const ordered = objects.map((o, i) => ({ ...o, i })).sort((a, b) => rank(String(a.object.kind)) - rank(String(b.object.kind)) || a.i - b.i);
    for (const { object, source } of ordered) {
      const undecodable = decodeError(object);
      if (undecodable) {
        const meta = object.metadata as { name?: unknown; namespace?: unknown } | undefined;
        const ref = `${String(object.kind)}/${typeof meta?.namespace === 'string' ? `${meta.namespace}/` : ''}${String(meta?.name ?? '')}`;
        this.applyErrors.push({ object: ref, message: undecodable.message, locator: source, ...(source ? { source: { file: source.file, range: source.rangeOf(undecodable.path) } } : {}) });
        continue;
      }
      const obj = structuredClone(object) as unknown as KObject;
      if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = { name: '' };
      // status in a manifest is ignored by the API server
      delete obj.status;
      const r = this.api.create(obj);
      const ref = `${obj.kind}/${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
      if (r.error !== undefined) {
        this.applyErrors.push({ object: ref, message: r.error, locator: source, ...(source ? { source: { file: source.file, range: source.rangeOf(['metadata', 'name']) } } : {}) });
        continue;
      }
      if (source) this.sources.set(refOf(r.object), source);
      const replicas = (r.object.spec as { replicas?: unknown } | undefined)?.replicas;
      this.declaredReplicas.set(refOf(r.object), typeof replicas === 'number' ? replicas : 1);
    }
  }

  // ---- wiring ------------------------------------------------------------------------

  private onNode(type: string, node: NodeObject): void {
    const name = node.metadata.name;
    if (type === 'ADDED') {
      const kubelet = new Kubelet(this, name, ++this.nodeIndex);
      this.kubelets.set(name, kubelet);
      this.evictionManagers.set(name, new EvictionManager(this, kubelet));
    }
    if (type === 'DELETED') {
      this.kubelets.get(name)?.fail();
      this.kubelets.delete(name);
      this.evictionManagers.delete(name);
      // pod GC: pods bound to a node that no longer exists are deleted (podgc gcOrphaned)
      for (const pod of [...this.store.byIndex<PodObject>('pod-node', name)]) this.store.remove(pod);
    }
  }

  private onPod(type: string, pod: PodObject): void {
    if (type === 'DELETED') return;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const kubelet = this.kubelets.get(nodeName);
    if (!kubelet) return;
    if (pod.metadata.deletionTimestamp) kubelet.terminate(pod);
    // (admit ignores a pod the kubelet already runs: no lookup here first)
    else if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') kubelet.admit(pod);
  }

  behaviour(pod: Pod, container: Container): AppBehaviour {
    const owner = controllerOf(pod as PodObject);
    const key = `${pod.metadata?.namespace}/${owner ? `${owner.kind}/${owner.name}` : pod.metadata?.name}\u0000${container.name}`;
    const cached = this.behaviourCache.get(key);
    if (cached) return cached;
    const problems: AnnotationProblem[] = [];
    const req = podRequests({ containers: [container] });
    const runsToCompletion = pod.spec?.restartPolicy === 'Never' || pod.spec?.restartPolicy === 'OnFailure';
    const b = appBehaviour(pod.metadata?.annotations, { name: container.name, cpuRequest: req.cpu, memoryRequest: req.memory }, runsToCompletion, problems);
    this.behaviourCache.set(key, b);
    if (problems.length) {
      const top = this.topOwnerRef(pod as PodObject);
      const list = this.annotationProblems.get(top) ?? [];
      for (const p of problems) if (!list.some((x) => x.key === p.key)) list.push(p);
      this.annotationProblems.set(top, list);
    }
    return b;
  }

  /**
   * The share of its workload's load a pod carries: a cpu curve gives the use per pod when the
   * workload runs its declared replicas; the same total demand spreads over the ready pods.
   */
  loadShare(pod: Pod): number {
    const top = this.topOwnerRef(pod as PodObject);
    const declared = this.declaredReplicas.get(top) ?? 1;
    const cached = this.readyCache.get(top);
    if (cached && cached.time === this.clock.now && cached.rv === this.store.resourceVersion) return cached.count > 0 ? declared / cached.count : 1;
    let count = 0;
    for (const p of this.store.byIndex<PodObject>('pod-namespace', pod.metadata?.namespace ?? 'default')) {
      if (!p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && this.topOwnerRef(p) === top) count++;
    }
    this.readyCache.set(top, { time: this.clock.now, rv: this.store.resourceVersion, count });
    return count > 0 ? declared / count : 1;
  }

  /** What metrics-server would report for a pod: its use once its app is up, nothing before. */
  podMetrics(pod: PodObject): { cpu: number; memory: number } | undefined {
    const kubelet = this.kubelets.get(pod.spec?.nodeName ?? '');
    if (!kubelet || !kubelet.alive) return undefined;
    const u = kubelet.podUsage(pod);
    return u.cpu === 0 && u.memory === 0 ? undefined : u;
  }

  usageChanged(nodeName: string): void {
    this.evictionManagers.get(nodeName)?.usageChanged();
  }

  containerEnded(pod: PodObject, container: Container, reason: EndReason, exitCode: number, startedAt: number, behaviour: AppBehaviour): void {
    if (this.containerEnds.length > 100_000) return;
    this.containerEnds.push({ pod: keyOf(pod), podUid: pod.metadata.uid!, owner: this.ownerOf(pod), container: container.name, reason, exitCode, startedAt, at: this.clock.now, behaviour });
  }

  /** "Deployment/web": the workload that owns the pod (the ReplicaSet's Deployment, the Job's CronJob). */
  ownerOf(o: KObject): string | null {
    const c = controllerOf(o);
    if (!c) return null;
    if (c.kind === 'ReplicaSet' || c.kind === 'Job') {
      const parent = this.store.get(c.kind, `${o.metadata.namespace}/${c.name}`);
      const top = parent && controllerOf(parent);
      if (top) {
        // one string per owner reference of the ReplicaSet (or Job): its pods' timeline intervals and results share it
        let name = this.ownerNames.get(top);
        if (name === undefined) this.ownerNames.set(top, (name = `${top.kind}/${top.name}`));
        return name;
      }
    }
    return `${c.kind}/${c.name}`;
  }

  private readonly ownerNames = new WeakMap<object, string>();
  /** topOwnerRef's answers by owner, then namespace (owners are mostly the shared strings of `ownerOf`). */
  private readonly topRefs = new Map<string, Map<string, string>>();

  /** "Kind/ns/name" of the object the user wrote that led to this one (`owner`: its `ownerOf`, when known). */
  topOwnerRef(o: KObject, owner: string | null = this.ownerOf(o)): string {
    if (!owner) return refOf(o);
    const ns = o.metadata.namespace ?? 'default';
    let byNamespace = this.topRefs.get(owner);
    if (byNamespace === undefined && this.topRefs.size < 10_000) this.topRefs.set(owner, (byNamespace = new Map()));
    let ref = byNamespace?.get(ns);
    if (ref === undefined) {
      const [kind, name] = owner.split('/');
      ref = `${kind}/${ns}/${name}`;
      if (byNamespace !== undefined && byNamespace.size < 1_000) byNamespace.set(ns, ref);
    }
    return ref;
  }

  // ---- running -----------------------------------------------------------------------

  /** Runs the control loops until nothing is left to do at this instant. */
  settle(): void {
    this.settleSome();
  }

  /** Where a settle that was told to stop stopped: its round, the loop it was in (a controller's index, or the scheduler after them) and the round's work so far. */
  private settling: { round: number; step: number; work: number } | undefined;

  /**
   * `settle`, stopping when `stop` says so (checked between two keys or two pods): returns false
   * then, and the next call resumes exactly where it stopped, so a settle split into many calls does
   * what one call does (the language server yields between them; nothing else touches the cluster).
   */
  settleSome(stop?: () => boolean): boolean {
    const max = this.options.maxSettleRounds ?? 10_000;
    const s = this.settling ?? { round: 0, step: 0, work: 0 };
    this.settling = undefined;
    for (; s.round < max; s.round++, s.step = 0, s.work = 0) {
      for (; s.step < this.controllers.length; s.step++) {
        const c = this.controllers[s.step]!;
        s.work += c.drain(stop);
        if (c.midRound) {
          this.settling = s;
          return false;
        }
      }
      s.work += this.scheduler.run(stop);
      if (this.scheduler.queue.hasActive) {
        this.settling = s;
        return false;
      }
      if (s.work === 0) return true;
    }
    this.settleOverflow = true;
    return true;
  }

  /**
   * Deletes an object and, as the garbage collector does with background propagation
   * (pkg/controller/garbagecollector), the pods it controls.
   */
  deleteWithDependents(obj: KObject): void {
    const uid = obj.metadata.uid;
    this.api.delete(obj);
    if (uid) for (const pod of [...this.store.byIndex<PodObject>('pod-owner', uid)]) this.api.delete(pod);
  }

  /** Stops a node's kubelet at the current time, as a power or network failure would. */
  failNode(name: string): boolean {
    const kubelet = this.kubelets.get(name);
    if (!kubelet || !kubelet.alive) return false;
    kubelet.fail();
    this.events.normal(`Node/${name}`, 'SimulatedFailure', `Simulated failure: node ${name} stops (no heartbeats, no kubelet)`);
    this.nodeLifecycle.heartbeatsStopped(name, this.clock.now);
    return true;
  }
}

/** The pod-label index's keys, "namespace\0key=value" for each label in order (one array per write, none per label). */
function podLabelKeys(o: KObject): string[] {
  const labels = (o.metadata.labels ?? {}) as Record<string, string>;
  const names = Object.keys(labels);
  const out = new Array<string>(names.length);
  for (let i = 0; i < names.length; i++) out[i] = `${o.metadata.namespace}\u0000${names[i]}=${labels[names[i]!]}`;
  return out;
}
