/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go).
 * Filter: the pod's declared requests (zero when unset) must fit in allocatable minus what the node's
 * pods request, per resource the pod actually requests; the pod count must stay within allocatable pods.
 * Every shortfall is a reason ("Too many pods", "Insufficient cpu", "Insufficient memory", ...).
 * Score: the default LeastAllocated strategy (least_allocated.go) over cpu and memory (weights 1, 1),
 * with 100m / 200Mi assumed for containers that request nothing (`nonZero`).
 */
import { isScalarResourceName, type NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { PodRequests } from '../../../resources';
import { SlotScores } from '../../framework/slotScores';
import { MAX_NODE_SCORE, unresolvable, unschedulable, type Plugin, type PluginCycle, type Status } from '../../framework/types';

export interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The pod would not fit even on the empty node: preemption cannot help. */
  unresolvable: boolean;
}

/** `fitsRequest`: every resource the node is short of for this pod. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  return insufficientFor(pod.requests, node);
}

function insufficientFor(req: PodRequests, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const a = node.allocatable;
  const used = node.requested;
  if (node.pods.length + 1 > a.pods) {
    out.push({ resource: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.length, capacity: a.pods, unresolvable: false });
  }
  const check = (resource: string, reason: string, r: number, u: number, cap: number) => {
    if (r > 0 && r > cap - u) out.push({ resource, reason, requested: r, used: u, capacity: cap, unresolvable: r > cap });
  };
  check('cpu', 'Insufficient cpu', req.cpu, used.cpu, a.cpu);
  check('memory', 'Insufficient memory', req.memory, used.memory, a.memory);
  check('ephemeral-storage', 'Insufficient ephemeral-storage', req.ephemeralStorage, used.ephemeralStorage, a.ephemeralStorage);
  // Upstream walks a Go map (random order); we sort so messages are stable.
  for (const name of Object.keys(req.extended).sort()) {
    if (!isScalarResourceName(name)) continue;
    check(name, `Insufficient ${name}`, req.extended[name]!, used.scalar[name] ?? 0, a.scalar[name] ?? 0);
  }
  return out;
}

const statusCache = new Map<string, Status>();

function toStatus(list: InsufficientResource[]): Status {
  const reasons = list.map((r) => r.reason);
  const hard = list.some((r) => r.unresolvable);
  const key = `${hard ? 1 : 0}|${reasons.join('\n')}`;
  let s = statusCache.get(key);
  if (!s) {
    s = hard ? unresolvable(...reasons) : unschedulable(...reasons);
    if (statusCache.size < 10_000) statusCache.set(key, s);
  }
  return s;
}

/** `leastRequestedScore`: unused share of capacity on a 0..100 scale (integer arithmetic). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory, weight 1 each; resources the node has none of are left out. */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  return leastAllocated(pod.nonZero.cpu, pod.nonZero.memory, node);
}

function leastAllocated(podCpu: number, podMemory: number, node: NodeInfo): number {
  let score = 0;
  let weights = 0;
  if (node.allocCpu !== 0) {
    score += leastRequestedScore(node.nzCpu + podCpu, node.allocCpu);
    weights++;
  }
  if (node.allocMemory !== 0) {
    score += leastRequestedScore(node.nzMemory + podMemory, node.allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/**
 * A cycle depends only on the pod's requests and scoring requests, which pods of one shape share (podResources
 * hands out one object per shape): pods of one template share one cycle, built once.
 */
const cycles = new WeakMap<PodRequests, WeakMap<object, PluginCycle>>();

export const NodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  cycle(pod) {
    let byNonZero = cycles.get(pod.requests);
    if (!byNonZero) cycles.set(pod.requests, (byNonZero = new WeakMap()));
    let cycle = byNonZero.get(pod.nonZero);
    if (!cycle) byNonZero.set(pod.nonZero, (cycle = fitCycle(pod.requests, pod.nonZero)));
    return cycle;
  },
};

function fitCycle(req: PodRequests, nonZero: { cpu: number; memory: number }): PluginCycle {
  const hasScalar = Object.keys(req.extended).some((k) => isScalarResourceName(k) && req.extended[k]! > 0);
  const requestsNothing = req.cpu === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !hasScalar;
  const cpu = req.cpu;
  const memory = req.memory;
  const nzCpu = nonZero.cpu;
  const nzMemory = nonZero.memory;
  const kept = new SlotScores();
  const score = (node: NodeInfo) => leastAllocated(nzCpu, nzMemory, node);
  return {
    filter(node) {
      // Fast path for the common case; the full check builds the reasons.
      if (node.podCount + 1 <= node.allocPods) {
        if (requestsNothing) return null;
        if ((cpu === 0 || cpu <= node.allocCpu - node.reqCpu) &&
          (memory === 0 || memory <= node.allocMemory - node.reqMemory) &&
          (req.ephemeralStorage === 0 || req.ephemeralStorage <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage)) {
          if (!hasScalar) return null;
          const all = insufficientFor(req, node);
          return all.length === 0 ? null : toStatus(all);
        }
      }
      return toStatus(insufficientFor(req, node));
    },
    preScore: () => true,
    score,
    addScores: (feasible, totals, weight) => kept.addScores(feasible, totals, weight, score),
  };
}
