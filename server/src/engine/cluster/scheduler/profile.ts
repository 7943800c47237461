/**
 * The default scheduling profile (pkg/scheduler/apis/config/v1/default_plugins.go): plugins in
 * upstream order (which is also the Filter order) with their score weights.
 * Not mirrored: SchedulingGates/PrioritySort (queue-side), the volume plugins (the simulator has no
 * volumes to bind), DefaultBinder (the caller binds). ImageLocality (weight 1) is left out: the simulated
 * nodes report no images, so upstream would score every node 0 for it and it could not change a decision.
 */
import type { ProfilePlugin } from './framework/types';
import { InterPodAffinity } from './plugins/interpodaffinity/interPodAffinity';
import { NodeAffinity } from './plugins/nodeaffinity/nodeAffinity';
import { NodeName } from './plugins/nodename/nodeName';
import { NodePorts } from './plugins/nodeports/nodePorts';
import { NodeResourcesBalancedAllocation } from './plugins/noderesources/balancedAllocation';
import { NodeResourcesFit } from './plugins/noderesources/fit';
import { NodeUnschedulable } from './plugins/nodeunschedulable/nodeUnschedulable';
import { PodTopologySpread } from './plugins/podtopologyspread/podTopologySpread';
import { TaintToleration } from './plugins/tainttoleration/taintToleration';

export function defaultProfile(): ProfilePlugin[] {
  return [
    { plugin: NodeUnschedulable, weight: 0 },
    { plugin: NodeName, weight: 0 },
    { plugin: TaintToleration, weight: 3 },
    { plugin: NodeAffinity, weight: 2 },
    { plugin: NodePorts, weight: 0 },
    { plugin: NodeResourcesFit, weight: 1 },
    { plugin: PodTopologySpread, weight: 2 },
    { plugin: InterPodAffinity, weight: 2 },
    { plugin: NodeResourcesBalancedAllocation, weight: 1 },
  ];
}
