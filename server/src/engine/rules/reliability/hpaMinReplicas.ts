import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { get, int } from '../../kube/read';
import type { WorkspaceRule } from '../rule';

export const hpaMinReplicas: WorkspaceRule = {
  id: 'hpa-min-replicas',
  severity: 'warning',
  category: 'reliability',
  title: 'A HorizontalPodAutoscaler may scale its workload down to a single pod (minReplicas 1 or unset).',
  docs: {
    why: 'When load is low the autoscaler goes down to `minReplicas` (default 1), and a single pod makes every drain or crash an outage — at night, when nobody watches.',
    fix: 'Set `spec.minReplicas: 2` or more.',
    bad: 'spec:\n  minReplicas: 1\n  maxReplicas: 10',
    good: 'spec:\n  minReplicas: 2\n  maxReplicas: 10',
  },
  check(ctx) {
    for (const hpa of ctx.subjects.ofKind('HorizontalPodAutoscaler')) {
      const spec = get(hpa.object, 'spec');
      if (spec === undefined || spec === null) continue;
      const raw = get(spec, 'minReplicas');
      const min = raw === undefined || raw === null ? 1 : int(raw);
      if (min === undefined || min > 1 || min === 0) continue;
      const max = int(get(spec, 'maxReplicas'));
      const explicit = raw !== undefined;
      const fix = max !== undefined && max >= 2 ? quickFix('Set minReplicas: 2', () => patchEdits(hpa.doc, ['spec'], { minReplicas: 2 }), true) : undefined;
      ctx.report(hpa, explicit ? ['spec', 'minReplicas'] : ['spec', 'maxReplicas'], `HorizontalPodAutoscaler "${hpa.id.name ?? ''}" can scale down to a single pod${explicit ? '' : ' (minReplicas defaults to 1)'}.`, {
        ...(explicit ? { part: 'entry' as const } : {}),
        fixes: fixes(fix),
      });
    }
  },
};
