/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable): a cordoned node
 * (`spec.unschedulable`) rejects pods unless they tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { toleratesTaint } from '../../framework/taints';
import { unresolvable, type Plugin } from '../../framework/types';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };
const REJECTED = unresolvable(ERR_REASON_UNSCHEDULABLE);

export const NodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  cycle(pod, snapshot) {
    const tolerates = pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT));
    return { filter: (node) => (node.unschedulable && !tolerates ? REJECTED : null), passesEveryNode: tolerates || snapshot.unschedulableNodes === 0 };
  },
};
