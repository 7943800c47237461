/**
 * A pod with everything the plugins need precomputed once (`framework.PodInfo` upstream):
 * requests, scoring requests, host ports, tolerations and parsed inter-pod affinity terms.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { keyOf } from '../../objects';
import { podResources, resourceKey, type InvalidQuantity, type PodRequests } from '../../resources';
import { compileLabelSelector, matchNothing, type LabelMatcher, type Labels } from './labels';
import { podHostPorts, type HostPort } from './hostPorts';
import { parseTolerations, type Toleration } from './taints';

/** `fwk.AffinityTerm`: a pod affinity term resolved against the pod that declares it. */
export interface AffinityTerm {
  selector: LabelMatcher;
  /** Namespaces listed (or the owner's namespace when neither namespaces nor namespaceSelector is given). */
  namespaces: ReadonlySet<string>;
  namespaceSelector: LabelMatcher;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** Shared by every PodInfo that has none of a list: ten thousand pods, each kept for the whole run, need no empty arrays of their own. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The first value built for a key, shared by every later PodInfo with an equal one: the pods of a template carry
 * equal labels, tolerations and owner, and each PodInfo lives as long as its pod. Bounded: past the limit a
 * value is simply not shared.
 */
function interner<T>(limit = 4096): (key: string, build: () => T) => T {
  const known = new Map<string, T>();
  return (key, build) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    if (known.size < limit) known.set(key, value);
    return value;
  };
}

/** JSON of a manifest value, or undefined when it has none (a cycle through YAML aliases). */
function jsonOf(v: unknown): string | undefined {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return undefined;
  }
}

function parsedTolerations(raw: unknown): { key: string; list: readonly Toleration[] } {
  const list = parseTolerations(raw);
  return { key: JSON.stringify(list), list };
}

/** Parsed tolerations of frozen lists (frozen: the list cannot change under its entry). */
const tolerationsOfList = new WeakMap<object, { key: string; list: readonly Toleration[] }>();

const sharedLabels = interner<{ labels: Labels; pairs: readonly string[] }>();
const sharedTolerations = interner<{ key: string; list: readonly Toleration[] }>();
const sharedController = interner<{ kind: string; apiVersion: string; name: string }>();

export class PodInfo {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** "key=value" for each label: the keys of the snapshot's label index. */
  readonly labelPairs: readonly string[];
  /** The spec's resourceKey (what its requests and QoS class depend on), as worked out when the pod was parsed. */
  readonly resourceKey: string | undefined;
  readonly requests: PodRequests;
  readonly nonZero: { cpu: number; memory: number };
  readonly invalidQuantities: InvalidQuantity[];
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  /** The tolerations as JSON: a key for caches that depend on them. */
  readonly tolerationsKey: string;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  readonly priority: number;
  /** Being deleted (`metadata.deletionTimestamp`): spreading ignores it (kubernetes#87621). */
  readonly terminating: boolean;
  /** Terminating with the DisruptionTarget condition the scheduler sets on preemption victims (`podTerminatingByPreemption`). */
  readonly terminatingByPreemption: boolean;
  /** `status.nominatedNodeName`: the node a previous attempt preempted pods on ('' when none). */
  readonly nominatedNodeName: string;
  /** The controlling owner reference (`metav1.GetControllerOf`), for default spreading. */
  readonly controller: { kind: string; apiVersion: string; name: string } | undefined;

  /** Filled on first use by PodTopologySpread's counting key (its filter and score both ask). */
  spreadInclusionKey: string | undefined;

