/**
 * PodTopologySpread Score (scoring.go), for ScheduleAnyway constraints (or the system defaults):
 * - PreScore skips pods without such constraints. With the pod's own constraints, feasible nodes missing
 *   a topology key are ignored (score 0); with the system defaults they are not (hostname spreading still works).
 * - Each constraint weighs its counts by log(domains among the feasible nodes + 2), so small topologies
 *   are not drowned by big ones; a node's raw score = Σ count × weight + (maxSkew − 1), rounded.
 * - NormalizeScore: 100 × (max + min − score) / max, so the emptiest domain gets 100; ignored nodes 0.
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { MAX_NODE_SCORE, type PluginCycle, type Scores } from '../../framework/types';
import { countingKey, hasOwnConstraints, inclusionCheck, LABEL_HOSTNAME, nodeHasAllKeys, type SpreadConstraint } from './common';
import { SpreadCounts, type Domain } from './counting';

let stampSeq = 0;

/**
 * Scoring cycles shared by the pods whose constraints are one list (the system defaults are one list per selector)
 * and whose counting key is the same: everything the cycle reads of its pod (namespace, whether all topologies are
 * required, the inclusion policy's inputs) is in that key, and its per-attempt state is reset by each PreScore
 * (attempts run one at a time). Pods with their own constraints parse a list each and keep cycles of their own.
 */
const sharedCycles = new WeakMap<readonly SpreadConstraint[], Map<string, Pick<PluginCycle, 'preScore' | 'score' | 'addNormalizedScores' | 'normalize'>>>();

export function sharedSpreadScoring(pod: PodInfo, snapshot: ClusterSnapshot, constraints: readonly SpreadConstraint[]): Pick<PluginCycle, 'preScore' | 'score' | 'addNormalizedScores' | 'normalize'> {
  if (constraints.length === 0) return NO_SCORING;
  const key = countingKey(pod, constraints, hasOwnConstraints(pod), 'score');
  let byKey = sharedCycles.get(constraints);
  if (byKey === undefined) sharedCycles.set(constraints, (byKey = new Map()));
  let cycle = byKey.get(key);
  if (cycle === undefined) {
    cycle = spreadScoring(pod, snapshot, constraints);
    if (byKey.size < 64) byKey.set(key, cycle);
  }
  return cycle;
}

/** No ScheduleAnyway constraints: PreScore would skip, so there is nothing to score. */
const NO_SCORING: Pick<PluginCycle, 'preScore' | 'score' | 'addNormalizedScores' | 'normalize'> = Object.freeze({});

