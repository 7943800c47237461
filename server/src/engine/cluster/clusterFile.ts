/**
 * The cluster file (`--cluster FILE`, the `kubeplan.clusterFile` setting): the cluster a
 * preview runs on, written as real Kubernetes objects — `Node`s (capacity, allocatable,
 * labels, taints) and optionally `Namespace`, `LimitRange`, `ResourceQuota`, `PriorityClass`,
 * `ServiceAccount` — plus `NodePool` documents (apiVersion sim.kubeplan.dev/v1) that the
 * simulated cluster autoscaler grows and shrinks:
 *
 *   apiVersion: sim.kubeplan.dev/v1
 *   kind: NodePool
 *   metadata: { name: general }
 *   spec:
 *     minNodes: 0                   # nodes the pool always has (default 0)
 *     maxNodes: 10                  # the autoscaler never goes beyond (required)
 *     provisioningSeconds: 60       # from scale-up decision to Ready node (default 60)
 *     scaleDownUnneededSeconds: 600 # idle this long → removed (default 600, cluster-autoscaler's default)
 *     template:                     # a Node without a name
 *       metadata: { labels: { pool: general } }
 *       spec: { taints: [] }
 *       status: { capacity: { cpu: "4", memory: 16Gi, pods: "110" } }
 *
 * Every problem is reported with file:line:column; nothing here throws.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { isRecord } from '../kube/identity';
import { bytes, cpuMillis } from '../kube/quantity';
import { shiftRange } from '../model/finding';
import type { Path } from '../yaml/locate';
import { parseYaml } from '../yaml/parse';
import { splitDocuments } from '../yaml/split';
import { makeNode } from './defaultCluster';
import type { KObject } from './objects';

export const NODE_POOL_API_VERSION = 'sim.kubeplan.dev/v1';

export interface NodePool {
  name: string;
  minNodes: number;
  maxNodes: number;
  provisioningSeconds: number;
  scaleDownUnneededSeconds: number;
  /** The template the pool's nodes are made from (no name). */
  template: Node;
}

export interface ClusterSpec {
  nodes: Node[];
  /** Namespaces, LimitRanges, ResourceQuotas, PriorityClasses, ServiceAccounts. */
  objects: KObject[];
  nodePools: NodePool[];
  /** Where it came from: a file, or "default". */
  origin: string;
}

export interface ClusterFileError {
  file: string;
  /** 1-based */
  line: number;
  column: number;
  message: string;
}

export type ClusterFileResult = { cluster: ClusterSpec; errors: [] } | { cluster?: undefined; errors: ClusterFileError[] };

const EXTRA_KINDS = new Set(['Namespace', 'LimitRange', 'ResourceQuota', 'PriorityClass', 'ServiceAccount']);
const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

