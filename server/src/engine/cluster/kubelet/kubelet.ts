/**
 * One node's kubelet: admits the pods bound to its node, pulls images (serially, as with
 * the default serializeImagePulls), creates and starts containers in order (init containers
 * one at a time first), runs probes, restarts crashed containers with back-off, OOM-kills
 * containers whose simulated memory exceeds their limit, and reports pod status.
 * Upstream: pkg/kubelet/kubelet.go (syncPod), kuberuntime/kuberuntime_manager.go (SyncPod,
 * doBackOff), kuberuntime/kuberuntime_container.go (startContainer), prober/, status/.
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { TimedAction } from '../clock/eventQueue';
import type { VirtualClock } from '../clock/clock';
import type { EventRecorder, ObjectEvents } from '../events';
import type { Store } from '../store/store';
import { keyOf, refOf, timestamp, type KObject } from '../objects';
import { bytes, cpuMillis } from '../../kube/quantity';
import { cpuAt, type AppBehaviour } from '../app/annotations';
import { goDuration, restartDelay, type BackoffEntry } from './backoff';
import { planContainerRun, probeTiming, type EndReason, type RunStep } from './probePlan';
import { probeFailure } from './probeMessages';

export interface KubeletHost {
  readonly clock: VirtualClock;
  readonly store: Store;
  readonly events: EventRecorder;
  behaviour(pod: Pod, container: Container): AppBehaviour;
  /** Virtual time at which cpu curves start (the load scenario's start). */
  readonly loadStartsAt: number;
  usageChanged(nodeName: string): void;
  /** The share of its workload's load the pod carries (cpu curves); 1 when unknown. */
  loadShare?(pod: Pod): number;
  /** Observes container ends (for findings). */
  containerEnded?(pod: Pod & KObject, container: Container, reason: EndReason, exitCode: number, startedAt: number, behaviour: AppBehaviour): void;
}

/** The pod conditions the kubelet (and the scheduler's PodScheduled) write; others are left alone. */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** How long a container takes to stop after SIGTERM: the simulated apps exit promptly. */
export const TERMINATION_SECONDS = 1;

type Role = 'init' | 'sidecar' | 'app';

const NO_CONTAINERS: readonly ContainerWorker[] = [];

/** Why a container waits (replaced, never changed in place: the usual two are shared by every container). */
type Waiting = { readonly reason: string; readonly message?: string };
const CONTAINER_CREATING: Waiting = Object.freeze({ reason: 'ContainerCreating' });
const POD_INITIALIZING: Waiting = Object.freeze({ reason: 'PodInitializing' });

/** What a container's start leads to, besides app container number n ≥ 0 starting next (see `Kubelet.startContainer`). */
const THEN_NOTHING = -1;
const THEN_INIT_CHAIN = -2;

/** The timers a pod or container is waiting on (a stop cancels them); shared and frozen while there are none. */
interface TimerHolder {
  timers: readonly TimedAction[];
}
const NO_TIMERS: readonly TimedAction[] = Object.freeze([]);

interface Termination {
  reason: string;
  exitCode: number;
  startedAt: number;
  finishedAt: number;
}

interface ContainerWorker {
  spec: Container;
  role: Role;
  behaviour: AppBehaviour;
  state: 'waiting' | 'running' | 'terminated';
  waiting: Waiting;
  startedAt: number;
  started: boolean;
  ready: boolean;
  /** The app is up (answers probes, holds its memory). */
  up: boolean;
  restarts: number;
  terminated?: Termination;
  lastTerminated?: Termination;
  backoff?: BackoffEntry;
  timers: readonly TimedAction[];
}

interface PodWorker {
  pod: Pod & KObject;
  /** The pod's entry in the event recorder (under its "Pod/ns/name"): the kubelet records there without a lookup each time. */
  events: ObjectEvents;
  ip: string;
  containers: ContainerWorker[];
  /** `containers` split once: the app containers, and the init containers (sidecars included), each in order. */
  apps: readonly ContainerWorker[];
  inits: readonly ContainerWorker[];
  initIndex: number;
  initialized: boolean;
  terminating: boolean;
  final?: { phase: 'Succeeded' | 'Failed'; reason?: string; message?: string };
  timers: readonly TimedAction[];
  /** A status write is held for the end of the current kubelet step (see `Kubelet.step`). */
  statusHeld: boolean;
}

