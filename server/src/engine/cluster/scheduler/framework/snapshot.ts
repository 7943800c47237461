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
  /** Plugin caches on (default). Off = every cycle recomputes from the pods: the reference behaviour tests compare against. */
  useMemo = true;

  addNode(node: Node): void {
    const name = node.metadata?.name;
    if (typeof name !== 'string' || name === '') return;
    const existing = this.byName.get(name);
    if (existing) {
      existing.setNode(node);
    } else {
      const info = new NodeInfo(node);
      this.list.push(info);
      this.byName.set(name, info);
      for (const p of this.orphans.get(name) ?? []) info.addPod(p);
      this.orphans.delete(name);
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
    // Pods stay accounted to the node name: if it comes back they are still there (as in upstream's cache).
    if (info.pods.length > 0) this.orphans.set(name, [...info.pods]);
    this.generation++;
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
    if (node) node.addPod(info);
    else this.orphans.set(nodeName, [...(this.orphans.get(nodeName) ?? []), info]);
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
    if (node) node.removePod(key);
    else {
      const rest = (this.orphans.get(nodeName) ?? []).filter((p) => p.key !== key);
      if (rest.length > 0) this.orphans.set(nodeName, rest);
      else this.orphans.delete(nodeName);
    }
    this.generation++;
    return true;
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
    else this.controllers.set(key, { key: JSON.stringify(selector), selector: compiled });
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
    const merged: Record<string, string> = {};
    for (const svc of this.services.values()) {
      if (svc.namespace === pod.namespace && svc.matches(pod.labels)) Object.assign(merged, svc.selector);
    }
    const owner = pod.controller;
    const group = owner?.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
    const known = owner && ((owner.kind === 'ReplicationController' && group === '') ||
      ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && group === 'apps'));
    const ctrl = known ? this.controllers.get(`${owner!.kind}/${pod.namespace}/${owner!.name}`) : undefined;
    const keys = Object.keys(merged);
    if (keys.length === 0 && !ctrl) return undefined;
    const byMap = compileMapSelector(merged);
    const key = `${JSON.stringify(Object.entries(merged).sort())}&${ctrl?.key ?? ''}`;
    if (!ctrl) return { key, matches: byMap };
    const bySelector = ctrl.selector;
    return { key, matches: (l) => byMap(l) && bySelector(l) };
  }

  /** Per-snapshot caches for plugins (kept small; a plugin validates entries with node generations). */
  memo<T>(key: string, create: () => T): T {
    if (!this.useMemo) return create();
    let v = this.memos.get(key) as T | undefined;
    if (v === undefined) {
      if (this.memos.size >= 512) this.memos.delete(this.memos.keys().next().value!);
      v = create();
      this.memos.set(key, v);
    }
    return v;
  }

  nodeInfos(): readonly NodeInfo[] {
    return this.list;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
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

interface ControllerSelector {
  key: string;
  selector: LabelMatcher;
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
