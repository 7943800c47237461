import { get, int } from '../../kube/read';
import type { ObjectRule } from '../rule';

function isZero(v: unknown): boolean {
  return int(v) === 0 || (typeof v === 'string' && /^0+%$/.test(v.trim()));
}

function isHundredPercent(v: unknown): boolean {
  return typeof v === 'string' && /^100%$/.test(v.trim());
}

export const pdbBlocksEviction: ObjectRule = {
  id: 'pdb-blocks-eviction',
  severity: 'warning',
  category: 'reliability',
  title: 'A PodDisruptionBudget allows no voluntary disruption (maxUnavailable 0 or minAvailable 100%).',
  docs: {
    why: 'A budget that allows zero disruptions makes every eviction fail: `kubectl drain`, node upgrades and the cluster autoscaler hang on these pods until someone deletes the budget by hand.',
    fix: 'Allow at least one pod to be down: `maxUnavailable: 1` (or a minAvailable below the replica count).',
    bad: 'spec:\n  maxUnavailable: 0',
    good: 'spec:\n  maxUnavailable: 1',
  },
  check(ctx) {
    if (ctx.id.kind !== 'PodDisruptionBudget') return;
    const spec = get(ctx.object, 'spec');
    const max = get(spec, 'maxUnavailable');
    const min = get(spec, 'minAvailable');
    if (max !== undefined && max !== null && isZero(max)) {
      ctx.report(['spec', 'maxUnavailable'], `PodDisruptionBudget "${ctx.id.name ?? ''}" sets maxUnavailable ${String(max)}: no pod can ever be evicted, so node drains hang.`, { part: 'entry' });
    } else if (min !== undefined && min !== null && isHundredPercent(min)) {
      ctx.report(['spec', 'minAvailable'], `PodDisruptionBudget "${ctx.id.name ?? ''}" sets minAvailable 100%: no pod can ever be evicted, so node drains hang.`, { part: 'entry' });
    }
  },
};
