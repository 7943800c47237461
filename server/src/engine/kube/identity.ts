/** What makes a YAML document a Kubernetes object: string `apiVersion` and `kind`. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  /** `metadata.name`, or `metadata.generateName` when only that is set. */
  name: string | undefined;
  namespace: string | undefined;
}

export function identify(value: unknown): ObjectIdentity | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
  const meta = isRecord(o.metadata) ? o.metadata : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { apiVersion: o.apiVersion, kind: o.kind, name: str(meta.name) ?? str(meta.generateName), namespace: str(meta.namespace) };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Built-in cluster-scoped kinds; every other built-in kind is namespaced. */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus', 'CSIDriver', 'CSINode',
  'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'IPAddress', 'ServiceCIDR', 'DeviceClass',
]);

/** Built-in namespaced kinds we know by name. Kinds from CRDs are unknown here (their scope is in their CRD). */
const NAMESPACED = new Set([
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service',
  'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'Role', 'RoleBinding', 'Ingress', 'NetworkPolicy',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'LimitRange', 'ResourceQuota', 'Endpoints', 'EndpointSlice', 'Event',
  'Lease', 'PodTemplate', 'ControllerRevision', 'CSIStorageCapacity', 'ResourceClaim', 'ResourceClaimTemplate',
]);

export type Scope = 'Namespaced' | 'Cluster' | 'Unknown';

export function scopeOfKind(kind: string): Scope {
  if (NAMESPACED.has(kind)) return 'Namespaced';
  if (CLUSTER_SCOPED.has(kind)) return 'Cluster';
  return 'Unknown';
}
