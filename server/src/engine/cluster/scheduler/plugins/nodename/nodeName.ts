/**
 * NodeName (pkg/scheduler/framework/plugins/nodename/node_name.go): its PreFilter always returns Skip, with a
 * PreFilterResult naming `spec.nodeName` when the pod sets one, so only that node is evaluated and the rest
 * are "node(s) didn't satisfy plugin(s) [NodeName]". Its Filter never runs under the default profile.
 */
import { SKIP, type Plugin } from '../../framework/types';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const NodeName: Plugin = {
  name: 'NodeName',
  cycle(pod) {
    const wanted = pod.pod.spec?.nodeName;
    return typeof wanted === 'string' && wanted !== '' ? { nodeNames: new Set([wanted]) } : SKIP;
  },
};
