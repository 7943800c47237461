import { get, int } from '../../kube/read';
import type { ObjectRule } from '../rule';

export const hpaCannotScale: ObjectRule = {
  id: 'hpa-cannot-scale',
  severity: 'warning',
  category: 'reliability',
  title: 'A HorizontalPodAutoscaler has maxReplicas equal to minReplicas, so it never scales.',
  docs: {
    why: 'With no room between minimum and maximum the autoscaler holds the replica count fixed: it adds cost and confusion (people believe the app autoscales) but cannot react to load.',
    fix: 'Raise `maxReplicas` above `minReplicas`, or remove the HPA and set `replicas` on the workload.',
    bad: 'spec:\n  minReplicas: 5\n  maxReplicas: 5',
    good: 'spec:\n  minReplicas: 5\n  maxReplicas: 10',
  },
  check(ctx) {
    if (ctx.id.kind !== 'HorizontalPodAutoscaler') return;
    const spec = get(ctx.object, 'spec');
    const rawMin = get(spec, 'minReplicas');
    const min = rawMin === undefined || rawMin === null ? 1 : int(rawMin);
    const max = int(get(spec, 'maxReplicas'));
    if (min === undefined || max === undefined || max !== min) return;
    ctx.report(['spec', 'maxReplicas'], `HorizontalPodAutoscaler "${ctx.id.name ?? ''}" has maxReplicas ${max} equal to minReplicas: it can never scale.`, { part: 'entry' });
  },
};
