import { list, records, str, get } from '../../kube/read';
import type { WorkspaceContext, WorkspaceObject, WorkspaceRule } from '../rule';

const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** A rule that grants every verb on every resource of every API group: what cluster-admin is. */
function grantsEverything(role: WorkspaceObject): boolean {
  return records(role.object.rules).some(([, r]) => {
    const groups = list(r.apiGroups);
    const resources = list(r.resources);
    const verbs = list(r.verbs);
    return groups.includes('*') && resources.includes('*') && (verbs.includes('*') || ALL_VERBS.every((v) => verbs.includes(v)));
  });
}

function subjectsText(binding: WorkspaceObject): string {
  const subjects = records(binding.object.subjects).map(([, s]) => `${str(s.kind) ?? 'subject'} "${str(s.name) ?? ''}"`);
  return subjects.length ? subjects.join(', ') : 'its subjects';
}

function isAdminRole(ctx: WorkspaceContext, kind: string, name: string, namespace: string | undefined): boolean {
  if (kind === 'ClusterRole' && name === 'cluster-admin') return true;
  const roles = kind === 'ClusterRole' ? ctx.index.named('ClusterRole', undefined, name) : ctx.index.named('Role', namespace, name);
  return roles.some(grantsEverything);
}

export const clusterAdminBinding: WorkspaceRule = {
  id: 'cluster-admin-binding',
  severity: 'warning',
  category: 'rbac',
  title: 'A RoleBinding or ClusterRoleBinding grants cluster-admin (or an equivalent all-powerful role).',
  docs: {
    why: 'cluster-admin can do anything: read every Secret, run privileged pods, change RBAC. Bound cluster-wide it owns the cluster; even through a RoleBinding it owns the namespace. A role in the workspace that grants every verb on `*` resources in `*` API groups counts the same. Bootstrap bindings named `system:…` are Kubernetes\' own and are not reported.',
    fix: 'Bind a role with only the permissions needed (the built-in `admin`, `edit` or `view`, or a custom Role).',
    bad: 'kind: ClusterRoleBinding\nroleRef:\n  kind: ClusterRole\n  name: cluster-admin',
    good: 'kind: RoleBinding\nroleRef:\n  kind: ClusterRole\n  name: edit',
  },
  check(ctx) {
    for (const kind of ['ClusterRoleBinding', 'RoleBinding']) {
      for (const b of ctx.subjects.ofKind(kind)) {
        if (b.id.name?.startsWith('system:')) continue;
        const roleKind = str(get(b.object, 'roleRef', 'kind'));
        const roleName = str(get(b.object, 'roleRef', 'name'));
        if (!roleKind || !roleName || !isAdminRole(ctx, roleKind, roleName, b.id.namespace)) continue;
        const scope = kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace "${b.id.namespace ?? 'default'}"`;
        const role = roleName === 'cluster-admin' ? 'cluster-admin' : `${roleKind} "${roleName}" (all verbs on all resources)`;
        ctx.report(b, ['roleRef', 'name'], `${kind} "${b.id.name ?? ''}" grants ${role} to ${subjectsText(b)}: full control of ${scope}.`, { part: 'value' });
      }
    }
  },
};
