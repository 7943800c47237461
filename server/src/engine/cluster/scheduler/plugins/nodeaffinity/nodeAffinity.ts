/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 * PreFilter: skip pods with neither `nodeSelector` nor required node affinity; when every required
 * term pins `metadata.name` (matchFields In), only those nodes are considered (PreFilterResult).
 * Filter: `nodeSelector` and the required terms must both match.
 * Score: Σ weights of the matching preferred terms, normalized by the highest (skipped without preferred terms).
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { compileMapSelector, compileNodeSelector, compileNodeSelectorTerm, type NodeMatcher } from '../../framework/labels';
import { defaultNormalizeScore } from '../../framework/normalize';
import { SKIP, unresolvable, type Plugin, type PluginCycle } from '../../framework/types';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const REJECTED = unresolvable(ERR_REASON_POD);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The node names every required term pins via matchFields metadata.name In, or undefined when some term does not. */
function pinnedNodeNames(terms: unknown[]): Set<string> | undefined {
  let union: Set<string> | undefined;
  for (const t of terms) {
    if (!isRecord(t)) return undefined;
    let names: Set<string> | undefined;
    for (const f of Array.isArray(t.matchFields) ? t.matchFields : []) {
      if (!isRecord(f) || f.key !== 'metadata.name' || f.operator !== 'In') continue;
      const values = new Set(Array.isArray(f.values) ? f.values.filter((v): v is string => typeof v === 'string') : []);
      names = names === undefined ? values : new Set([...names].filter((n) => values.has(n)));
    }
    if (names === undefined) return undefined;
    union = new Set([...(union ?? []), ...names]);
  }
  return union;
}

/**
 * `nodeaffinity.GetRequiredNodeAffinity`: the pod's nodeSelector AND its required node affinity
 * (either may be absent). Shared with PodTopologySpread's nodeAffinityPolicy.
 */
export function requiredNodeAffinity(spec: PodSpec | undefined): NodeMatcher {
  const s: PodSpec = spec ?? { containers: [] };
  const na = isRecord(s.affinity) && isRecord(s.affinity.nodeAffinity) ? s.affinity.nodeAffinity : undefined;
  const required = na?.requiredDuringSchedulingIgnoredDuringExecution;
  const selector = compileMapSelector(s.nodeSelector);
  if (required === undefined || required === null) return (node) => selector(node.labels);
  const terms = compileNodeSelector(required);
  return (node) => selector(node.labels) && terms(node);
}

/** What requiredNodeAffinity depends on, for cache keys. */
export function requiredNodeAffinityKey(spec: PodSpec | undefined): string {
  const na = isRecord(spec?.affinity) && isRecord(spec!.affinity.nodeAffinity) ? spec!.affinity.nodeAffinity : undefined;
  const selector = spec?.nodeSelector ?? null;
  const required = na?.requiredDuringSchedulingIgnoredDuringExecution ?? null;
  // most pods have neither: the one key they share, without building it each time
  if (selector === null && required === null) return NO_REQUIRED_AFFINITY_KEY;
  return JSON.stringify([selector, required]);
}

/** `requiredNodeAffinityKey` of a pod with neither a nodeSelector nor required node affinity. */
export const NO_REQUIRED_AFFINITY_KEY = JSON.stringify([null, null]);

export const NodeAffinity: Plugin = {
  name: 'NodeAffinity',
  cycle(pod) {
    const spec: PodSpec = pod.pod.spec ?? { containers: [] };
    const nodeAffinity = isRecord(spec.affinity) && isRecord(spec.affinity.nodeAffinity) ? spec.affinity.nodeAffinity : undefined;
    const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const hasRequired = required !== undefined && required !== null;
    const hasSelector = spec.nodeSelector !== undefined && spec.nodeSelector !== null;
    if (!hasRequired && !hasSelector && (preferred === undefined || preferred === null)) return SKIP;
    const cycle: PluginCycle = {};

    if (hasRequired || hasSelector) {
      const selector = compileMapSelector(spec.nodeSelector);
      const requiredMatch: NodeMatcher | undefined = hasRequired ? compileNodeSelector(required) : undefined;
      cycle.filter = (node) => (selector(node.labels) && (!requiredMatch || requiredMatch(node)) ? null : REJECTED);
      const terms = isRecord(required) && Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
      if (terms.length > 0) {
        const names = pinnedNodeNames(terms);
        if (names !== undefined && names.size === 0) return { rejected: unresolvable(ERR_REASON_CONFLICT) };
        if (names !== undefined) cycle.nodeNames = names;
      }
    }

    if (preferred !== undefined && preferred !== null) {
      const weighted: { weight: number; match: NodeMatcher }[] = [];
      for (const p of Array.isArray(preferred) ? preferred : []) {
        if (!isRecord(p) || typeof p.weight !== 'number' || p.weight === 0) continue;
        weighted.push({ weight: p.weight, match: compileNodeSelectorTerm(p.preference) });
      }
      cycle.preScore = () => true;
      cycle.score = (node) => {
        let s = 0;
        for (const w of weighted) if (w.match(node)) s += w.weight;
        return s;
      };
      cycle.normalize = (scores) => defaultNormalizeScore(scores, false);
    }
    return cycle;
  },
};
