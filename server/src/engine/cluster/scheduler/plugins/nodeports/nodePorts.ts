/**
 * NodePorts (pkg/scheduler/framework/plugins/nodeports/node_ports.go): a node whose pods already
 * use one of the pod's host ports (same protocol, same or wildcard IP) is rejected. Skipped for pods without host ports.
 */
import { SKIP, unschedulable, type Plugin } from '../../framework/types';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const REJECTED = unschedulable(ERR_REASON_PORTS);

export const NodePorts: Plugin = {
  name: 'NodePorts',
  cycle(pod) {
    const wanted = pod.hostPorts;
    if (wanted.length === 0) return SKIP;
    return {
      filter(node) {
        if (node.usedPorts.size === 0) return null;
        for (const p of wanted) if (node.usedPorts.conflicts(p)) return REJECTED;
        return null;
      },
    };
  },
};
