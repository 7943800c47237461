import type { ExternalObject } from '../lint/options';

/**
 * Objects Kubernetes creates by itself, so a reference to them is never dangling:
 * the `default` ServiceAccount (created in each namespace by the service account controller,
 * pkg/controller/serviceaccount), `kube-root-ca.crt` (published in each namespace by
 * pkg/controller/certificates/rootcacertpublisher), the `kubernetes` Service, the bootstrap
 * namespaces, ClusterRoles and PriorityClasses (plugin/pkg/auth/authorizer/rbac/bootstrappolicy).
 */
export const BUILTIN_OBJECTS: readonly ExternalObject[] = [
  { kind: 'ServiceAccount', name: 'default' },
  { kind: 'ConfigMap', name: 'kube-root-ca.crt' },
  { kind: 'Service', name: 'kubernetes', namespace: 'default' },
  { kind: 'Namespace', name: 'default' },
  { kind: 'Namespace', name: 'kube-system' },
  { kind: 'Namespace', name: 'kube-public' },
  { kind: 'Namespace', name: 'kube-node-lease' },
  { kind: 'ClusterRole', name: 'cluster-admin' },
  { kind: 'ClusterRole', name: 'admin' },
  { kind: 'ClusterRole', name: 'edit' },
  { kind: 'ClusterRole', name: 'view' },
  { kind: 'PriorityClass', name: 'system-cluster-critical' },
  { kind: 'PriorityClass', name: 'system-node-critical' },
];

/** Every `system:` ClusterRole and ClusterRoleBinding is part of the bootstrap policy. */
export function isBuiltinByName(kind: string, name: string): boolean {
  return (kind === 'ClusterRole' || kind === 'ClusterRoleBinding') && name.startsWith('system:');
}
