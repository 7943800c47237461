/** NodeName (pkg/scheduler/framework/plugins/nodename): a pod that names a node fits only that node. */
import { unresolvable, type Plugin } from '../../framework/types';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const REJECTED = unresolvable(ERR_REASON_NODE_NAME);

export const NodeName: Plugin = {
  name: 'NodeName',
  cycle(pod) {
    const wanted = pod.pod.spec?.nodeName;
    if (typeof wanted !== 'string' || wanted === '') return { filter: () => null };
    return { filter: (node) => (node.name === wanted ? null : REJECTED) };
  },
};
