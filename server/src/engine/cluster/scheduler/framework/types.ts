/**
 * The plugin contract, a compact mirror of kube-scheduler's framework
 * (staging/src/k8s.io/kube-scheduler/framework/interface.go):
 *
 *   PreFilter → Filter (per node) → PostFilter → PreScore → Score (per node) → NormalizeScore
 *
 * A plugin's `cycle()` is its PreFilter (and the place its per-cycle state lives): it runs once per
 * scheduling attempt and returns the callbacks for the later extension points. Leaving `filter`
 * undefined is PreFilter's Skip; `preScore` returning false is PreScore's Skip.
 */
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { ClusterSnapshot } from './snapshot';

/** One score per feasible node, in feasible-node order. */
export type Scores = Float64Array;

/** `fwk.MaxNodeScore`. */
export const MAX_NODE_SCORE = 100;

/** A rejection: Unschedulable, or UnschedulableAndUnresolvable (preemption cannot help). */
export interface Status {
  readonly reasons: readonly string[];
  readonly unresolvable: boolean;
  /** What upstream only logs (e.g. which taint): shown in the explanation's `details`, never in messages. */
  readonly detail?: string;
}

export function unschedulable(...reasons: string[]): Status {
  return { reasons, unresolvable: false };
}

export function unresolvable(...reasons: string[]): Status {
  return { reasons, unresolvable: true };
}

/** `Status.Message()`: the reasons joined with ", ". */
export function statusMessage(s: Status): string {
  return s.reasons.join(', ');
}

export interface PluginCycle {
  /** PreFilter rejected the pod outright (no node can fit). */
  rejected?: Status;
  /** PreFilterResult: only these nodes can fit (e.g. NodeAffinity pinning metadata.name). */
  nodeNames?: ReadonlySet<string>;
  /** null = the node passes. */
  filter?(node: NodeInfo): Status | null;
  /**
   * `filter` passes every node of the snapshot this cycle (nothing it could reject is there): the bulk path
   * leaves it out of the per-node loop; explanations still run it, to show it passed.
   */
  passesEveryNode?: boolean;
  /** PreFilterExtensions AddPod/RemovePod: update cycle state as if `pod` were added to / removed from `node`. */
  updateWithPod?(pod: PodInfo, node: NodeInfo, delta: 1 | -1): void;
  /**
   * PreScore over the feasible nodes; false = Skip (the plugin does not score this pod). A number means every
   * feasible node would get that normalized score (a shortcut that skips the per-node Score calls, not a
   * different result).
   */
  preScore?(feasible: readonly NodeInfo[]): boolean | number;
  score?(node: NodeInfo): number;
  /**
   * For a plugin without NormalizeScore, the bulk path in one pass: `totals[i] += weight × score(feasible[i])` for
   * every feasible node (the same sums as `score` per node followed by the weighted sum, in one loop inside the plugin).
   */
  addScores?(feasible: readonly NodeInfo[], totals: Scores, weight: number): void;
  /**
   * For a plugin with NormalizeScore, the bulk path in one call: `totals[i] += weight × normalized score(feasible[i])`
   * for every feasible node, `scores` being scratch of feasible.length (the same sums as score, normalize and the
   * weighted sum, in fewer loops over the nodes, each a direct loop inside the plugin).
   */
  addNormalizedScores?(feasible: readonly NodeInfo[], totals: Scores, weight: number, scores: Scores): void;
  /** NormalizeScore, in place, to 0..MAX_NODE_SCORE. */
  normalize?(scores: Scores): void;
}

export type PluginName =
  | 'NodeUnschedulable'
  | 'NodeName'
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodePorts'
  | 'NodeResourcesFit'
  | 'PodTopologySpread'
  | 'InterPodAffinity'
  | 'NodeResourcesBalancedAllocation'
  | 'ImageLocality';

/** A cycle with nothing to do (every extension point skipped): shared, never written. */
export const SKIP: PluginCycle = Object.freeze({});

export interface Plugin {
  readonly name: PluginName;
  cycle(pod: PodInfo, snapshot: ClusterSnapshot): PluginCycle;
}

/** A plugin in a profile, with its score weight (0 when it does not score). */
export interface ProfilePlugin {
  plugin: Plugin;
  weight: number;
}