export function spreadScoring(pod: PodInfo, snapshot: ClusterSnapshot, constraints: readonly SpreadConstraint[]): Pick<PluginCycle, 'preScore' | 'score' | 'addNormalizedScores' | 'normalize'> {
  // Upstream's `requireAllTopologies`: relaxed only for the system default constraints.
  const requireAll = hasOwnConstraints(pod);
  const nc = constraints.length;
  const hostname = constraints.map((c) => c.topologyKey === LABEL_HOSTNAME);
  const skews = constraints.map((x) => x.maxSkew - 1);
  const keys = constraints.map((x) => x.topologyKey);
  // What PreScore reads of the pod is in the cycle's key: the counts' key and inclusion check are this cycle's for good.
  let countsKey: string | undefined;
  const inclusion = () => inclusionCheck(pod);
  // Per-attempt state, reset by each PreScore: the weights, the topology sizes and which constraints are settled.
  const weights = new Float64Array(nc);
  const sizes = new Int32Array(nc);
  const settled = new Uint8Array(nc);
  let ignored: Set<NodeInfo> | undefined;
  // Scores arrive in feasible-node order; remember which positions are ignored for NormalizeScore.
  let ignoredIndex: boolean[] | undefined;

  /** Built by PreScore from this cycle's counts (kept while they are the same arrays); reads the weights as they are. */
  let scoreNode: (node: NodeInfo) => number = () => 0;
  let scorerOf: { counts: SpreadCounts; rebuilds: number } | undefined;
  /** The system defaults' terms when this cycle has their shape (hostname, then a wider domain), else undefined. */
  let shape: DefaultShape | undefined;
  const makeScorer = (c: SpreadCounts): ((node: NodeInfo) => number) => {
    const { counts: cnts, hasKey, domainOf, slots } = c.flat;
    const w = weights;
    const generic = (node: NodeInfo): number => {
      if (ignored !== undefined && ignored.has(node)) return 0;
      const slot = node.slot;
      const base = slot >= 0 && slot < slots ? slot * nc : -1;
      let total = 0;
      for (let i = 0; i < nc; i++) {
        let cnt: number;
        if (base >= 0) {
          const at = base + i;
          if (hasKey[at] === 0) continue;
          cnt = hostname[i] ? cnts[at]! : (domainOf[at]?.pods ?? c.domains[i]!.get(node.labels[keys[i]!]!)?.pods ?? 0);
        } else {
          const value = node.labels[keys[i]!];
          if (value === undefined) continue;
          cnt = hostname[i] ? 0 : (c.domains[i]!.get(value)?.pods ?? 0);
        }
        total += cnt * w[i]! + skews[i]!;
      }
      return Math.round(total);
    };
    // The system defaults' shape, which nearly every pod of a Deployment has: the same sums in the same order, without
    // the per-constraint loop and its branches (used while no node is ignored).
    shape = nc === 2 && hostname[0] && !hostname[1]
      ? { cnts, hasKey, domainOf, slots, s0: skews[0]!, s1: skews[1]!, key1: keys[1]!, domains1: c.domains[1]!, generic }
      : undefined;
    scorerOf = { counts: c, rebuilds: c.rebuilds };
    return generic;
  };

  /** NormalizeScore's min and max over the scores of the nodes not ignored (max starts at 0, as upstream's does). */
  const range = (scores: Scores): { min: number; max: number } => {
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    const n = scores.length;
    for (let k = 0; k < n; k++) {
      if (ignoredIndex !== undefined && ignoredIndex[k]) continue;
      const s = scores[k]!;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    return { min, max };
  };

  return {
    preScore(feasible) {
      if (nc === 0 || snapshot.nodeInfos().length === 0) return false;
      // Hostname counts are read per node; only wider domains need totals.
      countsKey ??= countingKey(pod, constraints, requireAll, 'score');
      const c = SpreadCounts.of(snapshot, countsKey, constraints, requireAll, inclusion, pod.namespace, isHostnameConstraint);
      ignored = undefined;
      ignoredIndex = undefined;
      // Topology sizes: distinct domains among the considered feasible nodes, counted with the domains' stamps.
      const stamp = ++stampSeq;
      sizes.fill(0);
      let strays: Set<string>[] | undefined;
      let considered = 0;
      // A constraint is settled once every domain was seen and no node can add another (all nodes eligible).
      let open = 0;
      for (let i = 0; i < nc; i++) {
        settled[i] = hostname[i] ? 1 : 0;
        if (!hostname[i]) open++;
      }
      for (let k = 0; k < feasible.length; k++) {
        if (open === 0 && !requireAll) {
          considered += feasible.length - k;
          break;
        }
        const node = feasible[k]!;
        if (requireAll && !nodeHasAllKeys(node, constraints)) {
          (ignored ??= new Set()).add(node);
          (ignoredIndex ??= new Array<boolean>(feasible.length).fill(false))[k] = true;
          continue;
        }
        considered++;
        if (open === 0) continue;
        for (let i = 0; i < nc; i++) {
          if (settled[i] === 1) continue;
          const at = c.index(node, i);
          const d = at >= 0 ? c.domainOf[at] : undefined;
          if (d !== undefined) {
            if (d.stamp !== stamp) {
              d.stamp = stamp;
              sizes[i]!++;
              if (sizes[i] === c.domains[i]!.size && c.ineligible[i] === 0) {
                settled[i] = 1;
                open--;
              }
            }
          } else {
            // A node that does not count toward any domain still seeds its value (upstream's initPreScoreState).
            ((strays ??= constraints.map(() => new Set<string>()))[i]!).add(node.labels[constraints[i]!.topologyKey] ?? '');
          }
        }
      }
      for (let i = 0; i < nc; i++) {
        if (hostname[i]) weights[i] = Math.log(considered + 2);
        else {
          let size = sizes[i]!;
          if (strays) for (const v of strays[i]!) if (!c.domains[i]!.has(v) || c.domains[i]!.get(v)!.stamp !== stamp) size++;
          weights[i] = Math.log(size + 2);
        }
      }
      // the scorer reads the counts' arrays: built again only when the counts were (a rebuild makes new ones)
      if (scorerOf === undefined || scorerOf.counts !== c || scorerOf.rebuilds !== c.rebuilds) scoreNode = makeScorer(c);
      return true;
    },
    score: (node) => scoreNode(node),
    addNormalizedScores(feasible, totals, weight, scores) {
      // Score into `scores` with NormalizeScore's min and max (kept as they go on the defaults' path, where no node is ignored)...
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      const n = feasible.length;
      if (shape !== undefined && ignored === undefined) {
        const { cnts, hasKey, domainOf, slots, s0, s1, key1, domains1, generic } = shape;
        const w0 = weights[0]!;
        const w1 = weights[1]!;
        for (let k = 0; k < n; k++) {
          const node = feasible[k]!;
          const slot = node.slot;
          let s: number;
          if (slot < 0 || slot >= slots) s = generic(node);
          else {
            const base = slot * 2;
            let total = 0;
            if (hasKey[base] !== 0) total += cnts[base]! * w0 + s0;
            if (hasKey[base + 1] !== 0) total += (domainOf[base + 1]?.pods ?? domains1.get(node.labels[key1]!)?.pods ?? 0) * w1 + s1;
            s = Math.round(total);
          }
          scores[k] = s;
          if (s < min) min = s;
          if (s > max) max = s;
        }
      } else {
        const scoreOf = scoreNode;
        for (let k = 0; k < n; k++) scores[k] = scoreOf(feasible[k]!);
        ({ min, max } = range(scores));
      }
      // ...then normalize each and add it, weighted, to its node's total.
      for (let k = 0; k < n; k++) {
        const normalized = ignoredIndex !== undefined && ignoredIndex[k] ? 0 : normalizedScore(scores[k]!, min, max);
        totals[k]! += weight * normalized;
      }
    },
    normalize(scores) {
      const { min, max } = range(scores);
      const n = scores.length;
      for (let k = 0; k < n; k++) scores[k] = ignoredIndex !== undefined && ignoredIndex[k] ? 0 : normalizedScore(scores[k]!, min, max);
    },
  };
}

/** The system default constraints' terms for one cycle: hostname (counts per node), then one wider domain. */
interface DefaultShape {
  cnts: Int32Array;
  hasKey: Uint8Array;
  domainOf: (Domain | undefined)[];
  slots: number;
  s0: number;
  s1: number;
  key1: string;
  domains1: Map<string, Domain>;
  /** For nodes the counts do not hold. */
  generic: (node: NodeInfo) => number;
}

function isHostnameConstraint(c: SpreadConstraint): boolean {
  return c.topologyKey === LABEL_HOSTNAME;
}

/** NormalizeScore for one node: the emptiest domain gets MAX_NODE_SCORE; every node does when all scores are 0. */
function normalizedScore(score: number, min: number, max: number): number {
  return max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - score)) / max);
}
