import { formatSelector, isEmptySelector, labelsOf, selectorFromLabels } from '../../kube/labels';
import { get } from '../../kube/read';
import { sameNamespace } from '../../lint/workspaceIndex';
import type { WorkspaceRule } from '../rule';

export const danglingService: WorkspaceRule = {
  id: 'dangling-service',
  severity: 'warning',
  category: 'references',
  title: 'A Service\'s selector matches no pod template in the workspace.',
  docs: {
    why: 'A Service routes to the ready pods its selector matches. When no workload carries those labels the Service has no endpoints, and clients get connection refused or timeouts — usually a typo in a label or a renamed app. The rule only looks at namespaces where the workspace defines at least one workload, so Services in front of pods deployed elsewhere are left alone; Services without a selector (manual Endpoints) and ExternalName Services are not checked.',
    fix: 'Make the Service\'s `spec.selector` match the labels of the pod template (`spec.template.metadata.labels`), or add the missing workload.',
    bad: 'kind: Service\nspec:\n  selector:\n    app: web-frontend   # pods are labelled app: web',
    good: 'kind: Service\nspec:\n  selector:\n    app: web',
  },
  check(ctx) {
    const owners = ctx.index.podOwners();
    for (const svc of ctx.subjects.ofKind('Service')) {
      const spec = get(svc.object, 'spec');
      if (get(spec, 'type') === 'ExternalName') continue;
      const selector = selectorFromLabels(labelsOf(get(spec, 'selector')));
      if (isEmptySelector(selector)) continue;
      const ns = svc.id.namespace;
      if (ctx.index.podOwnersMatching(ns, selector).length > 0) continue;
      const inNamespace = owners.filter((o) => sameNamespace(o.object.id.namespace, ns));
      if (inNamespace.length === 0) continue;
      // the closest workload (most selector labels shared) makes the typo obvious
      let best: { name: string; shared: number; labels: string } | undefined;
      for (const o of inNamespace) {
        const shared = Object.entries(selector.matchLabels).filter(([k, v]) => o.template.labels[k] === v).length;
        const sameKeys = Object.keys(selector.matchLabels).filter((k) => k in o.template.labels).length;
        const score = shared * 2 + sameKeys;
        if (score > 0 && (!best || score > best.shared)) best = { name: `${o.object.id.kind} "${o.object.id.name ?? ''}"`, shared: score, labels: formatSelector(selectorFromLabels(o.template.labels)) };
      }
      const hint = best ? ` (closest: ${best.name} with ${best.labels})` : '';
      ctx.report(svc, ['spec', 'selector'], `Service "${svc.id.name ?? ''}" selects ${formatSelector(selector)}, but no pod template in the workspace has these labels${hint}.`);
    }
  },
};
