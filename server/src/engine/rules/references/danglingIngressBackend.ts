import { get, int, records, str } from '../../kube/read';
import type { Path } from '../../yaml/locate';
import type { WorkspaceObject, WorkspaceRule } from '../rule';

interface Backend {
  service: string;
  servicePath: Path;
  port: string | number | undefined;
  portPath: Path;
}

/** Service backends of an Ingress, in networking.k8s.io/v1 and the older v1beta1 shape. */
function backends(ingress: WorkspaceObject): Backend[] {
  const out: Backend[] = [];
  const read = (b: unknown, path: Path) => {
    const v1 = get(b, 'service');
    if (v1 && typeof v1 === 'object') {
      const name = str(get(v1, 'name'));
      const portName = str(get(v1, 'port', 'name'));
      const portNumber = int(get(v1, 'port', 'number'));
      if (name) out.push({ service: name, servicePath: [...path, 'service', 'name'], port: portName ?? portNumber, portPath: [...path, 'service', 'port', portName !== undefined ? 'name' : 'number'] });
      return;
    }
    const name = str(get(b, 'serviceName'));
    const port = get(b, 'servicePort');
    if (name) out.push({ service: name, servicePath: [...path, 'serviceName'], port: typeof port === 'string' && !/^\d+$/.test(port) ? port : int(port), portPath: [...path, 'servicePort'] });
  };
  const spec = get(ingress.object, 'spec');
  if (get(spec, 'defaultBackend')) read(get(spec, 'defaultBackend'), ['spec', 'defaultBackend']);
  if (get(spec, 'backend')) read(get(spec, 'backend'), ['spec', 'backend']);
  for (const [i, rule] of records(get(spec, 'rules'))) {
    for (const [j, p] of records(get(rule, 'http', 'paths'))) read(get(p, 'backend'), ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
  }
  return out;
}

function servicePorts(svc: WorkspaceObject): { names: Set<string>; numbers: Set<number> } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const [, p] of records(get(svc.object, 'spec', 'ports'))) {
    const n = str(p.name);
    const num = int(p.port);
    if (n) names.add(n);
    if (num !== undefined) numbers.add(num);
  }
  return { names, numbers };
}

export const danglingIngressBackend: WorkspaceRule = {
  id: 'dangling-ingress-backend',
  severity: 'warning',
  category: 'references',
  title: 'An Ingress routes to a Service (or Service port) that is not defined.',
  docs: {
    why: 'The ingress controller answers 503 for a backend Service that does not exist or lacks the named port. The rule reports only in namespaces where the workspace defines at least one Service, and never for Services declared under `external:` in `.kubeplan.yaml`.',
    fix: 'Point `backend.service.name` and `backend.service.port` at an existing Service and one of its `ports` (by `name` or `port` number).',
    bad: 'backend:\n  service:\n    name: web\n    port:\n      name: https   # Service web only has a port named http',
    good: 'backend:\n  service:\n    name: web\n    port:\n      name: http',
  },
  check(ctx) {
    for (const ing of ctx.subjects.ofKind('Ingress')) {
      const ns = ing.id.namespace;
      if (!ctx.index.hasKindIn('Service', ns)) continue;
      for (const b of backends(ing)) {
        const found = ctx.index.named('Service', ns, b.service);
        if (found.length === 0) {
          if (ctx.isExternal('Service', ns, b.service)) continue;
          ctx.report(ing, b.servicePath, `Ingress "${ing.id.name ?? ''}" routes to Service "${b.service}", which is not defined${ns ? ` in namespace "${ns}"` : ''}.`, { part: 'value' });
          continue;
        }
        if (b.port === undefined) continue;
        const ok = found.some((svc) => {
          const ports = servicePorts(svc);
          return typeof b.port === 'string' ? ports.names.has(b.port) : ports.numbers.has(b.port!);
        });
        if (!ok) ctx.report(ing, b.portPath, `Ingress "${ing.id.name ?? ''}" routes to port ${typeof b.port === 'string' ? `"${b.port}"` : b.port} of Service "${b.service}", which has no such port.`, { part: 'value' });
      }
    }
  },
};
