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
import { MAX_NODE_SCORE, type PluginCycle } from '../../framework/types';
import { countingKey, hasOwnConstraints, inclusionCheck, LABEL_HOSTNAME, nodeHasAllKeys, type SpreadConstraint } from './common';
import { SpreadCounts } from './counting';

export function spreadScoring(pod: PodInfo, snapshot: ClusterSnapshot, constraints: SpreadConstraint[]): Pick<PluginCycle, 'preScore' | 'score' | 'normalize'> {
  // Upstream's `requireAllTopologies`: relaxed only for the system default constraints.
  const requireAll = hasOwnConstraints(pod);
  let counts: SpreadCounts | undefined;
  let weights: number[] = [];
  let ignored: Set<NodeInfo> | undefined;
  // Scores arrive in feasible-node order; remember which positions are ignored for NormalizeScore.
  let ignoredIndex: boolean[] = [];

  return {
    preScore(feasible) {
      if (constraints.length === 0 || snapshot.nodeInfos().length === 0) return false;
      counts = SpreadCounts.of(snapshot, `score|${countingKey(pod, constraints, requireAll)}`, constraints, requireAll, inclusionCheck(pod), pod.namespace);
      ignored = undefined;
      ignoredIndex = new Array<boolean>(feasible.length).fill(false);
      const sizes = constraints.map(() => new Set<string>());
      let considered = 0;
      feasible.forEach((node, k) => {
        if (requireAll && !nodeHasAllKeys(node, constraints)) {
          (ignored ??= new Set()).add(node);
          ignoredIndex[k] = true;
          return;
        }
        considered++;
        constraints.forEach((c, i) => {
          if (c.topologyKey !== LABEL_HOSTNAME) sizes[i]!.add(node.labels[c.topologyKey] ?? '');
        });
      });
      weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? considered : sizes[i]!.size) + 2));
      return true;
    },
    score(node) {
      if (ignored?.has(node)) return 0;
      let score = 0;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        const value = node.labels[c.topologyKey];
        if (value === undefined) continue;
        const cnt = c.topologyKey === LABEL_HOSTNAME ? counts!.nodeCount(node, i) : (counts!.domains[i]!.get(value)?.pods ?? 0);
        score += cnt * weights[i]! + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalize(scores) {
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (let k = 0; k < scores.length; k++) {
        if (ignoredIndex[k]) continue;
        const s = scores[k]!;
        if (s < min) min = s;
        if (s > max) max = s;
      }
      for (let k = 0; k < scores.length; k++) {
        if (ignoredIndex[k]) scores[k] = 0;
        else if (max === 0) scores[k] = MAX_NODE_SCORE;
        else scores[k] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[k]!)) / max);
      }
    },
  };
}
