import { labelsOf, isEmptySelector, selectorFromLabels } from '../../kube/labels';
import { fieldsOf } from '../../kube/podTemplate';
import { get, int, records, str } from '../../kube/read';
import type { PodOwner } from '../../lint/workspaceIndex';
import type { WorkspaceRule } from '../rule';

function declaredPorts(owner: PodOwner): { names: Set<string>; numbers: Set<number>; any: boolean } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const ref of owner.template.containers) {
    if (ref.role === 'init') continue;
    for (const [, p] of records(fieldsOf(ref).ports)) {
      const name = str(p.name);
      const n = int(p.containerPort);
      if (name) names.add(name);
      if (n !== undefined) numbers.add(n);
    }
  }
  return { names, numbers, any: names.size + numbers.size > 0 };
}

export const serviceTargetPortMismatch: WorkspaceRule = {
  id: 'service-target-port-mismatch',
  severity: 'warning',
  category: 'references',
  title: 'A Service\'s targetPort is not a port the selected pods declare.',
  docs: {
    why: 'A named targetPort is looked up in each selected pod\'s container ports; a pod without a port of that name gets no endpoint, so the Service has no backends there. A numeric targetPort that none of the containers declares usually means the Service points at the wrong port (the app listens elsewhere). targetPort defaults to `port`. Pods that declare no ports at all are not judged (declaring ports is optional).',
    fix: 'Set `targetPort` to the `name` or `containerPort` of the container port the app listens on.',
    bad: 'kind: Service\nspec:\n  ports:\n    - port: 80\n      targetPort: http   # the container\'s port is named web',
    good: 'kind: Service\nspec:\n  ports:\n    - port: 80\n      targetPort: web',
  },
  check(ctx) {
    for (const svc of ctx.subjects.ofKind('Service')) {
      const spec = get(svc.object, 'spec');
      const selector = selectorFromLabels(labelsOf(get(spec, 'selector')));
      if (isEmptySelector(selector) || get(spec, 'type') === 'ExternalName') continue;
      const owners = ctx.index.podOwnersMatching(svc.id.namespace, selector);
      if (owners.length === 0) continue; // dangling-service reports that
      const declared = owners.map((o) => ({ o, ports: declaredPorts(o) }));
      for (const [i, p] of records(get(spec, 'ports'))) {
        const hasTarget = p.targetPort !== undefined && p.targetPort !== null;
        const target = hasTarget ? p.targetPort : p.port;
        const path = hasTarget ? ['spec', 'ports', i, 'targetPort'] : ['spec', 'ports', i, 'port'];
        const named = typeof target === 'string' && !/^\d+$/.test(target) ? target : undefined;
        const number = named === undefined ? int(target) : undefined;
        if (named === undefined && number === undefined) continue;
        const lacking = declared.filter(({ ports }) => (named !== undefined ? !ports.names.has(named) : ports.any && !ports.numbers.has(number!)));
        if (lacking.length === 0) continue;
        const who = lacking.map(({ o }) => `${o.object.id.kind} "${o.object.id.name ?? ''}"`).join(', ');
        if (named !== undefined) {
          ctx.report(svc, path, `Service "${svc.id.name ?? ''}" targets port "${named}", which ${who} does not declare: those pods get no endpoints.`, { part: 'value', severity: 'error' });
        } else {
          ctx.report(svc, path, `Service "${svc.id.name ?? ''}" targets port ${number}, which ${who} does not declare.`, { part: 'value' });
        }
      }
    }
  },
};
