import { formatSelector, isEmptySelector, parseLabelSelector } from '../../kube/labels';
import { get } from '../../kube/read';
import { sameNamespace } from '../../lint/workspaceIndex';
import type { WorkspaceRule } from '../rule';

export const danglingNetworkPolicy: WorkspaceRule = {
  id: 'dangling-network-policy',
  severity: 'warning',
  category: 'references',
  title: 'A NetworkPolicy\'s podSelector matches no pod template in the workspace.',
  docs: {
    why: 'A NetworkPolicy only protects the pods its `podSelector` matches. If no workload has those labels the policy protects nothing, and the pods you meant to isolate stay open — silently. The rule only looks at namespaces where the workspace defines at least one workload; an empty podSelector (all pods) is always fine.',
    fix: 'Make `spec.podSelector` match the labels of the pod template you want to isolate.',
    bad: 'kind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels:\n      app: databse   # typo',
    good: 'kind: NetworkPolicy\nspec:\n  podSelector:\n    matchLabels:\n      app: database',
  },
  check(ctx) {
    const owners = ctx.index.podOwners();
    for (const np of ctx.subjects.ofKind('NetworkPolicy')) {
      const selector = parseLabelSelector(get(np.object, 'spec', 'podSelector'));
      if (!selector || isEmptySelector(selector)) continue;
      const ns = np.id.namespace;
      if (!owners.some((o) => sameNamespace(o.object.id.namespace, ns))) continue;
      if (ctx.index.podOwnersMatching(ns, selector).length > 0) continue;
      ctx.report(np, ['spec', 'podSelector'], `NetworkPolicy "${np.id.name ?? ''}" selects ${formatSelector(selector)}, but no pod template in the workspace has these labels: it protects nothing.`);
    }
  },
};
