/**
 * What a simulation returns: the contract between the simulated cluster and everything
 * that shows it (CLI text/JSON/HTML, the preview webview, sim- diagnostics).
 * Extend it freely; renaming or removing a field means updating every consumer.
 */
import type { Range } from '../model/finding';

/** Where in the user's manifests an object came from, so a click can reveal the line. */
export interface SourceRef {
  file: string;
  range: Range;
}

export interface SchedulingExplanation {
  /** Per node, per Filter plugin: "passed" or the plugin's reason (kube-scheduler's words). */
  filters: Record<string, Record<string, string>>;
  /** Per feasible node, per Score plugin that ran: normalized score 0–100 before weight. */
  scores: Record<string, Record<string, number>>;
  /** Per feasible node: Σ weight × normalized score. */
  totals: Record<string, number>;
  selected: string | null;
  /** kube-scheduler's FitError message when no node fits, e.g. "0/3 nodes are available: 3 Insufficient cpu." */
  message?: string;
  /**
   * Present when, as kube-scheduler does in large clusters (percentageOfNodesToScore), filtering stopped
   * once enough feasible nodes were found: only `evaluatedNodes` of `totalNodes` appear in `filters`.
   */
  sampling?: { evaluatedNodes: number; totalNodes: number };
  /**
   * DefaultPreemption found room: evicting `victims` (namespace/name, lower priority) from `nominatedNode` would let
   * the pod fit. Upstream then deletes the victims and sets the pod's status.nominatedNodeName; the pod stays
   * Pending this attempt (FailedScheduling without a preemption suffix) and is retried once they are gone.
   */
  preemption?: { nominatedNode: string; victims: string[] };
  /** Per node, per Filter plugin: what upstream logs but keeps out of the message, e.g. "untolerated taint dedicated=gpu:NoSchedule". */
  details?: Record<string, Record<string, string>>;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodResult {
  namespace: string;
  name: string;
  /** The workload that owns it, e.g. "Deployment/web" (top-level owner, not the ReplicaSet). */
  owner: string | null;
  node: string | null;
  phase: PodPhase;
  ready: boolean;
  restarts: number;
  /** Current state's reason, e.g. "CrashLoopBackOff", "OOMKilled", "Unschedulable". */
  reason?: string;
  message?: string;
  /** cpu in millicores, memory in bytes, as the scheduler counts them. */
  requests: { cpu: number; memory: number };
  qosClass: 'Guaranteed' | 'Burstable' | 'BestEffort';
  scheduling?: SchedulingExplanation;
  /** `status.nominatedNodeName`: a Pending pod that preempted pods there waits for them to go. */
  nominatedNode?: string;
  source?: SourceRef;
}

export interface ResourceAmounts {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  pods: number;
}

export interface NodeResult {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  ready: boolean;
  unschedulable: boolean;
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  /** Simulated actual use. */
  used: ResourceAmounts;
  /** namespace/name of the pods bound to it. */
  pods: string[];
}

export interface ServiceResult {
  namespace: string;
  name: string;
  /** name.namespace.svc.cluster.local */
  dns: string;
  type: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort: string | number; protocol: string }[];
  endpoints: { ready: string[]; notReady: string[] };
  /** Ingresses routing to this Service: "namespace/name host/path". */
  ingresses: string[];
  source?: SourceRef;
}

export interface SimEvent {
  /** Virtual seconds since the simulation started. */
  time: number;
  /** "Pod/shop/web-7d9f-abcde", "Node/worker-a", "Deployment/shop/web" */
  object: string;
  type: 'Normal' | 'Warning';
  /** kubectl's reasons: Scheduled, FailedScheduling, Pulled, Started, Unhealthy, Killing, BackOff, ... */
  reason: string;
  message: string;
  /** How many times it happened (repeats are folded, as `kubectl get events` shows "x3"); absent = once. */
  count?: number;
  /** When it last happened, for folded repeats. */
  lastTime?: number;
}

/** A state a pod was in from `from` until `to` (virtual seconds), for the timeline picture. */
export interface PodInterval {
  pod: string;
  owner: string | null;
  from: number;
  to: number;
  state: 'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'CrashLoopBackOff' | 'OOMKilled' | 'Terminating' | 'Evicted' | 'Succeeded' | 'Failed';
  node: string | null;
}

export interface SimFinding {
  /** sim-unschedulable, sim-liveness-kills-startup, sim-no-ready-endpoints, sim-crash-loop, sim-oom-killed, sim-hpa-no-metrics, sim-quota-exceeded, ... */
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The manifest place that causes it. */
  source?: SourceRef;
  /** The object it is about, e.g. "Deployment/shop/web". */
  object: string;
}

/** A HorizontalPodAutoscaler: what it saw and did at each sync. */
export interface AutoscalerResult {
  namespace: string;
  name: string;
  /** "Deployment/web" */
  target: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  /** One sample per sync: replicas then, the replicas it asked for, the first metric's value (percent of requests, or average per pod). */
  history: { time: number; replicas: number; desired: number; metric?: number }[];
  source?: SourceRef;
}

export interface SimulationResult {
  scenario: string;
  /** Virtual seconds simulated. */
  duration: number;
  pods: PodResult[];
  nodes: NodeResult[];
  services: ServiceResult[];
  events: SimEvent[];
  timeline: PodInterval[];
  findings: SimFinding[];
  /** What the cluster autoscaler did with the cluster file's NodePools. */
  nodePoolScaling?: { time: number; pool: string; from: number; to: number; kind: 'up' | 'down' }[];
  /** Pods the kubelets evicted under memory pressure, in order. */
  evictions?: { time: number; node: string; pod: string; qosClass: string; usage: number; request: number }[];
  /** HorizontalPodAutoscalers and their decisions. */
  autoscalers?: AutoscalerResult[];
  /** Objects the simulated API server refused, in its words. */
  applyErrors: { object: string; message: string; source?: SourceRef }[];
}
