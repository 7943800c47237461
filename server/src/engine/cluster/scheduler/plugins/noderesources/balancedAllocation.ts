/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory would be used in equal shares. With the real requests (no
 * scoring defaults), f = min(requested / allocatable, 1) per resource; score = int((1 − std(f)) × 100),
 * std being the population standard deviation (|f₁ − f₂| / 2 for two resources).
 * PreScore skips pods that request neither cpu nor memory (issue kubernetes#129138).
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import type { PodRequests } from '../../../resources';
import { SlotScores } from '../../framework/slotScores';
import { MAX_NODE_SCORE, type Plugin, type PluginCycle } from '../../framework/types';

export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  return balanced(pod.requests.cpu, pod.requests.memory, node);
}

function balanced(podCpu: number, podMemory: number, node: NodeInfo): number {
  // With one resource (or none) the deviation is 0.
  let std = 0;
  if (node.allocCpu !== 0 && node.allocMemory !== 0) {
    const cpu = Math.min((node.reqCpu + podCpu) / node.allocCpu, 1);
    const memory = Math.min((node.reqMemory + podMemory) / node.allocMemory, 1);
    std = Math.abs((cpu - memory) / 2);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** One cycle per requests object (pods of one shape share theirs): it depends on nothing else. */
const cycles = new WeakMap<PodRequests, PluginCycle>();

export const NodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  cycle(pod) {
    let cycle = cycles.get(pod.requests);
    if (!cycle) cycles.set(pod.requests, (cycle = balancedCycle(pod.requests.cpu, pod.requests.memory)));
    return cycle;
  },
};

function balancedCycle(cpu: number, memory: number): PluginCycle {
  const kept = new SlotScores();
  const score = (node: NodeInfo) => balanced(cpu, memory, node);
  return {
    preScore: () => cpu !== 0 || memory !== 0,
    score,
    addScores: (feasible, totals, weight) => kept.addScores(feasible, totals, weight, score),
  };
}
