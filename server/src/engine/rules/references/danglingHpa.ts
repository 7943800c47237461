import { get, str } from '../../kube/read';
import type { WorkspaceRule } from '../rule';

export const danglingHpa: WorkspaceRule = {
  id: 'dangling-hpa',
  severity: 'warning',
  category: 'references',
  title: 'A HorizontalPodAutoscaler\'s scaleTargetRef names a workload that is not defined.',
  docs: {
    why: 'An autoscaler whose target does not exist does nothing (its status says FailedGetScale) — usually a renamed Deployment. References to kinds the workspace does not define at all (e.g. an Argo Rollout, or Deployments managed elsewhere) are not reported, nor are targets declared under `external:` in `.kubeplan.yaml`.',
    fix: 'Point `spec.scaleTargetRef` at the workload\'s exact kind and name.',
    bad: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: web-v2   # the Deployment is called web',
    good: 'scaleTargetRef:\n  apiVersion: apps/v1\n  kind: Deployment\n  name: web',
  },
  check(ctx) {
    for (const hpa of ctx.subjects.ofKind('HorizontalPodAutoscaler')) {
      const ref = get(hpa.object, 'spec', 'scaleTargetRef');
      const kind = str(get(ref, 'kind'));
      const name = str(get(ref, 'name'));
      if (!kind || !name) continue;
      const ns = hpa.id.namespace;
      if (!ctx.index.hasKindIn(kind, ns) || ctx.exists(kind, ns, name)) continue;
      ctx.report(hpa, ['spec', 'scaleTargetRef', 'name'], `HorizontalPodAutoscaler "${hpa.id.name ?? ''}" scales ${kind} "${name}", which is not defined${ns ? ` in namespace "${ns}"` : ''}.`, { part: 'value' });
    }
  },
};
