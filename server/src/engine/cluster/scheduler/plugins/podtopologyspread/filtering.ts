/**
 * PodTopologySpread Filter (filtering.go): for every DoNotSchedule constraint,
 *   matching pods in the node's domain + (1 if the pod matches its own selector) − global minimum ≤ maxSkew,
 * where the global minimum is the smallest domain count over eligible nodes (nodes that carry all the
 * constraints' keys and pass the inclusion policies), or 0 when there are fewer domains than minDomains.
 * A node without the topology key is rejected as unresolvable.
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { unresolvable, unschedulable, type Status } from '../../framework/types';
import { countingKey, inclusionCheck, nodeHasAllKeys, type SpreadConstraint } from './common';
import { SpreadCounts } from './counting';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const NOT_MATCH = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
const LABEL_MISSING = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);

export interface SpreadFilter {
  filter(node: NodeInfo): Status | null;
  /** PreFilterExtensions: account for a pod added to / removed from `node` (preemption dry runs). */
  updateWithPod(pod: PodInfo, node: NodeInfo, delta: 1 | -1): void;
}

export function spreadFilter(pod: PodInfo, snapshot: ClusterSnapshot, constraints: readonly SpreadConstraint[]): SpreadFilter {
  const inclusion = inclusionCheck(pod);
  const counts = SpreadCounts.of(snapshot, countingKey(pod, constraints, true, 'filter'), constraints, true, () => inclusion, pod.namespace);
  // This cycle's own copy of the domain counts (TpValueToMatchNum), which preemption may adjust.
  const matchNum = counts.domains.map((d) => {
    const m = new Map<string, number>();
    for (const [v, domain] of d) m.set(v, domain.pods);
    return m;
  });
  const selfMatch = constraints.map((c) => (c.selector(pod.labels) ? 1 : 0));
  let minMatch: number[] | undefined;
  const globalMin = (i: number): number => {
    if (!minMatch) {
      minMatch = matchNum.map((m, k) => {
        if (m.size < constraints[k]!.minDomains) return 0;
        let min = Number.POSITIVE_INFINITY;
        for (const n of m.values()) if (n < min) min = n;
        return min;
      });
    }
    return minMatch[i]!;
  };

  return {
    filter(node) {
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        const value = node.labels[c.topologyKey];
        if (value === undefined) return LABEL_MISSING;
        const skew = (matchNum[i]!.get(value) ?? 0) + selfMatch[i]! - globalMin(i);
        if (skew > c.maxSkew) return NOT_MATCH;
      }
      return null;
    },
    updateWithPod(other, node, delta) {
      if (other.namespace !== pod.namespace || !nodeHasAllKeys(node, constraints)) return;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        if (!c.selector(other.labels) || !inclusion(node, c)) continue;
        const v = node.labels[c.topologyKey]!;
        matchNum[i]!.set(v, (matchNum[i]!.get(v) ?? 0) + delta);
      }
      minMatch = undefined;
    },
  };
}
