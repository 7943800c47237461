/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: the first NoSchedule/NoExecute taint (in the node's order) the pod does not tolerate rejects the node
 * as "node(s) had untolerated taint(s)". Since kubernetes#134740 (v1.35, backported to 1.34) the message no
 * longer names the taint ("{key: value}" before), as taints may be sensitive; the explanation's `details`
 * still says which taint it was, since it never leaves the user's machine.
 * Score: the number of PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule (or effect-less)
 * tolerations, normalized in reverse (fewest untolerated taints → 100).
 */
import { defaultNormalizeScore } from '../../framework/normalize';
import { tolerationsTolerateTaint, type Taint, type Toleration } from '../../framework/taints';
import { MAX_NODE_SCORE, unresolvable, type Plugin, type PluginCycle, type Status } from '../../framework/types';

export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)';

/** How kubectl prints a taint: key=value:Effect (key:Effect without a value). */
export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

const statusCache = new Map<string, Status>();

function rejection(t: Taint): Status {
  const detail = `untolerated taint ${taintText(t)}`;
  let s = statusCache.get(detail);
  if (!s) {
    s = { ...unresolvable(ERR_REASON_UNTOLERATED), detail };
    if (statusCache.size < 10_000) statusCache.set(detail, s);
  }
  return s;
}

/**
 * A cycle depends on the pod's tolerations (pods with equal ones share the list: PodInfo interns it) and on whether
 * the snapshot holds any NoSchedule/NoExecute taint: two cycles per list, built once.
 */
const cycles = new WeakMap<readonly Toleration[], { anyHardTaint?: PluginCycle; noHardTaint?: PluginCycle }>();

export const TaintToleration: Plugin = {
  name: 'TaintToleration',
  cycle(pod, snapshot) {
    let pair = cycles.get(pod.tolerations);
    if (!pair) cycles.set(pod.tolerations, (pair = {}));
    return snapshot.nodesWithHardTaints === 0
      ? (pair.noHardTaint ??= taintCycle(pod.tolerations, true))
      : (pair.anyHardTaint ??= taintCycle(pod.tolerations, false));
  },
};

function taintCycle(tolerations: readonly Toleration[], passesEveryNode: boolean): PluginCycle {
  const preferNoSchedule = tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
  return {
    filter(node) {
      const taints = node.taints;
      for (let i = 0; i < taints.length; i++) {
        const taint = taints[i]!;
        if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
        if (!tolerationsTolerateTaint(tolerations, taint)) return rejection(taint);
      }
      return null;
    },
    passesEveryNode,
    // Without PreferNoSchedule taints every node scores 0, which normalizes (reversed) to 100.
    preScore: (feasible) => (feasible.some((n) => n.hasPreferNoSchedule) ? true : MAX_NODE_SCORE),
    score(node) {
      let n = 0;
      for (const taint of node.taints) {
        if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(preferNoSchedule, taint)) n++;
      }
      return n;
    },
    normalize: (scores) => defaultNormalizeScore(scores, true),
  };
}
