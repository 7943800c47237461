/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory would be used in equal shares. With the real requests (no
 * scoring defaults), f = min(requested / allocatable, 1) per resource; score = int((1 − std(f)) × 100),
 * std being the population standard deviation (|f₁ − f₂| / 2 for two resources).
 * PreScore skips pods that request neither cpu nor memory (issue kubernetes#129138).
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import { MAX_NODE_SCORE, type Plugin } from '../../framework/types';

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

export const NodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  cycle(pod) {
    const cpu = pod.requests.cpu;
    const memory = pod.requests.memory;
    return {
      preScore: () => pod.requests.cpu !== 0 || pod.requests.memory !== 0,
      score: (node) => balanced(cpu, memory, node),
      scoreAll(feasible, scores) {
        for (let i = 0; i < feasible.length; i++) scores[i] = balanced(cpu, memory, feasible[i]!);
      },
    };
  },
};
