/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
 * (`spec.unschedulable`) rejects pods unless they tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import { toleratesTaint, type Toleration } from '../../framework/taints';
import { unresolvable, type Plugin, type PluginCycle } from '../../framework/types';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };
const REJECTED = unresolvable(ERR_REASON_UNSCHEDULABLE);

const rejectsUnschedulable = (node: NodeInfo) => (node.unschedulable ? REJECTED : null);
const passes = () => null;
// the three cycles there are: tolerating the taint, or not with / without unschedulable nodes in the snapshot
const TOLERATES: PluginCycle = { filter: passes, passesEveryNode: true };
const REJECTS_NONE: PluginCycle = { filter: rejectsUnschedulable, passesEveryNode: true };
const REJECTS_SOME: PluginCycle = { filter: rejectsUnschedulable, passesEveryNode: false };
/** Whether a toleration list tolerates the unschedulable taint (lists are shared by pods with equal ones). */
const tolerating = new WeakMap<readonly Toleration[], boolean>();

export const NodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  cycle(pod, snapshot) {
    let tolerates = tolerating.get(pod.tolerations);
    if (tolerates === undefined) tolerating.set(pod.tolerations, (tolerates = pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT))));
    return tolerates ? TOLERATES : snapshot.unschedulableNodes === 0 ? REJECTS_NONE : REJECTS_SOME;
  },
};
