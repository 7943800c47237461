import { fixes, patchEdits, quickFix, type Patch } from '../../fix/yamlEdit';
import { get, isRecord, list } from '../../kube/read';
import type { WorkspaceRule } from '../rule';
import { replicaRange } from './replicas';

export const noAntiAffinity: WorkspaceRule = {
  id: 'no-anti-affinity',
  severity: 'info',
  category: 'reliability',
  title: 'A workload with several replicas has no pod anti-affinity or topology spread constraint.',
  docs: {
    why: 'Replicas protect you only if they run on different nodes (and zones). The scheduler\'s default spreading is a soft preference that resource pressure overrides, so all replicas can land on one node and fail together. Workloads with one replica, or scaled by an HPA whose maximum is 1, are not reported.',
    fix: 'Add `topologySpreadConstraints` over `kubernetes.io/hostname` (and `topology.kubernetes.io/zone`), or a `podAntiAffinity` rule, selecting the workload\'s own pods.',
    bad: 'kind: Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [...]',
    good: 'spec:\n  topologySpreadConstraints:\n    - maxSkew: 1\n      topologyKey: kubernetes.io/hostname\n      whenUnsatisfiable: ScheduleAnyway\n      labelSelector:\n        matchLabels:\n          app: web',
  },
  check(ctx) {
    for (const owner of ctx.subjects.podOwners()) {
      const o = owner.object;
      const range = replicaRange(ctx, o);
      if (!range || range.max < 2) continue;
      const spec = owner.template.spec;
      if (list(spec.topologySpreadConstraints).length > 0) continue;
      const anti = get(spec, 'affinity', 'podAntiAffinity');
      if (isRecord(anti) && (list(anti.requiredDuringSchedulingIgnoredDuringExecution).length > 0 || list(anti.preferredDuringSchedulingIgnoredDuringExecution).length > 0)) continue;
      const labels = owner.template.labels;
      const fix =
        Object.keys(labels).length > 0
          ? quickFix(
              'Spread the pods over nodes (topologySpreadConstraints)',
              () =>
                patchEdits(o.doc, owner.template.specPath, {
                topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels as Patch } }],
              }),
              true,
            )
          : undefined;
      const n = range.hpa ? `up to ${range.max}` : String(range.max);
      ctx.report(o, owner.template.specPath, `${o.id.kind} "${o.id.name ?? ''}" runs ${n} replicas with no pod anti-affinity or topology spread: they may all land on one node.`, { fixes: fixes(fix) });
    }
  },
};
