import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { get } from '../../kube/read';
import type { WorkspaceRule } from '../rule';
import { replicaRange } from './replicas';

export const singleReplica: WorkspaceRule = {
  id: 'single-replica',
  severity: 'warning',
  category: 'reliability',
  title: 'A Deployment or StatefulSet runs a single replica (replicas 1 or unset).',
  docs: {
    why: 'With one pod, every node drain, eviction, crash or rollout hiccup is an outage. `replicas` defaults to 1. Workloads scaled by a HorizontalPodAutoscaler in the workspace are judged by the autoscaler\'s `minReplicas` instead (see hpa-min-replicas); `replicas: 0` (scaled down on purpose) is not reported.',
    fix: 'Set `spec.replicas: 2` or more (and spread the pods: see no-anti-affinity), or scale it with a HorizontalPodAutoscaler.',
    bad: 'kind: Deployment\nspec:\n  replicas: 1',
    good: 'kind: Deployment\nspec:\n  replicas: 3',
  },
  check(ctx) {
    for (const kind of ['Deployment', 'StatefulSet']) {
      for (const o of ctx.subjects.ofKind(kind)) {
        const range = replicaRange(ctx, o);
        if (!range || range.hpa || range.min !== 1) continue;
        const explicit = get(o.object, 'spec', 'replicas') !== undefined;
        ctx.report(o, explicit ? ['spec', 'replicas'] : ['metadata', 'name'], `${kind} "${o.id.name ?? ''}" runs a single replica${explicit ? '' : ' (replicas is unset)'}: any disruption is an outage.`, {
          ...(explicit ? { part: 'entry' as const } : {}),
          fixes: fixes(quickFix('Set replicas: 2', () => patchEdits(o.doc, ['spec'], { replicas: 2 }), true)),
        });
      }
    }
  },
};