export function formatClusterFileError(e: ClusterFileError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

export function parseClusterFile(file: string, text: string): ClusterFileResult {
  const errors: ClusterFileError[] = [];
  const nodes: Node[] = [];
  const objects: KObject[] = [];
  const nodePools: NodePool[] = [];
  const names = new Map<string, string>();
  for (const chunk of splitDocuments(text)) {
    for (const doc of parseYaml(chunk.text)) {
      const at = (path: Path, message: string, part: 'key' | 'value' = 'key') => {
        const r = shiftRange(doc.rangeOf(path, part), chunk.startLine);
        errors.push({ file, line: r.start.line + 1, column: r.start.character + 1, message });
      };
      for (const e of doc.syntaxErrors) {
        const r = shiftRange(e.range, chunk.startLine);
        errors.push({ file, line: r.start.line + 1, column: r.start.character + 1, message: `YAML syntax error: ${e.message}` });
      }
      if (doc.syntaxErrors.length || doc.isEmpty) continue;
      const o = doc.object;
      if (!o) {
        at([], 'each document must be a mapping (a Node, NodePool, Namespace, LimitRange, ResourceQuota or PriorityClass)');
        continue;
      }
      const kind = o.kind;
      if (typeof kind !== 'string') {
        at([], 'missing "kind" (expected Node, NodePool, Namespace, LimitRange, ResourceQuota, PriorityClass or ServiceAccount)');
        continue;
      }
      const meta = isRecord(o.metadata) ? o.metadata : undefined;
      const name = typeof meta?.name === 'string' && meta.name ? meta.name : undefined;
      if (kind === 'NodePool') {
        if (o.apiVersion !== NODE_POOL_API_VERSION) at(['apiVersion'], `NodePool needs apiVersion: ${NODE_POOL_API_VERSION}`);
        if (!name) {
          at(meta ? ['metadata'] : [], 'NodePool needs metadata.name');
          continue;
        }
        const pool = readNodePool(name, o, at);
        if (pool) nodePools.push(pool);
        continue;
      }
      if (kind !== 'Node' && !EXTRA_KINDS.has(kind)) {
        at(['kind'], `kind ${kind} does not belong in a cluster file (expected Node, NodePool, Namespace, LimitRange, ResourceQuota, PriorityClass or ServiceAccount)`, 'value');
        continue;
      }
      if (o.apiVersion === undefined) at([], `missing "apiVersion" for ${kind}`);
      if (!name) {
        at(meta ? ['metadata'] : [], `${kind} needs metadata.name`);
        continue;
      }
      const id = `${kind}/${typeof meta?.namespace === 'string' ? `${meta.namespace}/` : ''}${name}`;
      if (names.has(id)) {
        at(['metadata', 'name'], `${kind} "${name}" is defined twice (first at ${names.get(id)})`, 'value');
        continue;
      }
      const r = shiftRange(doc.rangeOf(['metadata', 'name']), chunk.startLine);
      names.set(id, `line ${r.start.line + 1}`);
      if (kind === 'Node') {
        const node = readNode(name, o, at, []);
        if (node) nodes.push(node);
      } else objects.push(structuredClone(o) as unknown as KObject);
    }
  }
  if (errors.length === 0 && nodes.length === 0 && nodePools.length === 0) errors.push({ file, line: 1, column: 1, message: 'the cluster file defines no Node and no NodePool' });
  if (errors.length) return { errors };
  return { cluster: { nodes, objects, nodePools, origin: file }, errors: [] };
}

type At = (path: Path, message: string, part?: 'key' | 'value') => void;

function readNode(name: string, o: Record<string, unknown>, at: At, base: Path): Node | undefined {
  const status = isRecord(o.status) ? o.status : undefined;
  const capacity = isRecord(status?.capacity) ? status!.capacity : undefined;
  const allocatable = isRecord(status?.allocatable) ? status!.allocatable : undefined;
  const resources = allocatable ?? capacity;
  let ok = true;
  if (!resources) {
    at([...base, ...(status ? ['status'] : [])], `node ${name ? `"${name}" ` : ''}needs status.capacity or status.allocatable with cpu and memory`);
    return undefined;
  }
  for (const [field, map] of [['capacity', capacity], ['allocatable', allocatable]] as const) {
    if (!map) continue;
    for (const r of ['cpu', 'memory'] as const) {
      const v = map[r];
      const path = [...base, 'status', field, r];
      if (v === undefined) {
        if (field === (allocatable ? 'allocatable' : 'capacity')) {
          at([...base, 'status', field], `status.${field}.${r} is required`);
          ok = false;
        }
        continue;
      }
      const n = r === 'cpu' ? cpuMillis(v) : bytes(v);
      if (n === undefined || n <= 0) {
        at(path, `status.${field}.${r}: "${String(v)}" is not a positive quantity (e.g. ${r === 'cpu' ? '"4" or "3500m"' : '"16Gi"'})`, 'value');
        ok = false;
      }
    }
    if (map.pods !== undefined && (bytes(map.pods) === undefined || bytes(map.pods)! <= 0)) {
      at([...base, 'status', field, 'pods'], `status.${field}.pods: "${String(map.pods)}" is not a positive number`, 'value');
      ok = false;
    }
  }
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const labels: Record<string, string> = {};
  if (meta.labels !== undefined) {
    if (!isRecord(meta.labels)) {
      at([...base, 'metadata', 'labels'], 'metadata.labels must be a map of strings');
      ok = false;
    } else {
      for (const [k, v] of Object.entries(meta.labels)) {
        if (typeof v !== 'string') {
          at([...base, 'metadata', 'labels', k], `label ${k} must be a string (quote it: "${String(v)}")`, 'value');
          ok = false;
        } else labels[k] = v;
      }
    }
  }
  const spec = isRecord(o.spec) ? o.spec : {};
  const taints: Taint[] = [];
  if (spec.taints !== undefined) {
    if (!Array.isArray(spec.taints)) {
      at([...base, 'spec', 'taints'], 'spec.taints must be a list');
      ok = false;
    } else {
      spec.taints.forEach((t, i) => {
        if (!isRecord(t) || typeof t.key !== 'string' || !t.key) {
          at([...base, 'spec', 'taints', i], 'a taint needs a key');
          ok = false;
          return;
        }
        if (typeof t.effect !== 'string' || !EFFECTS.has(t.effect)) {
          at([...base, 'spec', 'taints', i, ...(t.effect !== undefined ? ['effect'] : [])], `taint effect must be NoSchedule, PreferNoSchedule or NoExecute${t.effect !== undefined ? `, not "${String(t.effect)}"` : ''}`, t.effect !== undefined ? 'value' : 'key');
          ok = false;
          return;
        }
        taints.push({ key: t.key, effect: t.effect, ...(typeof t.value === 'string' ? { value: t.value } : {}) });
      });
    }
  }
  if (!ok) return undefined;
  const res = (m: Record<string, unknown> | undefined) => ({ cpu: String(m?.cpu ?? resources.cpu), memory: String(m?.memory ?? resources.memory), pods: String(m?.pods ?? resources.pods ?? '110') });
  const node = makeNode({ name, ...res(allocatable ?? capacity), labels, taints });
  node.status!.capacity = { ...node.status!.capacity, ...res(capacity ?? allocatable) };
  if (spec.unschedulable === true) node.spec!.unschedulable = true;
  return node;
}

function readNodePool(name: string, o: Record<string, unknown>, at: At): NodePool | undefined {
  const spec = isRecord(o.spec) ? o.spec : undefined;
  if (!spec) {
    at([], `NodePool "${name}" needs a spec (maxNodes and template)`);
    return undefined;
  }
  let ok = true;
  const int = (field: string, fallback: number | undefined): number => {
    const v = spec[field];
    if (v === undefined) {
      if (fallback === undefined) {
        at(['spec'], `NodePool "${name}" needs spec.${field}`);
        ok = false;
        return 0;
      }
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      at(['spec', field], `spec.${field} must be a whole number ≥ 0, not ${JSON.stringify(v)}`, 'value');
      ok = false;
      return 0;
    }
    return v;
  };
  const minNodes = int('minNodes', 0);
  const maxNodes = int('maxNodes', undefined);
  const provisioningSeconds = int('provisioningSeconds', 60);
  const scaleDownUnneededSeconds = int('scaleDownUnneededSeconds', 600);
  if (ok && minNodes > maxNodes) {
    at(['spec', 'minNodes'], `spec.minNodes (${minNodes}) is more than spec.maxNodes (${maxNodes})`, 'value');
    ok = false;
  }
  if (!isRecord(spec.template)) {
    at(['spec'], `NodePool "${name}" needs spec.template (a Node: labels, taints, status.capacity)`);
    return undefined;
  }
  const template = readNode(name, spec.template, at, ['spec', 'template']);
  if (!ok || !template) return undefined;
  template.metadata!.labels = { ...template.metadata!.labels, 'sim.kubeplan.dev/node-pool': name };
  return { name, minNodes, maxNodes, provisioningSeconds, scaleDownUnneededSeconds, template };
}
