import { fieldsOf, podTemplateOf } from '../../kube/podTemplate';
import { get, int, records, str } from '../../kube/read';
import type { Path } from '../../yaml/locate';
import type { WorkspaceRule } from '../rule';

interface UtilizationMetric {
  resource: 'cpu' | 'memory';
  /** Only this container (ContainerResource metrics), else every container. */
  container?: string;
  path: Path;
}

/** Metrics that are a percentage of the pods' requests, in every HPA API version. */
function utilizationMetrics(spec: unknown): UtilizationMetric[] {
  const out: UtilizationMetric[] = [];
  if (int(get(spec, 'targetCPUUtilizationPercentage')) !== undefined) out.push({ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] });
  for (const [i, m] of records(get(spec, 'metrics'))) {
    const type = str(m.type);
    const field = type === 'Resource' ? 'resource' : type === 'ContainerResource' ? 'containerResource' : undefined;
    if (!field) continue;
    const r = get(m, field);
    const name = str(get(r, 'name'));
    if (name !== 'cpu' && name !== 'memory') continue;
    // autoscaling/v2: target.type Utilization; v2beta1: targetAverageUtilization
    const utilization = get(r, 'target', 'type') === 'Utilization' || int(get(r, 'targetAverageUtilization')) !== undefined;
    if (!utilization) continue;
    const container = field === 'containerResource' ? str(get(r, 'container')) : undefined;
    out.push({ resource: name, ...(container ? { container } : {}), path: ['spec', 'metrics', i, field, 'name'] });
  }
  return out;
}

function hasRequest(resources: unknown, resource: string): boolean {
  const req = get(resources, 'requests', resource);
  const lim = get(resources, 'limits', resource);
  return (req !== undefined && req !== null && req !== '') || (lim !== undefined && lim !== null && lim !== '');
}

export const hpaWithoutRequests: WorkspaceRule = {
  id: 'hpa-without-requests',
  severity: 'warning',
  category: 'references',
  title: 'An HPA scales on CPU or memory utilization, but containers of its target have no such request.',
  docs: {
    why: 'Utilization is usage divided by the request. If any container of the target pods lacks the request (a limit counts, since it becomes the request), the HPA cannot compute the metric and does not scale (FailedGetResourceMetric: missing request for cpu).',
    fix: 'Set `resources.requests.cpu` (or memory) on every container of the target, or scale on an `AverageValue` target instead of `Utilization`.',
    bad: 'metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: { type: Utilization, averageUtilization: 70 }\n# target containers have no resources.requests.cpu',
    good: 'containers:\n  - name: web\n    resources:\n      requests:\n        cpu: 250m',
  },
  check(ctx) {
    for (const hpa of ctx.subjects.ofKind('HorizontalPodAutoscaler')) {
      const metrics = utilizationMetrics(get(hpa.object, 'spec'));
      if (metrics.length === 0) continue;
      const kind = str(get(hpa.object, 'spec', 'scaleTargetRef', 'kind'));
      const name = str(get(hpa.object, 'spec', 'scaleTargetRef', 'name'));
      if (!kind || !name) continue;
      for (const target of ctx.index.named(kind, hpa.id.namespace, name)) {
        const t = podTemplateOf(target.id.kind, target.object);
        if (!t) continue;
        for (const m of metrics) {
          const lacking = t.containers.filter((c) => c.role !== 'init' && (m.container === undefined || c.name === m.container) && !hasRequest(fieldsOf(c).resources, m.resource));
          if (lacking.length === 0) continue;
          const names = lacking.map((c) => `"${c.name}"`).join(', ');
          ctx.report(hpa, m.path, `HorizontalPodAutoscaler "${hpa.id.name ?? ''}" scales on ${m.resource} utilization, but container${lacking.length > 1 ? 's' : ''} ${names} of ${kind} "${name}" ha${lacking.length > 1 ? 've' : 's'} no ${m.resource} request: it cannot compute utilization.`, { part: 'value' });
        }
      }
    }
  },
};
