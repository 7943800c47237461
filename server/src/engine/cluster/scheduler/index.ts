/**
 * The simulated cluster's scheduler: kube-scheduler's framework and default plugins.
 *
 *   const snapshot = new ClusterSnapshot();
 *   snapshot.addNode(node);                       // and updateNode / removeNode
 *   snapshot.addPod(boundPod);                    // pods already on nodes (spec.nodeName set)
 *   const result = new Scheduler({ seed }).schedule(pod, snapshot, { explain: true });
 *   if (result.selected) { bind; snapshot.addPod({...pod, spec: {...pod.spec, nodeName: result.selected}}); }
 *   else result.message;                          // "0/3 nodes are available: 3 Insufficient cpu. preemption: ..."
 */
export { ClusterSnapshot } from './framework/snapshot';
export { NodeInfo } from './framework/nodeInfo';
export { PodInfo } from './framework/podInfo';
export { Scheduler, numFeasibleNodesToFind, type SchedulerOptions, type ScheduleOptions, type ScheduleResult } from './scheduler';
export { defaultProfile } from './profile';
export { fitErrorMessage, NO_NODES_AVAILABLE } from './framework/fitError';
export type { Plugin, PluginCycle, PluginName, ProfilePlugin, Status } from './framework/types';
export type { SchedulingExplanation } from '../result';
