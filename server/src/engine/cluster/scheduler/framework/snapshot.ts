/**
 * The scheduler's view of the cluster: kube-scheduler's cache + snapshot in one, kept up to date
 * incrementally by the caller (add/update/remove nodes; add/remove pods bound to nodes).
 * Nodes keep the order in which they were added; that order is the scheduler's node iteration order.
 */
import type { Namespace, Node, Pod, Service } from 'kubernetes-types/core/v1';
import { compileLabelSelector, compileMapSelector, matchNothing, type LabelMatcher, type Labels } from './labels';
import { NodeInfo } from './nodeInfo';
import { PodInfo, stringMap } from './podInfo';

export class ClusterSnapshot {
  private readonly list: NodeInfo[] = [];
  private readonly byName = new Map<string, NodeInfo>();
  /** pod key → node name, for every pod counted on some node (or waiting for its node to appear). */
  private readonly podNode = new Map<string, string>();
  /** Pods bound to a node the snapshot does not (yet) know. */
  private readonly orphans = new Map<string, PodInfo[]>();
  private readonly namespaces = new Map<string, Labels>();
  private readonly services = new Map<string, ServiceSelector>();
  private readonly controllers = new Map<string, ControllerSelector>();
  private readonly memos = new Map<string, unknown>();
  /** Bumped on every change. */
  generation = 0;
  /**
   * Nodes changed (pods added/removed, node updated), in order, so caches can catch up incrementally:
   * `changes[i - changesBase]` is change number i. Adding or removing a node is structural (caches rebuild).
   */
  private changes: NodeInfo[] = [];
  private changesBase = 0;
  private structuralSeq = 0;
  private nextSlot = 0;
  /** Known nodes marked unschedulable / carrying a NoSchedule or NoExecute taint: lets those filters skip a cycle with nothing to reject. */
  unschedulableNodes = 0;
  nodesWithHardTaints = 0;
  /** Pods on known nodes that declare pod (anti-)affinity / required anti-affinity: lets InterPodAffinity skip whole passes. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Pods on known nodes by "key=value" label pair, so selector counts can start from the few candidates. */
  private readonly byLabel = new Map<string, Set<PodInfo>>();
  /** Pods nominated to a node by preemption (the queue's PodNominator upstream), by node name and by pod key. */
  private readonly nominatedByNode = new Map<string, PodInfo[]>();
  private readonly nominatedNode = new Map<string, string>();
  /** Plugin caches on (default). Off = every cycle recomputes from the pods: the reference behaviour tests compare against. */
  useMemo = true;

  addNode(node: Node): void {
    const name = node.metadata?.name;
    if (typeof name !== 'string' || name === '') return;
    const existing = this.byName.get(name);
    if (existing) {
      this.countNode(existing, -1);
      existing.setNode(node);
      this.countNode(existing, 1);
      this.changed(existing);
    } else {
      const info = new NodeInfo(node);
      this.countNode(info, 1);
      info.slot = this.nextSlot++;
      this.list.push(info);
      this.byName.set(name, info);
      for (const p of this.orphans.get(name) ?? []) {
        info.addPod(p);
        this.countAffinity(p, 1);
      }
      this.orphans.delete(name);
      this.structural();
    }
    this.generation++;
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (!info) return;
    this.byName.delete(name);
    this.list.splice(this.list.indexOf(info), 1);
    this.countNode(info, -1);
    // Pods stay accounted to the node name: if it comes back they are still there (as in upstream's cache).
    if (info.pods.length > 0) this.orphans.set(name, [...info.pods]);
    for (const p of info.pods) this.countAffinity(p, -1);
    this.structural();
    this.generation++;
  }

  get changeSeq(): number {
    return this.changesBase + this.changes.length;
  }

  /** One more than the highest node slot handed out. */
  get slotCount(): number {
    return this.nextSlot;
  }

  /** The nodes changed since change number `seq`, or undefined when a cache must rebuild from scratch. */
  changedSince(seq: number): readonly NodeInfo[] | undefined {
    if (!this.canCatchUp(seq)) return undefined;
    return this.changes.slice(seq - this.changesBase);
  }

