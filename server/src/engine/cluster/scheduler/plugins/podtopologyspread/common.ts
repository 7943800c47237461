/**
 * Spread constraints as PodTopologySpread reads them (pkg/scheduler/framework/plugins/podtopologyspread/common.go):
 * - a pod's own constraints with the given whenUnsatisfiable, or — when it declares none — the system
 *   default constraints (plugin.go: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway) over the
 *   selector of its Services and controller (helper.DefaultSelector);
 * - minDomains defaults to 1, nodeAffinityPolicy to Honor, nodeTaintsPolicy to Ignore;
 * - matchLabelKeys add `key = <the pod's value>` to the selector.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { compileLabelSelector, type LabelMatcher } from '../../framework/labels';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { tolerationsTolerateTaint } from '../../framework/taints';
import { NO_REQUIRED_AFFINITY_KEY, requiredNodeAffinity, requiredNodeAffinityKey } from '../nodeaffinity/nodeAffinity';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelMatcher;
  /** Identifies the selector for caching. */
  selectorKey: string;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

const SYSTEM_DEFAULT_CONSTRAINTS: readonly { topologyKey: string; maxSkew: number; whenUnsatisfiable: WhenUnsatisfiable }[] = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3, whenUnsatisfiable: 'ScheduleAnyway' },
  { topologyKey: LABEL_TOPOLOGY_ZONE, maxSkew: 5, whenUnsatisfiable: 'ScheduleAnyway' },
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True when the pod declares its own constraints (then the system defaults do not apply). */
export function hasOwnConstraints(pod: PodInfo): boolean {
  const list = pod.pod.spec?.topologySpreadConstraints;
  return Array.isArray(list) && list.length > 0;
}

// the system defaults of each kind, split once (each attempt asks for both)
const DEFAULT_HARD = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
const DEFAULT_SOFT = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');

export function podConstraints(pod: PodInfo, snapshot: ClusterSnapshot, action: WhenUnsatisfiable): readonly SpreadConstraint[] {
  const own = pod.pod.spec?.topologySpreadConstraints;
  if (Array.isArray(own) && own.length > 0) {
    const out: SpreadConstraint[] = [];
    for (const c of own) {
      if (!isRecord(c) || c.whenUnsatisfiable !== action) continue;
      out.push(parseConstraint(c, pod));
    }
    return out;
  }
  const defaults = action === 'DoNotSchedule' ? DEFAULT_HARD : DEFAULT_SOFT;
  if (defaults.length === 0) return NO_CONSTRAINTS;
  const selector = snapshot.defaultSpreadSelector(pod);
  if (!selector) return NO_CONSTRAINTS;
  // a controller's selector object stands for its key while it is registered: its pods find their list without a key
  let lists = defaultsBySelector.get(selector);
  if (lists === undefined && snapshot.useMemo) defaultsBySelector.set(selector, (lists = {}));
  const known = lists?.[action];
  if (known !== undefined) return known;
  // one list per selector (the pods of a controller share it), so per-list caches such as countingKey's hit
  const list = snapshot.memo(`defaults|${action}|${selector.key}`, () => defaults.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: selector.matches,
    selectorKey: `default:${selector.key}`,
    minDomains: 1,
    nodeAffinityPolicy: 'Honor',
    nodeTaintsPolicy: 'Ignore',
  } as SpreadConstraint)));
  if (lists !== undefined) lists[action] = list;
  return list;
}

/** No constraints of a kind: one frozen empty list for every pod. */
const NO_CONSTRAINTS: readonly SpreadConstraint[] = Object.freeze([]);

/** The default constraint lists by the selector object they were made for (see `podConstraints`). */
const defaultsBySelector = new WeakMap<object, Partial<Record<WhenUnsatisfiable, readonly SpreadConstraint[]>>>();

function parseConstraint(c: Record<string, unknown>, pod: PodInfo): SpreadConstraint {
  let selector: unknown = c.labelSelector;
  const keys = Array.isArray(c.matchLabelKeys) ? c.matchLabelKeys.filter((k): k is string => typeof k === 'string' && k in pod.labels) : [];
  if (keys.length > 0 && isRecord(selector)) {
    const exprs = Array.isArray(selector.matchExpressions) ? [...selector.matchExpressions] : [];
    for (const k of keys) exprs.push({ key: k, operator: 'In', values: [pod.labels[k]] });
    selector = { ...selector, matchExpressions: exprs };
  }
  const policy = (v: unknown, fallback: 'Honor' | 'Ignore'): 'Honor' | 'Ignore' => (v === 'Honor' || v === 'Ignore' ? v : fallback);
  return {
    maxSkew: typeof c.maxSkew === 'number' ? c.maxSkew : 1,
    topologyKey: typeof c.topologyKey === 'string' ? c.topologyKey : '',
    selector: compileLabelSelector(selector),
    selectorKey: JSON.stringify(selector ?? null),
    minDomains: typeof c.minDomains === 'number' ? c.minDomains : 1,
    nodeAffinityPolicy: policy(c.nodeAffinityPolicy, 'Honor'),
    nodeTaintsPolicy: policy(c.nodeTaintsPolicy, 'Ignore'),
  };
}