export interface PodUsage {
  cpu: number;
  memory: number;
}

export class Kubelet {
  private readonly workers = new Map<string, PodWorker>();
  private readonly images = new Map<string, number>();
  private pullerFreeAt = 0;
  private ipCounter = 1;
  alive = true;
  /** Depth of `step` calls: while > 0, status writes are held and sent once at the end. */
  private stepDepth = 0;
  private readonly held: PodWorker[] = [];

  constructor(
    private readonly host: KubeletHost,
    readonly nodeName: string,
    private readonly nodeIndex: number,
  ) {}

  get podCount(): number {
    return this.workers.size;
  }

  /** A pod was bound to this node. */
  admit(pod: Pod & KObject): void {
    if (!this.alive || this.workers.has(pod.metadata.uid!)) return;
    this.step(() => this.start(pod));
  }

  private start(pod: Pod & KObject): void {
    const now = this.host.clock.now;
    const ip = `10.244.${this.nodeIndex}.${(this.ipCounter++ % 253) + 1}`;
    const worker = (spec: Container, role: Role): ContainerWorker => ({
      spec,
      role,
      behaviour: this.host.behaviour(pod, spec),
      state: 'waiting',
      waiting: role === 'app' && (pod.spec?.initContainers?.length ?? 0) > 0 ? POD_INITIALIZING : CONTAINER_CREATING,
      startedAt: 0,
      started: false,
      ready: false,
      up: false,
      restarts: 0,
      timers: NO_TIMERS,
    });
    // built at their exact size (pushes would reserve room for 17): every running pod keeps this list
    // (init containers' workers first: building one reads the app's behaviour, whose problems are listed in order)
    const initWorkers = (pod.spec?.initContainers ?? []).map((c) => worker(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
    const appWorkers = (pod.spec?.containers ?? []).map((c) => worker(c, 'app'));
    // without init containers (most pods) the app list is the whole list: one array per pod, not two
    const containers = initWorkers.length === 0 ? appWorkers : initWorkers.concat(appWorkers);
    const apps = initWorkers.length === 0 ? appWorkers : containers.filter((c) => c.role === 'app');
    const inits = apps.length === containers.length ? NO_CONTAINERS : containers.filter((c) => c.role !== 'app');
    const w: PodWorker = { pod, events: this.host.events.of(refOf(pod)), ip, containers, apps, inits, initIndex: 0, initialized: false, terminating: false, timers: NO_TIMERS, statusHeld: false };
    this.addWorker(w);
    // in place: the same keys in the same order as a spread of the old status would give
    const status = (pod.status ??= {});
    status.phase = 'Pending';
    status.hostIP = this.hostIp();
    status.podIP = ip;
    status.podIPs = [{ ip }];
    status.startTime = timestamp(now);
    this.writeStatus(w);
    this.runInitContainers(w);
  }

  /** The pod got a deletion timestamp: stop its containers, then let the API server remove it. */
  terminate(pod: Pod & KObject): void {
    const w = this.workers.get(pod.metadata.uid!);
    if (!w) return;
    if (!this.alive || w.terminating) return;
    w.terminating = true;
    this.cancelAll(w);
    for (const c of w.containers) {
      if (c.state === 'running') this.host.events.recordOn(w.events, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
    }
    const grace = typeof pod.spec?.terminationGracePeriodSeconds === 'number' ? pod.spec.terminationGracePeriodSeconds : 30;
    this.at(undefined, this.host.clock.now + Math.min(grace, TERMINATION_SECONDS), () => this.finishTermination(w));
  }

  /** The node stops: no more status, probes or restarts from here (its pods look frozen to the API). */
  fail(): void {
    this.alive = false;
    for (const w of this.workers.values()) this.cancelAll(w);
  }

  /** Pods whose worker ended (evicted or finished) but whose API object remains. */
  evict(pod: Pod & KObject, message: string): void {
    const w = this.workers.get(pod.metadata.uid!);
    if (!w || !this.alive) return;
    this.cancelAll(w);
    for (const c of w.containers) {
      if (c.state === 'running') {
        this.host.events.recordOn(w.events, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
        this.stop(c, 'Error', 137);
      }
    }
    w.final = { phase: 'Failed', reason: 'Evicted', message };
    this.host.events.recordOn(w.events, 'Warning', 'Evicted', message);
    this.writeStatus(w);
    this.removeWorker(w);
    this.host.usageChanged(this.nodeName);
  }

  /** Simulated use of a pod right now (cpu millicores capped at the limit, memory bytes). */
  podUsage(pod: Pod): PodUsage {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    const out = { cpu: 0, memory: 0 };
    if (!w) return out;
    for (const c of w.containers) {
      if (c.state !== 'running' || !c.up) continue;
      out.memory += c.behaviour.memoryBytes;
      out.cpu += this.containerCpu(c, w.pod);
    }
    return out;
  }

  containerCpu(c: { behaviour: AppBehaviour; spec: Container }, pod: Pod): number {
    const b = c.behaviour;
    const now = this.host.clock.now;
    let cpu = b.cpuCurve && now >= this.host.loadStartsAt ? Math.round(cpuAt(b.cpuCurve, now - this.host.loadStartsAt) * (this.host.loadShare?.(pod) ?? 1)) : b.cpuMillicores;
    const limit = c.spec.resources?.limits?.cpu;
    const limitMillis = cpuMillis(limit);
    if (limitMillis !== undefined && cpu > limitMillis) cpu = limitMillis;
    return cpu;
  }

  /**
   * The memory every container of every pod here would use if all of them ran at once: a bound on memoryInUse()
   * kept as workers come and go, so a node far from memory pressure answers without walking its pods.
   */
  memoryCeiling = 0;

  private addWorker(w: PodWorker): void {
    this.workers.set(w.pod.metadata.uid!, w);
    for (const c of w.containers) this.memoryCeiling += c.behaviour.memoryBytes;
  }

  /** Removes the worker held for `w`'s pod (uid). */
  private removeWorker(w: PodWorker): void {
    const held = this.workers.get(w.pod.metadata.uid!);
    if (held === undefined) return;
    this.workers.delete(w.pod.metadata.uid!);
    for (const c of held.containers) this.memoryCeiling -= c.behaviour.memoryBytes;
  }

  /** Memory the running pods use right now: Σ podUsage(pod).memory over runningPods(), without building either. */
  memoryInUse(): number {
    let total = 0;
    for (const w of this.workers.values()) {
      if (w.final || w.terminating) continue;
      for (const c of w.containers) if (c.state === 'running' && c.up) total += c.behaviour.memoryBytes;
    }
    return total;
  }

  /** Pods running here (for eviction ranking). */
  runningPods(): (Pod & KObject)[] {
    return [...this.workers.values()].filter((w) => !w.final && !w.terminating).map((w) => w.pod);
  }

  /** Built once per node: every pod on it carries this string in its status. */
  private hostIpText: string | undefined;

  private hostIp(): string {
    return (this.hostIpText ??= `192.168.0.${(this.nodeIndex % 250) + 2}`);
  }

  private runInitContainers(w: PodWorker): void {
    const inits = w.inits;
    if (w.initIndex < inits.length) {
      const c = inits[w.initIndex]!;
      // a sidecar lets the chain go on once it started; a plain init container, once it exited (afterExit)
      this.startContainer(w, c, c.role === 'sidecar' ? THEN_INIT_CHAIN : THEN_NOTHING);
      return;
    }
    w.initialized = true;
    for (const c of w.containers) if (c.role === 'app' && c.state === 'waiting') c.waiting = CONTAINER_CREATING;
    this.writeStatus(w);
    if (w.apps.length > 0) this.startContainer(w, w.apps[0]!, 1);
  }

  /**
   * Pulls the image (if needed), creates and starts the container; then `then` happens: nothing (THEN_NOTHING), the
   * init chain goes on (THEN_INIT_CHAIN), or app container number `then` starts (the apps start one after another).
   */
  private startContainer(w: PodWorker, c: ContainerWorker, then: number): void {
    this.pullImage(w, c, then);
  }

  /** The image is there: the container is created and started (unless the pod stopped meanwhile). */
  private imageReady(w: PodWorker, c: ContainerWorker, then: number): void {
    if (!this.alive || w.terminating || w.final) return;
    const now = this.host.clock.now;
    if (c.state === 'terminated' || c.restarts > 0 || c.lastTerminated) {
      if (c.terminated) c.lastTerminated = c.terminated;
      c.terminated = undefined;
    }
    this.host.events.recordOn(w.events, 'Normal', 'Created', sharedText(CREATED, c.spec.name, (n) => `Created container: ${n}`));
    this.host.events.recordOn(w.events, 'Normal', 'Started', sharedText(STARTED, c.spec.name, (n) => `Started container ${n}`));
    c.state = 'running';
    c.startedAt = now;
    c.started = false;
    c.ready = false;
    c.up = false;
    this.planRun(w, c);
    this.writeStatus(w);
    if (then === THEN_INIT_CHAIN) {
      w.initIndex++;
      this.runInitContainers(w);
    } else if (then >= 0 && then < w.apps.length) this.startContainer(w, w.apps[then]!, then + 1);
  }

  private pullImage(w: PodWorker, c: ContainerWorker, then: number): void {
    const image = c.spec.image ?? '';
    const now = this.host.clock.now;
    const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const presentAt = this.images.get(image);
    if (presentAt !== undefined && presentAt <= now && policy !== 'Always') {
      this.host.events.recordOn(w.events, 'Normal', 'Pulled', sharedText(PRESENT, image, (i) => `Container image "${i}" already present on machine`));
      this.imageReady(w, c, then);
      return;
    }
    this.host.events.recordOn(w.events, 'Normal', 'Pulling', sharedText(PULLING, image, (i) => `Pulling image "${i}"`));
    // an image already present and policy Always: the registry only confirms the digest
    const duration = presentAt !== undefined && presentAt <= now ? 0.5 : c.behaviour.imagePullSeconds;
    const begin = Math.max(now, this.pullerFreeAt);
    const end = begin + duration;
    this.pullerFreeAt = end;
    this.at(w, end, () => {
      if (!this.images.has(image) || this.images.get(image)! > end) this.images.set(image, end);
      // pulls of one image on many nodes take the same times: one message string for each image and pair of times
      this.host.events.recordOn(w.events, 'Normal', 'Pulled', sharedText(PULLED, `${image}\u0000${duration}\u0000${end - now}`, () => `Successfully pulled image "${image}" in ${goDuration(duration)} (${goDuration(end - now)} including waiting)`));
      this.imageReady(w, c, then);
    });
  }

  private planRun(w: PodWorker, c: ContainerWorker): void {
    const b = c.behaviour;
    const start = c.startedAt;
    const upAt = start + b.startupSeconds;
    const limit = bytes(c.spec.resources?.limits?.memory);
    const oomAt = limit !== undefined && b.memoryBytes > limit ? upAt : undefined;
    const plainInit = c.role === 'init';
    const exitAt = b.exitAfterSeconds !== undefined ? start + b.exitAfterSeconds : undefined;
    // plain init containers have no probes (the API rejects them)
    const startup = plainInit ? undefined : probeTiming(c.spec.startupProbe);
    const liveness = plainInit ? undefined : probeTiming(c.spec.livenessProbe);
    const readiness = plainInit || c.role === 'sidecar' ? undefined : probeTiming(c.spec.readinessProbe);
    if (startup === undefined && liveness === undefined && readiness === undefined && exitAt === undefined && oomAt === undefined) {
      // No probe and nothing ends the run (most containers): the plan is "started, then Ready, both at the start",
      // which is what the steps below would do with it, without planning it.
      this.comesUpAt(c, upAt);
      c.started = true;
      c.ready = true;
      return;
    }
    const steps = planContainerRun({ start, upAt, exitAt, exitCode: b.exitCode, oomAt, startup, liveness, readiness });
    const endAt = steps.find((s) => s.kind === 'end')?.at ?? Infinity;
    if (upAt < endAt || (oomAt !== undefined && upAt === endAt)) this.comesUpAt(c, upAt);
    // Started and Ready the moment the container starts (no startup or readiness probe to wait for): the status the
    // start writes says so, as upstream's status manager reports the prober manager's verdict with the running state
    // (pkg/kubelet/prober/prober_manager.go UpdatePodStatus), rather than a zero-length "running, not started" first.
    let first = 0;
    for (; first < steps.length && steps[first]!.at === start; first++) {
      const kind = steps[first]!.kind;
      if (kind === 'started') c.started = true;
      else if (kind === 'ready') c.ready = true;
      else break;
    }
    for (let i = first; i < steps.length; i++) {
      const step = steps[i]!;
      const next = steps[i + 1];
      // Started and ready at one instant (no readiness probe): the two timers run back to back (consecutive in the
      // queue, nothing between them), so the first leaves its status write to the second, as the status manager
      // would send only the latest status; the state the watchers see after both is the same.
      const carry = step.kind === 'started' && next?.kind === 'ready' && next.at === step.at;
      this.at(c, step.at, () => this.runStep(w, c, step, carry));
    }
  }

  /** The app in `c` answers and holds its memory from `at` on. */
  private comesUpAt(c: ContainerWorker, at: number): void {
    this.at(c, at, () => {
      c.up = true;
      this.host.usageChanged(this.nodeName);
    });
  }

  /** `carry`: the next step runs right after this one and writes the status for both. */
  private runStep(w: PodWorker, c: ContainerWorker, step: RunStep, carry = false): void {
    switch (step.kind) {
      case 'unhealthy': {
        const probe = step.probe === 'Startup' ? c.spec.startupProbe : step.probe === 'Liveness' ? c.spec.livenessProbe : c.spec.readinessProbe;
        this.host.events.recordOn(w.events, 'Warning', 'Unhealthy', probeFailure(step.probe, probe, c.spec, w.ip));
        return;
      }
      case 'started':
        c.started = true;
        if (!carry) this.writeStatus(w);
        return;
      case 'ready':
        c.ready = true;
        this.writeStatus(w);
        return;
      case 'end':
        this.containerEnded(w, c, step.reason, step.exitCode);
        return;
    }
  }

  private containerEnded(w: PodWorker, c: ContainerWorker, reason: EndReason, exitCode: number): void {
    const name = c.spec.name;
    if (reason === 'Liveness' || reason === 'Startup') {
      this.host.events.recordOn(w.events, 'Normal', 'Killing', `Container ${name} failed ${reason.toLowerCase()} probe, will be restarted`);
    } else if (reason === 'OOMKilled') {
      const limit = c.spec.resources?.limits?.memory;
      this.host.events.warning(`Node/${this.nodeName}`, 'OOMKilling', `Memory cgroup out of memory: Killed process of container ${name} in pod ${keyOf(w.pod)} (limit ${limit}, usage ${formatMi(c.behaviour.memoryBytes)})`);
    }
    this.host.containerEnded?.(w.pod, c.spec, reason, exitCode, c.startedAt, c.behaviour);
    const termReason = reason === 'OOMKilled' ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    this.stop(c, termReason, exitCode);
    this.host.usageChanged(this.nodeName);
    this.afterExit(w, c);
  }

  private stop(c: ContainerWorker, reason: string, exitCode: number): void {
    this.cancelTimers(c);
    const now = this.host.clock.now;
    c.terminated = { reason, exitCode, startedAt: c.startedAt, finishedAt: now };
    c.state = 'terminated';
    c.ready = false;
    c.started = false;
    c.up = false;
  }

  private afterExit(w: PodWorker, c: ContainerWorker): void {
    const policy = c.role === 'sidecar' ? 'Always' : (w.pod.spec?.restartPolicy ?? 'Always');
    const exitCode = c.terminated!.exitCode;
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (c.role === 'init' && exitCode === 0) {
      this.writeStatus(w);
      w.initIndex++;
      this.runInitContainers(w);
      return;
    }
    if (!restart) {
      if (c.role === 'init') w.final = { phase: 'Failed' };
      else {
        const apps = w.apps;
        if (apps.every((x) => x.state === 'terminated')) w.final = { phase: apps.every((x) => x.terminated!.exitCode === 0) ? 'Succeeded' : 'Failed' };
      }
      this.writeStatus(w);
      if (w.final) this.finishPod(w);
      return;
    }
    const now = this.host.clock.now;
    const { wait, next } = restartDelay(c.backoff, now);
    const restartNow = () => {
      c.backoff = next(this.host.clock.now);
      c.restarts++;
      // a restarted init container continues the chain when it exits
      this.startContainer(w, c, THEN_NOTHING);
    };
    if (wait === 0) {
      this.writeStatus(w);
      restartNow();
      return;
    }
    const podName = `${w.pod.metadata.name}_${w.pod.metadata.namespace}(${w.pod.metadata.uid})`;
    c.state = 'waiting';
    c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(wait)} restarting failed container=${c.spec.name} pod=${podName}` };
    this.host.events.recordOn(w.events, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${podName}`);
    this.writeStatus(w);
    this.at(c, this.host.clock.now + wait, restartNow);
  }

  /** A run-to-completion pod finished: its worker stops, its object stays with a terminal phase. */
  private finishPod(w: PodWorker): void {
    this.cancelAll(w);
    this.removeWorker(w);
  }

  private finishTermination(w: PodWorker): void {
    if (!this.alive) return;
    for (const c of w.containers) if (c.state === 'running') this.stop(c, 'Completed', 0);
    this.removeWorker(w);
    this.host.usageChanged(this.nodeName);
    // the kubelet's final status lets the API server delete the object (grace period 0)
    this.flushHeld();
    this.host.store.remove(w.pod);
  }

  private cancelAll(w: PodWorker): void {
    this.cancelTimers(w);
    for (const c of w.containers) this.cancelTimers(c);
  }

  private cancelTimers(holder: TimerHolder): void {
    for (const t of holder.timers) this.host.clock.cancel(t);
    holder.timers = NO_TIMERS;
  }

  /**
   * Runs one kubelet step (admitting a pod, a timer firing) with status writes held back: each pod whose
   * status changed is written once, at the end, with its latest status — as the kubelet's status manager
   * syncs a pod's latest status rather than every intermediate one (pkg/kubelet/status/status_manager.go).
   * Nothing reads the pod between the writes of one step (watchers only queue work or ignore status; the
   * control loops run after the instant's actions), so the store ends in the same state; the intermediate
   * states would have lasted zero virtual seconds.
   */
  private step(fn: () => void): void {
    this.stepDepth++;
    try {
      fn();
    } finally {
      this.stepDepth--;
      if (this.stepDepth === 0) this.flushHeld();
    }
  }

  private flushHeld(): void {
    // writes a watcher causes meanwhile join the end of the list (held, not nested)
    this.stepDepth++;
    for (let i = 0; i < this.held.length; i++) {
      const w = this.held[i]!;
      w.statusHeld = false;
      this.sendStatus(w);
    }
    this.held.length = 0;
    this.stepDepth--;
  }

  /**
   * `clock.at` for the kubelet's own timers: each runs as one step. A timer sits in its holder's `timers` (the list a
   * stop cancels) until it runs, then leaves it, so a long-lived pod does not keep every timer it ever had.
   */
  private at(holder: TimerHolder | undefined, time: number, fn: () => void): void {
    const action = this.host.clock.at(time, () => {
      if (holder !== undefined) {
        const pending = holder.timers;
        // the last one out leaves the shared empty list: an emptied array would keep the room a push reserved
        if (pending.length === 1 && pending[0] === action) holder.timers = NO_TIMERS;
        else {
          const i = pending.indexOf(action);
          if (i >= 0) (pending as TimedAction[]).splice(i, 1);
        }
      }
      this.step(fn);
    });
    if (holder === undefined) return;
    // the first timer gets a list of its own, of exactly one (most pods and containers have one timer at a time)
    if (holder.timers.length === 0) holder.timers = [action];
    else (holder.timers as TimedAction[]).push(action);
  }

  private writeStatus(w: PodWorker): void {
    if (this.stepDepth > 0) {
      if (!w.statusHeld) {
        w.statusHeld = true;
        this.held.push(w);
      }
      return;
    }
    this.sendStatus(w);
  }

  private sendStatus(w: PodWorker): void {
    const pod = w.pod;
    if (!this.host.store.contains(pod) && !this.host.store.get('Pod', keyOf(pod))) return;
    const now = this.host.clock.now;
    const { apps, inits } = w;
    let containersReady = apps.length > 0;
    for (let i = 0; containersReady && i < apps.length; i++) containersReady = apps[i]!.ready && apps[i]!.state === 'running';
    for (let i = 0; containersReady && i < inits.length; i++) containersReady = inits[i]!.role !== 'sidecar' || inits[i]!.state === 'running';
    let phase: string;
    if (w.final) phase = w.final.phase;
    else if (!w.initialized) phase = 'Pending';
    else if (apps.some((c) => c.state === 'running' || c.restarts > 0 || c.terminated || c.lastTerminated)) phase = 'Running';
    else phase = 'Pending';
    const previous = pod.status?.conditions ?? [];
    const ready = containersReady && !w.final;
    const notReadyMessage = ready || w.final ? undefined : sharedText(UNREADY, namesOf(apps, isUnready), (names) => `containers with unready status: [${names}]`);
    const conditions = [
      condition(previous, now, 'PodReadyToStartContainers', true),
      condition(previous, now, 'Initialized', w.initialized, 'ContainersNotInitialized', w.initialized ? undefined : sharedText(INCOMPLETE, namesOf(inits, isIncompleteInit), (names) => `containers with incomplete status: [${names}]`)),
      condition(previous, now, 'Ready', ready, w.final ? 'PodCompleted' : 'ContainersNotReady', notReadyMessage),
      condition(previous, now, 'ContainersReady', ready, w.final ? 'PodCompleted' : 'ContainersNotReady', notReadyMessage),
      lastCondition(previous, 'PodScheduled') ?? condition(previous, now, 'PodScheduled', true),
    ];
    // conditions other components own (DisruptionTarget from preemption or eviction) stay as they are
    for (let i = 0; i < previous.length; i++) if (!KUBELET_CONDITIONS.has(previous[i]!.type)) conditions.push(previous[i]!);
    // in place: the same keys in the same order as `{ ...pod.status, phase, … }` would give, one object fewer per write
    const st = (pod.status ??= {});
    st.phase = phase;
    if (w.final?.reason) {
      st.reason = w.final.reason;
      st.message = w.final.message;
    }
    st.conditions = conditions;
    st.containerStatuses = apps.map(containerStatus);
    if (inits.length) st.initContainerStatuses = inits.map(containerStatus);
    this.host.store.updateStatus(pod);
  }
}

// The status a write builds, in functions of their own: a write allocates no closures (every pod writes a few times).

/** The names of the containers `which` picks, joined by spaces (one picked: its own name string, nothing built). */
function namesOf(containers: readonly ContainerWorker[], which: (c: ContainerWorker) => boolean): string {
  let names: string | undefined;
  for (const c of containers) if (which(c)) names = names === undefined ? c.spec.name : `${names} ${c.spec.name}`;
  return names ?? '';
}

function isUnready(c: ContainerWorker): boolean {
  return !(c.ready && c.state === 'running');
}

function isIncompleteInit(c: ContainerWorker): boolean {
  return c.state !== 'terminated' && c.role === 'init';
}

/** The default imagePullPolicy: Always for :latest or an untagged image, else IfNotPresent (by image, worked out once). */
function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return shared(PULL_POLICIES, image, pullPolicyOf, 4096);
}

function pullPolicyOf(image: string): 'Always' | 'IfNotPresent' {
  return /:latest$/.test(image) || !/:[^/]+$/.test(image.replace(/@.*$/, ':digest')) ? 'Always' : 'IfNotPresent';
}

const PULL_POLICIES = new Map<string, 'Always' | 'IfNotPresent'>();

/** The last condition of a type, as a Map built from the list would hold. */
function lastCondition(list: readonly PodCondition[], type: string): PodCondition | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.type === type) return list[i];
  return undefined;
}

