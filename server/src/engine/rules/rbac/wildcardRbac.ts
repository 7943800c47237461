import { list, records } from '../../kube/read';
import type { ObjectRule } from '../rule';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export const wildcardRbac: ObjectRule = {
  id: 'wildcard-rbac',
  severity: 'warning',
  category: 'rbac',
  title: 'A Role or ClusterRole grants `*` (all verbs, resources or API groups).',
  docs: {
    why: 'A wildcard grants everything that exists today and everything added later — new resources, CRDs, subresources like `pods/exec` and verbs like `escalate` and `impersonate`. Roles with wildcards are how least privilege quietly becomes cluster admin.',
    fix: 'List the API groups, resources and verbs the subject needs, e.g. `apiGroups: [apps]`, `resources: [deployments]`, `verbs: [get, list, watch]`.',
    bad: 'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]',
    good: 'rules:\n  - apiGroups: [apps]\n    resources: [deployments]\n    verbs: [get, list, watch]',
  },
  check(ctx) {
    if (ctx.id.kind !== 'Role' && ctx.id.kind !== 'ClusterRole') return;
    // an aggregated ClusterRole's rules are written by the controller, not by you
    if (ctx.id.kind === 'ClusterRole' && ctx.object.aggregationRule) return;
    for (const [i, rule] of records(ctx.object.rules)) {
      const wild = FIELDS.filter((f) => list(rule[f]).includes('*'));
      if (wild.length === 0) continue;
      const first = wild[0]!;
      const at = list(rule[first]).indexOf('*');
      ctx.report(['rules', i, first, at], `${ctx.id.kind} "${ctx.id.name ?? ''}" grants * in ${wild.join(', ')}${wild.length === 3 ? ': everything, like cluster-admin' : ''}.`);
    }
  },
};
