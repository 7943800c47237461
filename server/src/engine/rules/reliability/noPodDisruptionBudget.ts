import { get, isRecord } from '../../kube/read';
import { appendDocumentEdits, fixes, quickFix, type Patch } from '../../fix/yamlEdit';
import type { WorkspaceRule } from '../rule';
import { budgetsFor } from './disruptionBudgets';
import { replicaRange } from './replicas';

export const noPodDisruptionBudget: WorkspaceRule = {
  id: 'no-pod-disruption-budget',
  severity: 'info',
  category: 'reliability',
  title: 'A workload with several replicas has no PodDisruptionBudget.',
  docs: {
    why: 'Node drains (upgrades, autoscaler scale-down) evict pods without regard for the app unless a PodDisruptionBudget says how many may be down at once; a drain can take all replicas at the same time. Workloads with one replica are not reported: a budget cannot keep a single pod up during a drain.',
    fix: 'Add a PodDisruptionBudget selecting the pods, e.g. `maxUnavailable: 1` (the quick fix adds one after the workload).',
    bad: 'kind: Deployment\nspec:\n  replicas: 3   # and no PodDisruptionBudget selects its pods',
    good: 'kind: PodDisruptionBudget\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web',
  },
  check(ctx) {
    for (const owner of ctx.subjects.podOwners()) {
      const o = owner.object;
      if (o.id.kind !== 'Deployment' && o.id.kind !== 'StatefulSet') continue;
      const range = replicaRange(ctx, o);
      if (!range || range.min < 2) continue;
      if (budgetsFor(ctx, owner).length > 0) continue;
      const matchLabels = get(o.object, 'spec', 'selector', 'matchLabels');
      // the workload's own selector reads best, but only when it selects the pods: with a
      // mismatched selector (an error of its own) a budget on it would cover nothing
      const selects = isRecord(matchLabels) && !get(o.object, 'spec', 'selector', 'matchExpressions') && Object.entries(matchLabels).every(([k, v]) => owner.template.labels[k] === v);
      const labels = selects ? matchLabels : owner.template.labels;
      const name = o.id.name ?? 'app';
      const pdb: Patch = {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name, ...(o.id.namespace ? { namespace: o.id.namespace } : {}) },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels as Patch } },
      };
      const fix = Object.keys(labels).length > 0 ? quickFix(`Add a PodDisruptionBudget for ${o.id.kind} "${name}" (maxUnavailable: 1)`, () => appendDocumentEdits(o.doc, pdb), true) : undefined;
      ctx.report(o, ['metadata', 'name'], `${o.id.kind} "${name}" runs ${range.min} replicas but no PodDisruptionBudget covers them: a drain can evict them all at once.`, { fixes: fixes(fix) });
    }
  },
};
