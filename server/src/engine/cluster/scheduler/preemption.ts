/**
 * PostFilter: DefaultPreemption's verdict for a pod no node fits
 * (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go, pkg/scheduler/framework/preemption/preemption.go).
 *
 * - `preemptionPolicy: Never` → "not eligible due to preemptionPolicy=Never."
 * - Only nodes rejected as Unschedulable (not UnschedulableAndUnresolvable) are candidates; the others
 *   count as "Preemption is not helpful for scheduling".
 * - On a candidate node the victims are the pods of lower priority. None → "No preemption victims found
 *   for incoming pod". Otherwise the pod is re-filtered as if they were gone: still rejected → that
 *   rejection's reasons; fits → the node is a preemption candidate.
 *
 * With no candidate the message is "preemption: " + a FitError over those per-node verdicts.
 * With candidates upstream evicts victims and nominates a node; the attempt still fails, without a
 * PostFilter message, and `candidates` says where preemption would help.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { fitErrorMessage } from './framework/fitError';
import { NodeInfo } from './framework/nodeInfo';
import type { PodInfo } from './framework/podInfo';
import type { ClusterSnapshot } from './framework/snapshot';
import type { Status } from './framework/types';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';

export interface PostFilterResult {
  /** The PostFilter message appended to the FitError, e.g. "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod." */
  message?: string;
  /** Nodes where evicting lower-priority pods would make room, with those victims. */
  candidates: { node: string; victims: Pod[] }[];
}

export interface AbsentNodes {
  reasons: readonly string[];
  count: number;
  unresolvable?: boolean;
}

export function postFilter(
  pod: PodInfo,
  snapshot: ClusterSnapshot,
  failed: readonly { node: NodeInfo; status: Status }[],
  absent: AbsentNodes | undefined,
  numAllNodes: number,
  refilter?: (remaining: NodeInfo, victims: readonly PodInfo[], original: NodeInfo) => Status | null,
): PostFilterResult {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return { message: `preemption: ${NOT_ELIGIBLE_NEVER}`, candidates: [] };

  const potential: NodeInfo[] = failed.filter((f) => !f.status.unresolvable).map((f) => f.node);
  if (absent && absent.count > 0 && absent.unresolvable === false) {
    const explicit = new Set(failed.map((f) => f.node.name));
    for (const n of snapshot.nodeInfos()) if (!explicit.has(n.name)) potential.push(n);
  }

  const verdicts: (readonly string[])[] = [];
  const candidates: PostFilterResult['candidates'] = [];
  for (const node of potential) {
    const victims = node.pods.filter((p) => p.priority < pod.priority);
    if (victims.length === 0) {
      verdicts.push([NO_VICTIMS]);
      continue;
    }
    const remaining = new NodeInfo(node.node);
    const gone = new Set(victims.map((v) => v.key));
    for (const p of node.pods) if (!gone.has(p.key)) remaining.addPod(p);
    const status = refilter ? refilter(remaining, victims, node) : null;
    if (status) verdicts.push(status.reasons);
    else candidates.push({ node: node.name, victims: victims.map((v) => v.pod) });
  }
  if (candidates.length > 0) return { candidates };
  const message = fitErrorMessage({
    numAllNodes,
    nodeReasons: verdicts,
    absent: { reasons: [PREEMPTION_NOT_HELPFUL], count: numAllNodes - potential.length },
  });
  return { message: `preemption: ${message}`, candidates: [] };
}