  /** Whether the changes since change number `seq` are all still listed (else a cache must rebuild from scratch). */
  canCatchUp(seq: number): boolean {
    return seq >= this.structuralSeq && seq >= this.changesBase;
  }

  /**
   * The change list, read from `changeIndex(seq)` on (valid while `canCatchUp(seq)`, until the next change):
   * `changedSince` without copying, for caches that catch up on every scheduling cycle.
   */
  get changeList(): readonly NodeInfo[] {
    return this.changes;
  }

  /** Where change number `seq` sits in `changeList`. */
  changeIndex(seq: number): number {
    return seq - this.changesBase;
  }

  private countNode(n: NodeInfo, sign: 1 | -1): void {
    if (n.unschedulable) this.unschedulableNodes += sign;
    if (n.hasHardTaint) this.nodesWithHardTaints += sign;
  }

  private countAffinity(p: PodInfo, sign: 1 | -1): void {
    if (p.hasPodAffinity) this.podsWithAffinity += sign;
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity += sign;
    for (const pair of p.labelPairs) {
      let set = this.byLabel.get(pair);
      if (sign > 0) {
        if (!set) this.byLabel.set(pair, (set = new Set()));
        set.add(p);
      } else if (set) {
        set.delete(p);
        if (set.size === 0) this.byLabel.delete(pair);
      }
    }
  }

  /**
   * The pods on known nodes that may match `selector`, when its required label pairs narrow them down
   * (the smallest posting list); undefined when the selector has none (callers scan every node).
   */
  candidatePods(selector: LabelMatcher): ReadonlySet<PodInfo> | undefined {
    const pairs = selector.requiredPairs;
    if (!pairs || pairs.length === 0) return undefined;
    let best: ReadonlySet<PodInfo> | undefined;
    for (const pair of pairs) {
      const set = this.byLabel.get(pair);
      if (!set) return EMPTY_PODS;
      if (!best || set.size < best.size) best = set;
    }
    return best;
  }

  private changed(node: NodeInfo): void {
    if (this.changes.length >= 65_536) {
      this.changesBase += this.changes.length;
      this.changes = [];
    }
    this.changes.push(node);
  }

  private structural(): void {
    this.structuralSeq = this.changeSeq + 1;
    this.changed(this.list[0] ?? new NodeInfo({}));
  }

  /** Counts a pod bound to `pod.spec.nodeName`. Pods without a node name are ignored (returns false). */
  addPod(pod: Pod): boolean {
    const nodeName = pod.spec?.nodeName;
    if (typeof nodeName !== 'string' || nodeName === '') return false;
    return this.addPodInfo(new PodInfo(pod), nodeName);
  }

  /** For callers that already built the PodInfo (the scheduler does, for the pod it just placed). */
  addPodInfo(info: PodInfo, nodeName: string): boolean {
    if (this.podNode.has(info.key)) this.removePodByKey(info.key);
    this.podNode.set(info.key, nodeName);
    const node = this.byName.get(nodeName);
    if (node) {
      node.addPod(info);
      this.countAffinity(info, 1);
      this.changed(node);
    } else this.orphans.set(nodeName, [...(this.orphans.get(nodeName) ?? []), info]);
    this.generation++;
    return true;
  }

  removePod(pod: Pod): boolean {
    const meta = pod.metadata ?? {};
    const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
    return this.removePodByKey(`${ns}/${meta.name ?? ''}`);
  }

  removePodByKey(key: string): boolean {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return false;
    this.podNode.delete(key);
    const node = this.byName.get(nodeName);
    if (node) {
      const removed = node.removePod(key);
      if (removed) this.countAffinity(removed, -1);
      this.changed(node);
    } else {
      const rest = (this.orphans.get(nodeName) ?? []).filter((p) => p.key !== key);
      if (rest.length > 0) this.orphans.set(nodeName, rest);
      else this.orphans.delete(nodeName);
    }
    this.generation++;
    return true;
  }

