/**
 * InterPodAffinity Filter (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go).
 *
 * PreFilter counts, per topology pair (key, value):
 * - affinityCounts: existing pods matching ALL of the incoming pod's required affinity terms, counted once per term;
 * - antiAffinityCounts: existing pods matching each of its required anti-affinity terms;
 * - existingAntiAffinityCounts: existing pods whose required anti-affinity terms match the incoming pod.
 * Filter, in this order:
 * 1. every affinity term's topology key is on the node and its pair has a match — unless no pod anywhere
 *    matches and the pod matches its own terms (the first pod of a self-affine group) →
 *    "node(s) didn't match pod affinity rules" (unresolvable);
 * 2. no anti-affinity term's pair on the node has a match → "node(s) didn't match pod anti-affinity rules";
 * 3. no label pair of the node has an existing pod's anti-affinity against it →
 *    "node(s) didn't satisfy existing pods anti-affinity rules".
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/podInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { unresolvable, unschedulable, type Status } from '../../framework/types';

export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

const AFFINITY_FAILED = unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
const ANTI_AFFINITY_FAILED = unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
const EXISTING_ANTI_AFFINITY_FAILED = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);

/** topologyKey → topologyValue → count. */
export class TopologyCounts {
  private readonly m = new Map<string, Map<string, number>>();

  get size(): number {
    return this.m.size;
  }

  add(node: NodeInfo, key: string, delta: number): void {
    const value = node.labels[key];
    if (value === undefined) return;
    let values = this.m.get(key);
    if (!values) this.m.set(key, (values = new Map()));
    const n = (values.get(value) ?? 0) + delta;
    if (n === 0) {
      values.delete(value);
      if (values.size === 0) this.m.delete(key);
    } else values.set(value, n);
  }

  get(key: string, value: string): number {
    return this.m.get(key)?.get(value) ?? 0;
  }
}

function matchesAll(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: ClusterSnapshot['namespaceLabels']): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, nsLabels)) return false;
  return true;
}

export interface AffinityFilter {
  filter(node: NodeInfo): Status | null;
  updateWithPod(pod: PodInfo, node: NodeInfo, delta: 1 | -1): void;
}

/** undefined = PreFilter Skip (no required terms and no existing pod with required anti-affinity). */
export function affinityFilter(pod: PodInfo, snapshot: ClusterSnapshot): AffinityFilter | undefined {
  const nodes = snapshot.nodeInfos();
  const affinityTerms = pod.requiredAffinityTerms;
  const antiTerms = pod.requiredAntiAffinityTerms;
  const nsLabels = snapshot.namespaceLabels;
  const hasExistingAnti = snapshot.podsWithRequiredAntiAffinity > 0;
  if (affinityTerms.length === 0 && antiTerms.length === 0 && !hasExistingAnti) return undefined;

  const affinityCounts = new TopologyCounts();
  const antiAffinityCounts = new TopologyCounts();
  const existingAntiAffinityCounts = new TopologyCounts();

  const countExistingAnti = (existing: PodInfo, node: NodeInfo, delta: number) => {
    for (const t of existing.requiredAntiAffinityTerms) if (termMatches(t, pod, nsLabels)) existingAntiAffinityCounts.add(node, t.topologyKey, delta);
  };
  const countIncoming = (existing: PodInfo, node: NodeInfo, delta: number) => {
    if (matchesAll(affinityTerms, existing, nsLabels)) for (const t of affinityTerms) affinityCounts.add(node, t.topologyKey, delta);
    for (const t of antiTerms) if (termMatches(t, existing, nsLabels)) antiAffinityCounts.add(node, t.topologyKey, delta);
  };

  const incomingTerms = affinityTerms.length > 0 || antiTerms.length > 0;
  if (hasExistingAnti || incomingTerms) {
    for (const node of nodes) {
      if (hasExistingAnti) for (const existing of node.podsWithRequiredAntiAffinity) countExistingAnti(existing, node, 1);
      if (incomingTerms) for (const existing of node.pods) countIncoming(existing, node, 1);
    }
  }
  const selfMatch = matchesAll(affinityTerms, pod, nsLabels);

  return {
    filter(node) {
      if (affinityTerms.length > 0) {
        let podsExist = true;
        for (const t of affinityTerms) {
          const v = node.labels[t.topologyKey];
          if (v === undefined) return AFFINITY_FAILED;
          if (affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
        }
        if (!podsExist && !(affinityCounts.size === 0 && selfMatch)) return AFFINITY_FAILED;
      }
      for (const t of antiTerms) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined && antiAffinityCounts.get(t.topologyKey, v) > 0) return ANTI_AFFINITY_FAILED;
      }
      if (existingAntiAffinityCounts.size > 0) {
        for (const key in node.labels) if (existingAntiAffinityCounts.get(key, node.labels[key]!) > 0) return EXISTING_ANTI_AFFINITY_FAILED;
      }
      return null;
    },
    updateWithPod(other, node, delta) {
      countExistingAnti(other, node, delta);
      countIncoming(other, node, delta);
    },
  };
}
