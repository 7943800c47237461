/** Builders for scheduler tests, in the spirit of upstream's st.MakeNode() / st.MakePod(). */
import type { Container, Node, Pod, PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1';
import { ClusterSnapshot } from '../../../server/src/engine/cluster/scheduler';

export interface NodeOptions {
  cpu?: string | number;
  memory?: string | number;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  extra?: Record<string, string | number>;
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable: Record<string, string> = { pods: String(o.pods ?? 110) };
  for (const [k, v] of Object.entries(o.extra ?? {})) allocatable[k] = String(v);
  if (o.cpu !== undefined) allocatable.cpu = String(o.cpu);
  if (o.memory !== undefined) allocatable.memory = String(o.memory);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable, capacity: allocatable },
  };
}

export interface PodOptions {
  namespace?: string;
  node?: string;
  labels?: Record<string, string>;
  /** One app container per entry. */
  containers?: { cpu?: string; memory?: string; limits?: { cpu?: string; memory?: string }; extra?: Record<string, string> }[];
  tolerations?: Toleration[];
  spec?: Partial<PodSpec>;
  priority?: number;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const containers: Container[] = (o.containers ?? [{}]).map((c, i) => {
    const requests: Record<string, string> = { ...(c.extra ?? {}) };
    if (c.cpu !== undefined) requests.cpu = c.cpu;
    if (c.memory !== undefined) requests.memory = c.memory;
    const resources: Container['resources'] = {};
    if (Object.keys(requests).length > 0) resources.requests = requests;
    if (c.limits) resources.limits = c.limits as Record<string, string>;
    return { name: `c${i}`, image: 'app', resources };
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', labels: o.labels ?? {} },
    spec: {
      containers,
      nodeName: o.node,
      tolerations: o.tolerations,
      priority: o.priority,
      ...(o.spec ?? {}),
    },
  };
}

export function snapshotOf(nodes: Node[], pods: Pod[] = []): ClusterSnapshot {
  const s = new ClusterSnapshot();
  for (const n of nodes) s.addNode(n);
  for (const p of pods) s.addPod(p);
  return s;
}

/** A node with exactly these labels (no automatic hostname), like upstream's st.MakeNode().Label(...). */
export function labeledNode(name: string, labels: Record<string, string>, extra: Partial<Node['spec']> = {}): Node {
  return {
    metadata: { name, labels },
    spec: { ...extra },
    status: { allocatable: { cpu: '64', memory: '256Gi', pods: '110' } },
  };
}

/** "name@node:label1,label2=value" → a pod on that node with those labels (value '' when omitted). Prefix "ns/" for a namespace, suffix "!" for terminating. */
export function podAt(spec: string): Pod {
  let s = spec;
  const terminating = s.endsWith('!');
  if (terminating) s = s.slice(0, -1);
  let ns = 'default';
  const slash = s.indexOf('/');
  if (slash >= 0) {
    ns = s.slice(0, slash);
    s = s.slice(slash + 1);
  }
  const [head, labelText = ''] = s.split(':');
  const [name, node] = head!.split('@');
  const labels: Record<string, string> = {};
  for (const l of labelText.split(',').filter(Boolean)) {
    const [k, v = ''] = l.split('=');
    labels[k!] = v;
  }
  return {
    metadata: { name, namespace: ns, labels, ...(terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node },
  };
}
