import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { get, records, str } from '../../kube/read';
import type { WorkspaceContext, WorkspaceRule } from '../rule';

/** Service accounts some RoleBinding or ClusterRoleBinding in the workspace grants permissions to. */
function boundServiceAccounts(ctx: WorkspaceContext): Set<string> {
  return ctx.index.derived('boundServiceAccounts', () => {
    const out = new Set<string>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const b of ctx.index.ofKind(kind)) {
        for (const [, s] of records(b.object.subjects)) {
          if (s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
          out.add(`${str(s.namespace) ?? b.id.namespace ?? ''}/${s.name}`);
          out.add(`*/${s.name}`);
        }
      }
    }
    return out;
  });
}

export const automountServiceAccountToken: WorkspaceRule = {
  id: 'automount-service-account-token',
  severity: 'warning',
  category: 'security',
  title: 'A pod gets a Kubernetes API token mounted that it probably does not need.',
  docs: {
    why: 'Every container gets the service account\'s API token at /var/run/secrets/kubernetes.io/serviceaccount unless automounting is turned off. Most apps never call the API, but an attacker who gets in can. The pod\'s `automountServiceAccountToken` wins over the ServiceAccount\'s; pods whose ServiceAccount is bound to a Role or ClusterRole in the workspace are assumed to need the token and are not reported.',
    fix: 'Set `automountServiceAccountToken: false` on the pod spec, or on its ServiceAccount.',
    bad: 'spec:\n  containers:\n    - name: web\n      image: nginx:1.27',
    good: 'spec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27',
  },
  check(ctx) {
    const bound = boundServiceAccounts(ctx);
    for (const owner of ctx.subjects.podOwners()) {
      const { spec, specPath } = owner.template;
      const o = owner.object;
      const podValue = spec.automountServiceAccountToken;
      if (podValue === false) continue;
      const saName = str(spec.serviceAccountName) ?? str(spec.serviceAccount) ?? 'default';
      const ns = o.id.namespace;
      if (podValue !== true) {
        const accounts = ctx.index.named('ServiceAccount', ns, saName);
        if (accounts.some((sa) => get(sa.object, 'automountServiceAccountToken') === false)) continue;
        if (saName !== 'default' && (bound.has(`${ns ?? ''}/${saName}`) || (ns === undefined && bound.has(`*/${saName}`)) || accounts.some((sa) => bound.has(`${sa.id.namespace ?? ''}/${saName}`)))) continue;
      }
      const explicit = podValue === true;
      const path = explicit ? [...specPath, 'automountServiceAccountToken'] : specPath;
      const fix = quickFix('Set automountServiceAccountToken: false', () => patchEdits(o.doc, specPath, { automountServiceAccountToken: false }), true);
      const message = explicit
        ? `${o.id.kind} "${o.id.name ?? ''}" sets automountServiceAccountToken: true: every container gets an API token for "${saName}".`
        : `${o.id.kind} "${o.id.name ?? ''}" gets an API token for service account "${saName}" mounted; set automountServiceAccountToken: false unless it calls the API.`;
      ctx.report(o, path, message, { ...(explicit ? { part: 'entry' as const } : {}), fixes: fixes(fix) });
    }
  },
};
