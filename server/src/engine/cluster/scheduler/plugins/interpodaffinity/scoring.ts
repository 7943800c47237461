/**
 * InterPodAffinity Score (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go), with the default
 * args (hardPodAffinityWeight 1, ignorePreferredTermsOfExistingPods false). For each existing pod — all
 * pods when the incoming pod has preferred terms, otherwise only pods that declare affinity — add to its
 * node's topology pair:
 *   + weight for each of the incoming pod's preferred affinity terms it matches, − weight for anti-affinity;
 *   + 1 for each of its required affinity terms the incoming pod matches;
 *   + / − weight for each of its preferred affinity / anti-affinity terms the incoming pod matches.
 * A node's score is the sum over its label pairs; PreScore skips when nothing was counted.
 * NormalizeScore: 100 × (score − min) / (max − min), 0 when all equal.
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/podInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { MAX_NODE_SCORE, type PluginCycle } from '../../framework/types';
import { TopologyCounts } from './filtering';

const HARD_POD_AFFINITY_WEIGHT = 1;

export function affinityScoring(pod: PodInfo, snapshot: ClusterSnapshot): Pick<PluginCycle, 'preScore' | 'score' | 'normalize'> {
  const nsLabels = snapshot.namespaceLabels;
  let topologyScore: TopologyCounts | undefined;
  const keys = new Set<string>();

  const add = (term: AffinityTerm, weight: number, target: PodInfo, node: NodeInfo) => {
    if (termMatches(term, target, nsLabels) && node.labels[term.topologyKey] !== undefined) {
      topologyScore!.add(node, term.topologyKey, weight);
      keys.add(term.topologyKey);
    }
  };

  return {
    preScore(feasible) {
      if (feasible.length === 0) return false;
      const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
      // Without preferred terms only pods that declare affinity contribute; none anywhere → nothing to count.
      if (!hasConstraints && snapshot.podsWithAffinity === 0) return false;
      topologyScore = new TopologyCounts();
      keys.clear();
      for (const node of snapshot.nodeInfos()) {
        const pods = hasConstraints ? node.pods : node.podsWithAffinity;
        if (pods.length === 0 || !node.hasLabels) continue;
        for (const existing of pods) {
          for (const t of pod.preferredAffinityTerms) add(t, t.weight, existing, node);
          for (const t of pod.preferredAntiAffinityTerms) add(t, -t.weight, existing, node);
          for (const t of existing.requiredAffinityTerms) add(t, HARD_POD_AFFINITY_WEIGHT, pod, node);
          for (const t of existing.preferredAffinityTerms) add(t, t.weight, pod, node);
          for (const t of existing.preferredAntiAffinityTerms) add(t, -t.weight, pod, node);
        }
      }
      return keys.size > 0;
    },
    score(node) {
      let s = 0;
      for (const key of keys) {
        const v = node.labels[key];
        if (v !== undefined) s += topologyScore!.get(key, v);
      }
      return s;
    },
    normalize(scores) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i]!;
        if (s > max) max = s;
        if (s < min) min = s;
      }
      const diff = max - min;
      for (let i = 0; i < scores.length; i++) {
        scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
      }
    },
  };
}
