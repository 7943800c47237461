/**
 * Per-node aggregated state, updated incrementally as pods are bound and removed
 * (`framework.NodeInfo`, pkg/scheduler/framework/types.go).
 */
import type { Node } from 'kubernetes-types/core/v1';
import { parseQuantity, milliValue, value } from '../../../kube/quantity';
import { HostPortInfo } from './hostPorts';
import type { Labels } from './labels';
import { stringMap, type PodInfo } from './podInfo';
import { parseTaints, type Taint } from './taints';

export interface Allocatable {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  /** Extended resources, hugepages-*, attachable-volumes-*. */
  scalar: Record<string, number>;
}

export interface Requested {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Record<string, number>;
}

export interface InvalidNodeQuantity {
  resource: string;
  value: unknown;
}

let nextId = 1;

export class NodeInfo {
  node!: Node;
  name!: string;
  labels!: Labels;
  hasLabels!: boolean;
  taints!: Taint[];
  /** Has a PreferNoSchedule taint (the only kind TaintToleration scores). */
  hasPreferNoSchedule!: boolean;
  /** Has a NoSchedule or NoExecute taint (the kinds TaintToleration's filter can reject for). */
  hasHardTaint!: boolean;
  unschedulable!: boolean;
  allocatable!: Allocatable;
  /** Resources in `status.allocatable` that are not valid quantities (counted as 0). */
  invalidAllocatable!: InvalidNodeQuantity[];
  readonly requested: Requested = { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
  /** Requests with 100m CPU / 200Mi memory assumed for containers that set none: what scoring sees. */
  readonly nonZeroRequested = { cpu: 0, memory: 0 };
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  readonly usedPorts = new HostPortInfo();
  // Flat copies of the hottest numbers (allocatable, requested, non-zero requested, pod count): the
  // resource plugins read them for every node of every attempt, and flat fields are cheaper than nested objects.
  allocCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  reqCpu = 0;
  reqMemory = 0;
  nzCpu = 0;
  nzMemory = 0;
  podCount = 0;
  /** Bumped on every change, so callers can cache per-node derived data. */
  generation = 0;
  /** Bumped when the Node object is set (labels, taints, allocatable), not when pods come and go: data derived from the node alone keys on it. */
  nodeVersion = 0;
  /** A small integer unique within the snapshot that holds this node (-1 outside any): index for per-node caches. */
  slot = -1;
  /** Unique among all NodeInfos ever made: lets a cache tell this node from another in its slot without holding it. */
  readonly id = nextId++;

  constructor(node: Node) {
    this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = typeof node.metadata?.name === 'string' ? node.metadata.name : '';
    this.labels = stringMap(node.metadata?.labels);
    this.hasLabels = Object.keys(this.labels).length > 0;
    this.taints = parseTaints(node.spec?.taints);
    this.hasPreferNoSchedule = this.taints.some((t) => t.effect === 'PreferNoSchedule');
    this.hasHardTaint = this.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.unschedulable = node.spec?.unschedulable === true;
    const { allocatable, invalid } = parseAllocatable(node);
    this.allocatable = allocatable;
    this.invalidAllocatable = invalid;
    this.allocCpu = allocatable.cpu;
    this.allocMemory = allocatable.memory;
    this.allocPods = allocatable.pods;
    this.nodeVersion++;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (p.hasPodAffinity) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    this.account(p, 1);
  }

  /** Returns false when the pod was not on this node. */
  removePod(key: string): PodInfo | undefined {
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return undefined;
    const p = this.pods[i]!;
    this.pods.splice(i, 1);
    removeFrom(this.podsWithAffinity, key);
    removeFrom(this.podsWithRequiredAntiAffinity, key);
    this.account(p, -1);
    return p;
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.cpu += sign * p.requests.cpu;
    r.memory += sign * p.requests.memory;
    r.ephemeralStorage += sign * p.requests.ephemeralStorage;
    const extended = p.requests.extended;
    // own keys only, as Object.entries gave, without its pair arrays (every placement comes here)
    for (const k in extended) {
      if (!Object.prototype.hasOwnProperty.call(extended, k) || !isScalarResourceName(k)) continue;
      const v = extended[k]!;
      const next = (r.scalar[k] ?? 0) + sign * v;
      if (next === 0) delete r.scalar[k];
      else r.scalar[k] = next;
    }
    this.nonZeroRequested.cpu += sign * p.nonZero.cpu;
    this.nonZeroRequested.memory += sign * p.nonZero.memory;
    this.reqCpu = r.cpu;
    this.reqMemory = r.memory;
    this.nzCpu = this.nonZeroRequested.cpu;
    this.nzMemory = this.nonZeroRequested.memory;
    this.podCount = this.pods.length;
    for (const port of p.hostPorts) {
      if (sign > 0) this.usedPorts.add(port);
      else this.usedPorts.remove(port);
    }
    this.generation++;
  }
}

function removeFrom(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) list.splice(i, 1);
}

/**
 * `schedutil.IsScalarResourceName`: extended resources (a domain-prefixed name outside
 * kubernetes.io, not `requests.*`), hugepages-* and attachable-volumes-*.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return isExtendedResourceName(name);
}

export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/')) return false;
  return !name.startsWith('requests.');
}

/**
 * Allocatable as the scheduler reads it. A real kubelet always reports `status.allocatable`;
 * a hand-written Node may carry only `capacity`, in which case we take capacity (rather than
 * seeing a node with room for nothing).
 */
function parseAllocatable(node: Node): { allocatable: Allocatable; invalid: InvalidNodeQuantity[] } {
  const status = node.status ?? {};
  const source = (isRecord(status.allocatable) ? status.allocatable : isRecord(status.capacity) ? status.capacity : {}) as Record<string, unknown>;
  const allocatable: Allocatable = { cpu: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: {} };
  const invalid: InvalidNodeQuantity[] = [];
  for (const [name, raw] of Object.entries(source)) {
    const q = parseQuantity(raw);
    if (!q || q.numerator < 0n) {
      invalid.push({ resource: name, value: raw });
      continue;
    }
    switch (name) {
      case 'cpu':
        allocatable.cpu = milliValue(q);
        break;
      case 'memory':
        allocatable.memory = value(q);
        break;
      case 'ephemeral-storage':
        allocatable.ephemeralStorage = value(q);
        break;
      case 'pods':
        allocatable.pods = value(q);
        break;
      default:
        if (isScalarResourceName(name)) allocatable.scalar[name] = value(q);
    }
  }
  return { allocatable, invalid };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