/** `nodeLabelsMatchSpreadConstraints`: the node carries every constraint's topology key. */
export function nodeHasAllKeys(node: NodeInfo, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

/** The node-inclusion checks for one constraint (`matchNodeInclusionPolicies`). */
export interface InclusionCheck {
  (node: NodeInfo, c: SpreadConstraint): boolean;
}

export function inclusionCheck(pod: PodInfo): InclusionCheck {
  const affinity = requiredNodeAffinity(pod.pod.spec as PodSpec | undefined);
  const tolerations = pod.tolerations;
  return (node, c) => {
    if (c.nodeAffinityPolicy === 'Honor' && !affinity(node)) return false;
    if (c.nodeTaintsPolicy === 'Honor') {
      for (const t of node.taints) {
        if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tolerations, t)) return false;
      }
    }
    return true;
  };
}

const inclusionKeys = new Map<string, string>();

/** The first equal string seen: pods of one template share one key instead of each keeping its own copy. */
function interned(key: string): string {
  const known = inclusionKeys.get(key);
  if (known !== undefined) return known;
  if (inclusionKeys.size < 4096) inclusionKeys.set(key, key);
  return key;
}

/** Inclusion keys of pods without required node affinity, by their tolerations' key (the key other pods' keys are built from). */
const noAffinityInclusionKeys = new Map<string, string>();

/** What the inclusion policies read of a pod: its required node affinity and its tolerations. */
function inclusionKey(affinityKey: string, tolerationsKey: string): string {
  if (affinityKey !== NO_REQUIRED_AFFINITY_KEY) return interned(`${affinityKey}|${tolerationsKey}`);
  let key = noAffinityInclusionKeys.get(tolerationsKey);
  if (key === undefined) {
    key = interned(`${affinityKey}|${tolerationsKey}`);
    if (noAffinityInclusionKeys.size < 4096) noAffinityInclusionKeys.set(tolerationsKey, key);
  }
  return key;
}

/** Keys already built, by constraint list, then purpose, namespace and inclusion key: the pods of one controller share them. */
const countingKeys = new WeakMap<readonly SpreadConstraint[], Map<string, Map<string, Map<string, string>>>>();

/**
 * Everything a node's contribution to the counts depends on besides the node itself, after `purpose` (which
 * cache, and whether all topologies are required): the key of the counts in the snapshot's memo.
 */
export function countingKey(pod: PodInfo, constraints: readonly SpreadConstraint[], requireAllTopologies: boolean, purpose: 'score' | 'filter'): string {
  pod.spreadInclusionKey ??= inclusionKey(requiredNodeAffinityKey(pod.pod.spec), pod.tolerationsKey);
  const use = requireAllTopologies ? `${purpose}+` : purpose;
  let byUse = countingKeys.get(constraints);
  if (!byUse) countingKeys.set(constraints, (byUse = new Map()));
  let byNamespace = byUse.get(use);
  if (!byNamespace) byUse.set(use, (byNamespace = new Map()));
  let byInclusion = byNamespace.get(pod.namespace);
  if (!byInclusion) byNamespace.set(pod.namespace, (byInclusion = new Map()));
  let key = byInclusion.get(pod.spreadInclusionKey);
  if (key === undefined) {
    const parts = constraints.map((c) => `${c.topologyKey};${c.selectorKey};${c.nodeAffinityPolicy};${c.nodeTaintsPolicy}`);
    key = `${purpose}|spread|${pod.namespace}|${requireAllTopologies}|${parts.join('|')}|${pod.spreadInclusionKey}`;
    if (byInclusion.size < 256) byInclusion.set(pod.spreadInclusionKey, key);
  }
  return key;
}

/** `countPodsMatchSelector`: pods of the namespace, not being deleted, whose labels match. */
export function countMatching(node: NodeInfo, selector: LabelMatcher, namespace: string): number {
  let n = 0;
  for (const p of node.pods) if (!p.terminating && p.namespace === namespace && selector(p.labels)) n++;
  return n;
}