  constructor(readonly pod: Pod) {
    const meta = pod.metadata ?? {};
    this.namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
    this.name = typeof meta.name === 'string' ? meta.name : '';
    // a stored pod's key (its namespace is set) is the one string the store holds it under
    this.key = typeof meta.namespace === 'string' && meta.namespace !== '' && typeof meta.name === 'string' ? keyOf(pod as { metadata: typeof meta }) : `${this.namespace}/${this.name}`;
    const labels = stringMap(meta.labels);
    const shared = sharedLabels(JSON.stringify(labels), () => ({ labels, pairs: Object.entries(labels).map(([k, v]) => `${k}=${v}`) }));
    this.labels = shared.labels;
    this.labelPairs = shared.pairs;
    const res = podResources(pod.spec, resourceKey(pod.spec));
    // the shape's own copy of the key: each pod's PodInfo lives as long as the pod, and the key is long
    this.resourceKey = res.key;
    this.requests = res.requests;
    this.nonZero = res.nonZero;
    this.invalidQuantities = res.invalid;
    this.hostPorts = podHostPorts(pod.spec);
    // keyed by the manifest's own JSON: the parsed list is a function of it, so equal manifests parse once
    // (a list shared by many pods, as admission's defaults are, is parsed once: by the list itself)
    const rawTolerations = pod.spec?.tolerations;
    let tolerations = Array.isArray(rawTolerations) && Object.isFrozen(rawTolerations) ? tolerationsOfList.get(rawTolerations) : undefined;
    if (tolerations === undefined) {
      const rawKey = jsonOf(rawTolerations);
      tolerations = rawKey === undefined ? parsedTolerations(rawTolerations) : sharedTolerations(rawKey, () => parsedTolerations(rawTolerations));
      if (Array.isArray(rawTolerations) && Object.isFrozen(rawTolerations)) tolerationsOfList.set(rawTolerations, tolerations);
    }
    this.tolerations = tolerations.list;
    this.tolerationsKey = tolerations.key;
    this.priority = typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
    this.terminating = meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null;
    const disruption = this.terminating ? disruptionTarget(pod.status?.conditions) : undefined;
    this.terminatingByPreemption = disruption?.status === 'True' && disruption.reason === 'PreemptionByScheduler';
    this.nominatedNodeName = typeof pod.status?.nominatedNodeName === 'string' ? pod.status.nominatedNodeName : '';
    const owner = controllerReference(meta.ownerReferences);
    if (owner && typeof owner.kind === 'string' && typeof owner.name === 'string') {
      const kind = owner.kind;
      const apiVersion = typeof owner.apiVersion === 'string' ? owner.apiVersion : '';
      const name = owner.name;
      this.controller = sharedController(`${kind}\u0000${apiVersion}\u0000${name}`, () => ({ kind, apiVersion, name }));
    } else this.controller = undefined;
    const affinity = isRecord(pod.spec?.affinity) ? pod.spec!.affinity : undefined;
    const pa = isRecord(affinity?.podAffinity) ? affinity!.podAffinity : undefined;
    const paa = isRecord(affinity?.podAntiAffinity) ? affinity!.podAntiAffinity : undefined;
    this.requiredAffinityTerms = this.terms(pa?.requiredDuringSchedulingIgnoredDuringExecution);
    this.requiredAntiAffinityTerms = this.terms(paa?.requiredDuringSchedulingIgnoredDuringExecution);
    this.preferredAffinityTerms = this.weightedTerms(pa?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = this.weightedTerms(paa?.preferredDuringSchedulingIgnoredDuringExecution);
  }

  get hasAffinityConstraints(): boolean {
    return this.requiredAffinityTerms.length + this.requiredAntiAffinityTerms.length +
      this.preferredAffinityTerms.length + this.preferredAntiAffinityTerms.length > 0;
  }

  /** `podWithAffinity` upstream: the pod declares any podAffinity or podAntiAffinity. */
  get hasPodAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return isRecord(a) && (isRecord(a.podAffinity) || isRecord(a.podAntiAffinity));
  }

  private terms(list: unknown): readonly AffinityTerm[] {
    if (!Array.isArray(list) || list.length === 0) return NONE;
    return list.filter(isRecord).map((t) => this.term(t));
  }

  private weightedTerms(list: unknown): readonly WeightedAffinityTerm[] {
    if (!Array.isArray(list) || list.length === 0) return NONE;
    const out: WeightedAffinityTerm[] = [];
    for (const w of list) {
      if (!isRecord(w) || !isRecord(w.podAffinityTerm)) continue;
      const weight = typeof w.weight === 'number' ? w.weight : 0;
      out.push({ ...this.term(w.podAffinityTerm), weight });
    }
    return out;
  }

  private term(t: Record<string, unknown>): AffinityTerm {
    const namespaces = new Set(Array.isArray(t.namespaces) ? t.namespaces.filter((n): n is string => typeof n === 'string') : []);
    const hasNamespaceSelector = t.namespaceSelector !== undefined && t.namespaceSelector !== null;
    if (namespaces.size === 0 && !hasNamespaceSelector) namespaces.add(this.namespace);
    return {
      selector: compileLabelSelector(withLabelKeys(t.labelSelector, t.matchLabelKeys, t.mismatchLabelKeys, this.labels)),
      namespaces,
      namespaceSelector: hasNamespaceSelector ? compileLabelSelector(t.namespaceSelector) : matchNothing,
      topologyKey: typeof t.topologyKey === 'string' ? t.topologyKey : '',
    };
  }
}

/**
 * matchLabelKeys / mismatchLabelKeys: the API server merges them into the label selector when the
 * pod is created (In / NotIn the pod's own value for each key it carries); we do it here so pods
 * that never went through admission behave the same.
 */
function withLabelKeys(selector: unknown, matchKeys: unknown, mismatchKeys: unknown, labels: Labels): unknown {
  const keysOf = (v: unknown) => (Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string' && k in labels) : []);
  const match = keysOf(matchKeys);
  const mismatch = keysOf(mismatchKeys);
  if (match.length === 0 && mismatch.length === 0) return selector;
  if (selector === undefined || selector === null) return selector;
  if (!isRecord(selector)) return selector;
  const exprs = Array.isArray(selector.matchExpressions) ? [...selector.matchExpressions] : [];
  for (const k of match) exprs.push({ key: k, operator: 'In', values: [labels[k]] });
  for (const k of mismatch) exprs.push({ key: k, operator: 'NotIn', values: [labels[k]] });
  return { ...selector, matchExpressions: exprs };
}

/** Does an affinity term select `pod`? (`fwk.AffinityTerm.Matches`) */
export function termMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: (ns: string) => Labels): boolean {
  if (!term.namespaces.has(pod.namespace) && !term.namespaceSelector(namespaceLabels(pod.namespace))) return false;
  return term.selector(pod.labels);
}

/** The pod's DisruptionTarget condition, if any (the first, as a search of the list finds it). */
function disruptionTarget(conditions: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(conditions)) return undefined;
  for (const c of conditions) if (isRecord(c) && c.type === 'DisruptionTarget') return c;
  return undefined;
}

/** The controlling owner reference (`metav1.GetControllerOf`): the first with `controller: true`. */
function controllerReference(refs: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(refs)) return undefined;
  for (const o of refs) if (isRecord(o) && o.controller === true) return o;
  return undefined;
}

export function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = v[k];
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
