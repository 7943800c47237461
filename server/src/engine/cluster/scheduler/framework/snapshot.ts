/**
 * The scheduler's view of the cluster: kube-scheduler's cache + snapshot in one, kept up to date
 * incrementally by the caller (add/update/remove nodes; add/remove pods bound to nodes).
 * Nodes keep the order in which they were added; that order is the scheduler's node iteration order.
 */
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import type { Labels } from './labels';
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
  /** Bumped on every change. */
  generation = 0;

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
