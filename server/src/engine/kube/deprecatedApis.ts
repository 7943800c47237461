/**
 * API versions that Kubernetes deprecated and stopped serving, per kind, with the version to
 * migrate to. Source: the upstream "Deprecated API Migration Guide"
 * (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md) and the
 * `APILifecycleDeprecated`/`APILifecycleRemoved` values generated from each API package
 * (staging/src/k8s.io/api/<group>/<version>/zz_generated.prerelease-lifecycle.go).
 */
export interface ApiLifecycle {
  readonly groupVersion: string;
  readonly kinds: readonly string[];
  /** Minor version (1.x) in which the API was deprecated. */
  readonly deprecatedIn: number;
  /** Minor version (1.x) that no longer serves it. */
  readonly removedIn: number;
  /** The groupVersion to use instead; undefined when the API has no successor. */
  readonly replacement: string | undefined;
  /**
   * Whether changing `apiVersion` alone yields a valid object: `true`, `false` (fields were
   * renamed or became required), or `selector` (apps/v1 requires `spec.selector`).
   */
  readonly dropIn: boolean | 'selector';
  readonly note?: string;
}

const APPS_KINDS_V1BETA1 = ['Deployment', 'StatefulSet', 'ControllerRevision'];
const APPS_KINDS_V1BETA2 = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'];
const RBAC_KINDS = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];
const FLOWCONTROL_KINDS = ['FlowSchema', 'PriorityLevelConfiguration'];

export const API_LIFECYCLES: readonly ApiLifecycle[] = [
  // removed in 1.16
  { groupVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: 'selector', note: 'apps/v1 requires spec.selector' },
  { groupVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: 9, removedIn: 16, replacement: 'networking.k8s.io/v1', dropIn: true },
  { groupVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: 11, removedIn: 16, replacement: undefined, dropIn: false, note: 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission' },
  { groupVersion: 'apps/v1beta1', kinds: APPS_KINDS_V1BETA1, deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: 'selector', note: 'apps/v1 requires spec.selector' },
  { groupVersion: 'apps/v1beta2', kinds: APPS_KINDS_V1BETA2, deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', dropIn: 'selector', note: 'apps/v1 requires spec.selector' },
  // removed in 1.22
  { groupVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: 16, removedIn: 22, replacement: 'admissionregistration.k8s.io/v1', dropIn: false, note: 'v1 requires sideEffects and admissionReviewVersions' },
  { groupVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: 16, removedIn: 22, replacement: 'apiextensions.k8s.io/v1', dropIn: false, note: 'v1 moves the schema to spec.versions[*].schema' },
  { groupVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: 19, removedIn: 22, replacement: 'apiregistration.k8s.io/v1', dropIn: true },
  { groupVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: 19, removedIn: 22, replacement: 'authentication.k8s.io/v1', dropIn: true },
  { groupVersion: 'authorization.k8s.io/v1beta1', kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], deprecatedIn: 19, removedIn: 22, replacement: 'authorization.k8s.io/v1', dropIn: false, note: 'spec.group became spec.groups' },
  { groupVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: 19, removedIn: 22, replacement: 'certificates.k8s.io/v1', dropIn: false, note: 'v1 requires spec.signerName and spec.usages' },
  { groupVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: 19, removedIn: 22, replacement: 'coordination.k8s.io/v1', dropIn: true },
  { groupVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: 14, removedIn: 22, replacement: 'networking.k8s.io/v1', dropIn: false, note: 'backends become service.name/service.port and pathType is required' },
  { groupVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1', dropIn: false, note: 'backends become service.name/service.port and pathType is required' },
  { groupVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1', dropIn: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: RBAC_KINDS, deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', dropIn: true },
  { groupVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: RBAC_KINDS, deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', dropIn: true },
  { groupVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: 14, removedIn: 22, replacement: 'scheduling.k8s.io/v1', dropIn: true },
  { groupVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], deprecatedIn: 14, removedIn: 22, replacement: 'scheduling.k8s.io/v1', dropIn: true },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1', dropIn: true },
  // removed in 1.25
  { groupVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: 21, removedIn: 25, replacement: 'batch/v1', dropIn: true },
  { groupVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: 21, removedIn: 25, replacement: 'discovery.k8s.io/v1', dropIn: false, note: 'topology became nodeName and zone' },
  { groupVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: 19, removedIn: 25, replacement: 'events.k8s.io/v1', dropIn: false, note: 'several fields were renamed' },
  { groupVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 22, removedIn: 25, replacement: 'autoscaling/v2', dropIn: false, note: 'metric targets move to target.type/averageUtilization' },
  { groupVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: 21, removedIn: 25, replacement: 'policy/v1', dropIn: true, note: 'in policy/v1 an empty selector selects every pod of the namespace' },
  { groupVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: 21, removedIn: 25, replacement: undefined, dropIn: false, note: 'PodSecurityPolicy has no successor API; use Pod Security Admission (namespace labels)' },
  { groupVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: 22, removedIn: 25, replacement: 'node.k8s.io/v1', dropIn: true },
  // removed in 1.26
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: FLOWCONTROL_KINDS, deprecatedIn: 23, removedIn: 26, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: false, note: 'assuredConcurrencyShares became nominalConcurrencyShares' },
  { groupVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 23, removedIn: 26, replacement: 'autoscaling/v2', dropIn: true },
  // removed in 1.27
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: 24, removedIn: 27, replacement: 'storage.k8s.io/v1', dropIn: true },
  // removed in 1.29
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema'], deprecatedIn: 26, removedIn: 29, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['PriorityLevelConfiguration'], deprecatedIn: 26, removedIn: 29, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: false, note: 'assuredConcurrencyShares became nominalConcurrencyShares' },
  // removed in 1.32
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: FLOWCONTROL_KINDS, deprecatedIn: 29, removedIn: 32, replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
];

const byKey = new Map<string, ApiLifecycle>();
for (const l of API_LIFECYCLES) for (const k of l.kinds) byKey.set(`${l.groupVersion}\0${k}`, l);

export function apiLifecycle(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return byKey.get(`${apiVersion.trim()}\0${kind}`);
}