/** A kubelet-owned condition; reason and message only count when it is False (messages are built only then). */
function condition(previous: readonly PodCondition[], now: number, type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = lastCondition(previous, type);
  // a True condition that stays True is the same three fields: keep the object rather than copy it
  if (ok && old !== undefined && old.status === status && old.reason === undefined && old.message === undefined && isPlainCondition(old)) return old;
  const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : timestamp(now);
  if (lastTransitionTime !== undefined) return sharedCondition(type, status, lastTransitionTime, ok ? undefined : reason || undefined, ok ? undefined : message || undefined);
  // an earlier condition without a transition time (not one the kubelet wrote) keeps it that way
  const c: PodCondition = { type, status, lastTransitionTime };
  if (reason && !ok) c.reason = reason;
  if (message && !ok) c.message = message;
  return c;
}

function containerStatus(c: ContainerWorker): ContainerStatus {
  let state: ContainerState;
  if (c.state === 'running') state = runningSince(timestamp(c.startedAt));
  else if (c.state === 'terminated' && c.terminated) state = { terminated: termination(c.terminated) };
  else if (c.waiting === CONTAINER_CREATING) state = WAITING_CREATING;
  else if (c.waiting === POD_INITIALIZING) state = WAITING_INITIALIZING;
  else {
    const waiting: { reason: string; message?: string } = { reason: c.waiting.reason };
    if (c.waiting.message) waiting.message = c.waiting.message;
    state = { waiting };
  }
  // optional keys added after the fixed ones: the same object, key order included, as conditional spreads give, built without them
  const out: ContainerStatus = {
    name: c.spec.name,
    image: c.spec.image ?? '',
    imageID: '',
    ready: c.ready && c.state === 'running',
    started: c.state === 'running' && c.started,
    restartCount: c.restarts,
    state,
  };
  if (c.lastTerminated) out.lastState = { terminated: termination(c.lastTerminated) };
  return out;
}

