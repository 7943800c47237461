/**
 * PostFilter: DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 * pkg/scheduler/framework/preemption/preemption.go), for a pod no node fits.
 *
 * - `preemptionPolicy: Never` → "not eligible due to preemptionPolicy=Never."; a pod whose victims still terminate
 *   on its nominated node → "not eligible due to a terminating pod on the nominated node." (PodEligibleToPreemptOthers).
 * - Only nodes rejected as Unschedulable (not UnschedulableAndUnresolvable) are candidates; the others
 *   count as "Preemption is not helpful for scheduling".
 * - SelectVictimsOnNode: the victims are the pods of lower priority. None → "No preemption victims found for
 *   incoming pod". Remove them all and re-run the filters (with every plugin's state updated, as the PreFilter
 *   extensions do): still rejected → that rejection's reasons. Otherwise give back ("reprieve") as many as
 *   possible, most important first (higher priority, then earlier start), keeping the pod fitting.
 * - With candidates, pickOneNodeForPreemption: fewest PDB violations (no PDBs here), then the lowest
 *   highest-victim priority, the lowest priority sum, the fewest victims, the latest start of the most
 *   important victim, then node order. Upstream starts its candidate search at a random node and stops
 *   after max(100, 10% of nodes) candidates; we search in node order (deterministic) with the same cap.
 *
 * With no candidate the PostFilter message is "preemption: " + a FitError over the per-node verdicts.
 * With one, the result names the node and victims (the caller evicts them and nominates the node) and there
 * is no message.
 */
import { fitErrorMessage } from './framework/fitError';
import { NodeInfo } from './framework/nodeInfo';
import type { PodInfo } from './framework/podInfo';
import type { ClusterSnapshot } from './framework/snapshot';
import type { Status } from './framework/types';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** What the dry run needs from the scheduling cycle. */
export interface DryRunFramework {
  filter(node: NodeInfo): Status | null;
  /** PreFilterExtensions AddPod (+1) / RemovePod (−1) on every plugin's cycle state. */
  update(pod: PodInfo, node: NodeInfo, delta: 1 | -1): void;
}

export interface PostFilterResult {
  /** The PostFilter message appended to the FitError, e.g. "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod." */
  message?: string;
  nomination?: { nominatedNode: string; victims: string[] };
}

export interface AbsentNodes {
  reasons: readonly string[];
  count: number;
  unresolvable?: boolean;
}

interface Candidate {
  node: NodeInfo;
  victims: PodInfo[];
}

export function postFilter(
  pod: PodInfo,
  snapshot: ClusterSnapshot,
  failed: readonly { node: NodeInfo; status: Status }[],
  absent: AbsentNodes | undefined,
  numAllNodes: number,
  framework?: DryRunFramework,
): PostFilterResult {
  if (pod.pod.spec?.preemptionPolicy === 'Never') return { message: `preemption: ${NOT_ELIGIBLE_NEVER}` };
  // PodEligibleToPreemptOthers: a pod whose earlier victims are still terminating on its nominated node waits
  // for them instead of preempting more (unless the nominated node became unresolvable for it).
  if (pod.nominatedNodeName !== '') {
    const status = failed.find((f) => f.node.name === pod.nominatedNodeName)?.status;
    const node = snapshot.nodeInfo(pod.nominatedNodeName);
    if (!status?.unresolvable && node && node.pods.some((p) => p.priority < pod.priority && p.terminatingByPreemption)) {
      return { message: `preemption: ${NOT_ELIGIBLE_TERMINATING}` };
    }
  }

  const potential: NodeInfo[] = failed.filter((f) => !f.status.unresolvable).map((f) => f.node);
  if (absent && absent.count > 0 && absent.unresolvable === false) {
    const explicit = new Set(failed.map((f) => f.node.name));
    for (const n of snapshot.nodeInfos()) if (!explicit.has(n.name)) potential.push(n);
  }

  const maxCandidates = Math.max(MIN_CANDIDATE_NODES_ABSOLUTE, Math.trunc((potential.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100));
  const verdicts: (readonly string[])[] = [];
  const candidates: Candidate[] = [];
  for (const node of potential) {
    if (candidates.length >= maxCandidates) break;
    const v = selectVictimsOnNode(pod, node, framework);
    if (Array.isArray(v)) candidates.push({ node, victims: v });
    else verdicts.push(v.reasons);
  }
  if (candidates.length > 0) {
    const best = pickOneNodeForPreemption(candidates);
    return { nomination: { nominatedNode: best.node.name, victims: best.victims.map((v) => v.key) } };
  }
  const message = fitErrorMessage({
    numAllNodes,
    nodeReasons: verdicts,
    absent: { reasons: [PREEMPTION_NOT_HELPFUL], count: numAllNodes - potential.length },
  });
  return { message: `preemption: ${message}` };
}

/** The victims that must go for `pod` to fit on `node`, or the status saying why even that does not help. */
function selectVictimsOnNode(pod: PodInfo, node: NodeInfo, framework: DryRunFramework | undefined): PodInfo[] | Status {
  const potential = node.pods.filter((p) => p.priority < pod.priority);
  if (potential.length === 0) return { reasons: [NO_VICTIMS], unresolvable: true };
  if (!framework) return potential;
  const remaining = new NodeInfo(node.node);
  const gone = new Set(potential.map((v) => v.key));
  for (const p of node.pods) if (!gone.has(p.key)) remaining.addPod(p);
  for (const v of potential) framework.update(v, node, -1);
  {
    const status = framework.filter(remaining);
    if (status) {
      for (const v of potential) framework.update(v, node, 1);
      return status;
    }
    // Reprieve the most important pods first; whoever cannot come back is a victim.
    const victims: PodInfo[] = [];
    for (const p of [...potential].sort(moreImportantFirst)) {
      remaining.addPod(p);
      framework.update(p, node, 1);
      if (framework.filter(remaining) !== null) {
        remaining.removePod(p.key);
        framework.update(p, node, -1);
        victims.push(p);
      }
    }
    // Undo the dry run: the victims go back into the cycle state (the reprieved already are).
    for (const v of victims) framework.update(v, node, 1);
    if (victims.length === 0) return { reasons: [`expected at least one victim pod on node "${node.name}"`], unresolvable: true };
    return victims;
  }
}

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ?? p.pod.metadata?.creationTimestamp;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** `util.MoreImportantPod`: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startTime(a) - startTime(b);
}

function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  const highest = (c: Candidate) => Math.max(...c.victims.map((v) => v.priority));
  // Priorities can be negative; upstream offsets each by MaxInt32 + 1 so the sum still prefers fewer pods.
  const sum = (c: Candidate) => c.victims.reduce((a, v) => a + v.priority + 2 ** 31, 0);
  const earliestStart = (c: Candidate) => Math.min(...c.victims.filter((v) => v.priority === highest(c)).map(startTime));
  let pool = candidates;
  const keepMin = (f: (c: Candidate) => number) => {
    const best = Math.min(...pool.map(f));
    pool = pool.filter((c) => f(c) === best);
  };
  keepMin(highest);
  if (pool.length > 1) keepMin(sum);
  if (pool.length > 1) keepMin((c) => c.victims.length);
  if (pool.length > 1) keepMin((c) => -earliestStart(c));
  return pool[0]!;
}