  /**
   * Records that `info` waits for room on `nodeName` (its victims terminate): while it waits, pods of lower
   * or equal priority see it as if it were on the node (`RunFilterPluginsWithNominatedPods`).
   */
  nominate(info: PodInfo, nodeName: string): void {
    this.removeNomination(info.key);
    this.nominatedNode.set(info.key, nodeName);
    const list = this.nominatedByNode.get(nodeName);
    if (list) list.push(info);
    else this.nominatedByNode.set(nodeName, [info]);
  }

  removeNomination(podKey: string): void {
    const node = this.nominatedNode.get(podKey);
    if (node === undefined) return;
    this.nominatedNode.delete(podKey);
    const rest = (this.nominatedByNode.get(node) ?? []).filter((p) => p.key !== podKey);
    if (rest.length > 0) this.nominatedByNode.set(node, rest);
    else this.nominatedByNode.delete(node);
  }

  /** True when some pod is nominated somewhere (the filter loop's fast path checks this once). */
  get hasNominations(): boolean {
    return this.nominatedNode.size > 0;
  }

  nominatedPods(nodeName: string): readonly PodInfo[] {
    return this.nominatedByNode.get(nodeName) ?? NO_POD_INFOS;
  }

  /** Namespace labels, for affinity terms with a namespaceSelector. */
  addNamespace(ns: Namespace): void {
    const name = ns.metadata?.name;
    if (typeof name !== 'string') return;
    this.namespaces.set(name, { ...stringMap(ns.metadata?.labels), 'kubernetes.io/metadata.name': name });
    this.generation++;
  }

  namespaceLabels = (name: string): Labels => {
    let labels = this.namespaces.get(name);
    if (!labels) {
      // The API server labels every namespace with its name.
      labels = { 'kubernetes.io/metadata.name': name };
      this.namespaces.set(name, labels);
    }
    return labels;
  };

  /**
   * Services, ReplicaSets, StatefulSets and ReplicationControllers: PodTopologySpread's system default
   * constraints spread a pod over the pods their selectors pick (`helper.DefaultSelector`).
   */
  addService(svc: Service): void {
    const ns = namespaceOf(svc.metadata?.namespace);
    const name = svc.metadata?.name;
    if (typeof name !== 'string') return;
    const selector = svc.spec?.selector;
    if (selector === undefined || selector === null) this.services.delete(`${ns}/${name}`);
    else this.services.set(`${ns}/${name}`, { namespace: ns, selector: stringMap(selector), matches: compileMapSelector(selector) });
    this.generation++;
  }

  removeService(namespace: string, name: string): void {
    this.services.delete(`${namespaceOf(namespace)}/${name}`);
    this.generation++;
  }

  addController(obj: { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: { selector?: unknown } }): void {
    const kind = obj.kind;
    const name = obj.metadata?.name;
    if (typeof kind !== 'string' || typeof name !== 'string') return;
    const ns = namespaceOf(obj.metadata?.namespace);
    const raw = obj.spec?.selector;
    // A ReplicationController's selector is a plain map; the others are LabelSelectors.
    const selector = kind === 'ReplicationController' ? { matchLabels: raw ?? {} } : raw;
    const compiled = compileLabelSelector(selector);
    // Only a valid selector with requirements narrows anything (a nil or `{}` selector adds nothing upstream).
    const key = `${kind}/${ns}/${name}`;
    if (compiled === matchNothing || requirementCount(selector) === 0) this.controllers.delete(key);
    else {
      const selectorKey = JSON.stringify(selector);
      this.controllers.set(key, { key: selectorKey, selector: compiled, asSelector: { key: `[]&${selectorKey}`, matches: compiled } });
    }
    this.generation++;
  }

  removeController(kind: string, namespace: string, name: string): void {
    this.controllers.delete(`${kind}/${namespaceOf(namespace)}/${name}`);
    this.generation++;
  }

