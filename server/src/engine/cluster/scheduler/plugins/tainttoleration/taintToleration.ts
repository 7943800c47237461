/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: the first NoSchedule/NoExecute taint (in the node's order) the pod does not tolerate rejects the node.
 * Score: the number of PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule (or effect-less)
 * tolerations, normalized in reverse (fewest untolerated taints → 100).
 */
import { defaultNormalizeScore } from '../../framework/normalize';
import { tolerationsTolerateTaint, type Taint } from '../../framework/taints';
import { unresolvable, type Plugin, type Status } from '../../framework/types';

export function untoleratedTaintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value}}`;
}

const reasonCache = new Map<string, Status>();

function rejection(t: Taint): Status {
  const reason = untoleratedTaintReason(t);
  let s = reasonCache.get(reason);
  if (!s) {
    s = unresolvable(reason);
    if (reasonCache.size < 10_000) reasonCache.set(reason, s);
  }
  return s;
}

export const TaintToleration: Plugin = {
  name: 'TaintToleration',
  cycle(pod) {
    const tolerations = pod.tolerations;
    const preferNoSchedule = tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
    return {
      filter(node) {
        for (const taint of node.taints) {
          if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
          if (!tolerationsTolerateTaint(tolerations, taint)) return rejection(taint);
        }
        return null;
      },
      preScore: () => true,
      score(node) {
        let n = 0;
        for (const taint of node.taints) {
          if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(preferNoSchedule, taint)) n++;
        }
        return n;
      },
      normalize: (scores) => defaultNormalizeScore(scores, true),
    };
  },
};