/**
 * Event messages that depend only on a container or image name, one string per name: every pod of a
 * Deployment records the same ones, and each event keeps its message for the whole run.
 */
const CREATED = new Map<string, string>();
/** Condition messages naming the containers not yet ready / initialized, by their names joined. */
const UNREADY = new Map<string, string>();
const INCOMPLETE = new Map<string, string>();
const STARTED = new Map<string, string>();
const PRESENT = new Map<string, string>();
const PULLING = new Map<string, string>();
const PULLED = new Map<string, string>();

function sharedText(cache: Map<string, string>, name: string, build: (name: string) => string): string {
  return shared(cache, name, build, 1024);
}

/** The value `cache` holds for `key`, built and kept on a miss while the cache holds fewer than `limit`. */
function shared<T>(cache: Map<string, T>, key: string, build: (key: string) => T, limit: number): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build(key);
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}

/*
 * Parts of a status that many pods hold equal (the same waiting reason, running since the same second, a condition
 * that turned at the same second): frozen objects shared by all of them. Each pod keeps its status for the whole run,
 * and nothing changes a status in place: a write replaces it.
 */
const WAITING_CREATING: ContainerState = Object.freeze({ waiting: Object.freeze({ reason: CONTAINER_CREATING.reason }) });
const WAITING_INITIALIZING: ContainerState = Object.freeze({ waiting: Object.freeze({ reason: POD_INITIALIZING.reason }) });
const RUNNING_SINCE = new Map<string, ContainerState>();