  /**
   * `helper.DefaultSelector`: the union of the selectors of the Services selecting the pod and of its
   * controlling ReplicaSet / StatefulSet / ReplicationController; undefined when that is empty.
   */
  defaultSpreadSelector(pod: PodInfo): { key: string; matches: LabelMatcher } | undefined {
    const ctrlOnly = this.services.size === 0 ? this.controllerOf(pod) : undefined;
    if (this.services.size === 0) return ctrlOnly?.asSelector;
    const merged: Record<string, string> = {};
    for (const svc of this.services.values()) {
      if (svc.namespace === pod.namespace && svc.matches(pod.labels)) Object.assign(merged, svc.selector);
    }
    const ctrl = this.controllerOf(pod);
    const keys = Object.keys(merged);
    if (keys.length === 0 && !ctrl) return undefined;
    const byMap = compileMapSelector(merged);
    const key = `${JSON.stringify(Object.entries(merged).sort())}&${ctrl?.key ?? ''}`;
    if (!ctrl) return { key, matches: byMap };
    const bySelector = ctrl.selector;
    return { key, matches: (l) => byMap(l) && bySelector(l) };
  }

  private controllerOf(pod: PodInfo): ControllerSelector | undefined {
    const owner = pod.controller;
    if (!owner) return undefined;
    const key = controllerKey(owner, pod.namespace);
    return key === null ? undefined : this.controllers.get(key);
  }

  /** Per-snapshot caches for plugins (kept small; a plugin validates entries with node generations). */
  memo<T>(key: string, create: () => T): T {
    return this.memoized<T>(key) ?? this.remember(key, create());
  }

  /** The value `memo` holds for `key`, if any (always none with `useMemo` off): with `remember`, `memo` without a closure. */
  memoized<T>(key: string): T | undefined {
    return this.useMemo ? (this.memos.get(key) as T | undefined) : undefined;
  }

  /** Keeps `value` under `key` (with `useMemo` on; the oldest entry goes past 512) and returns it. */
  remember<T>(key: string, value: T): T {
    if (!this.useMemo) return value;
    if (this.memos.size >= 512) this.memos.delete(this.memos.keys().next().value!);
    this.memos.set(key, value);
    return value;
  }

  nodeInfos(): readonly NodeInfo[] {
    return this.list;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** The PodInfo counted for this very pod object (by its key), if the snapshot holds one. */
  podInfoOf(pod: Pod, podKey: string): PodInfo | undefined {
    const node = this.byName.get(this.podNode.get(podKey) ?? '');
    if (node === undefined) return undefined;
    for (const p of node.pods) if (p.key === podKey) return p.pod === pod ? p : undefined;
    return undefined;
  }

  /** The node a pod is counted on, if any. */
  nodeOf(podKey: string): string | undefined {
    return this.podNode.get(podKey);
  }
}

interface ServiceSelector {
  namespace: string;
  selector: Record<string, string>;
  matches: LabelMatcher;
}

/**
 * The key `controllers` holds an owner under in a namespace, or null for an owner whose selector does not spread pods.
 * Worked out once per owner and namespace: PodInfo shares one owner object among the pods of a controller.
 */
function controllerKey(owner: { kind: string; apiVersion: string; name: string }, namespace: string): string | null {
  let byNamespace = controllerKeys.get(owner);
  if (byNamespace === undefined) controllerKeys.set(owner, (byNamespace = new Map()));
  let key = byNamespace.get(namespace);
  if (key === undefined) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
    const known = (owner.kind === 'ReplicationController' && group === '') ||
      ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && group === 'apps');
    key = known ? `${owner.kind}/${namespace}/${owner.name}` : null;
    if (byNamespace.size < 64) byNamespace.set(namespace, key);
  }
  return key;
}

const controllerKeys = new WeakMap<object, Map<string, string | null>>();

interface ControllerSelector {
  key: string;
  selector: LabelMatcher;
  /** The default-spreading selector when no Service selects the pod (kept to avoid rebuilding it per pod). */
  asSelector: { key: string; matches: LabelMatcher };
}

function namespaceOf(ns: unknown): string {
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

function requirementCount(selector: unknown): number {
  if (selector === null || typeof selector !== 'object') return 0;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const labels = s.matchLabels !== null && typeof s.matchLabels === 'object' ? Object.keys(s.matchLabels).length : 0;
  return labels + (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);
}

const EMPTY_PODS: ReadonlySet<PodInfo> = new Set();
const NO_POD_INFOS: readonly PodInfo[] = [];
