import { scopeOfKind } from '../kube/identity';
import type { ObjectRule } from './rule';

export const defaultNamespace: ObjectRule = {
  id: 'default-namespace',
  severity: 'warning',
  category: 'namespaces',
  title: 'A namespaced object goes to the `default` namespace.',
  docs: {
    why: 'Objects without a namespace land in whatever namespace kubectl points at, usually `default`, where they share names, quotas and RBAC with everything else. Explicit namespaces make manifests reproducible and let you apply quotas and policies per team.',
    fix: 'Set `metadata.namespace` to the namespace the object belongs to.',
    bad: 'metadata:\n  name: web',
    good: 'metadata:\n  name: web\n  namespace: shop',
  },
  check(ctx) {
    if (scopeOfKind(ctx.id.kind) !== 'Namespaced') return;
    const ns = ctx.id.namespace;
    if (ns === undefined) {
      const anchor = ctx.doc.has(['metadata', 'name']) ? ['metadata', 'name'] : ['metadata'];
      ctx.report(anchor, `${ctx.id.kind} "${ctx.id.name ?? ''}" has no namespace and will be created in the current (usually default) namespace.`);
    } else if (ns === 'default') {
      ctx.report(['metadata', 'namespace'], `${ctx.id.kind} "${ctx.id.name ?? ''}" is in the default namespace.`, { part: 'entry' });
    }
  },
};