function runningSince(startedAt: string): ContainerState {
  return shared(RUNNING_SINCE, startedAt, runningState, 100_000);
}

function runningState(startedAt: string): ContainerState {
  return Object.freeze({ running: Object.freeze({ startedAt }) });
}

/** Conditions by transition time, then type, status, reason and message ('' for none). */
const CONDITIONS = new Map<string, Map<string, Map<string, Map<string, Map<string, PodCondition>>>>>();

/** The condition `{ type, status, lastTransitionTime[, reason][, message] }`, shared. */
function sharedCondition(type: string, status: string, lastTransitionTime: string, reason: string | undefined, message: string | undefined): PodCondition {
  const byType = level(CONDITIONS, lastTransitionTime);
  const byStatus = level(byType, type);
  const byReason = level(byStatus, status);
  const byMessage = level(byReason, reason ?? '');
  let c = byMessage.get(message ?? '');
  if (c === undefined) {
    const built: PodCondition = { type, status, lastTransitionTime };
    if (reason) built.reason = reason;
    if (message) built.message = message;
    c = Object.freeze(built);
    if (CONDITIONS.size < 100_000 && byMessage.size < 1024) byMessage.set(message ?? '', c);
  }
  return c;
}

function level<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let next = map.get(key);
  if (next === undefined) map.set(key, (next = new Map()));
  return next;
}

/** Exactly `{ type, status, lastTransitionTime }`, in that order (what `cond` builds for a True condition). */
function isPlainCondition(c: PodCondition): boolean {
  let i = 0;
  for (const k in c) {
    if (k !== (i === 0 ? 'type' : i === 1 ? 'status' : i === 2 ? 'lastTransitionTime' : '')) return false;
    i++;
  }
  return i === 3;
}

function termination(t: Termination) {
  return { reason: t.reason, exitCode: t.exitCode, startedAt: timestamp(t.startedAt), finishedAt: timestamp(t.finishedAt) };
}

function formatMi(b: number): string {
  return `${Math.round(b / 2 ** 20)}Mi`;
}
