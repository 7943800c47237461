/**
 * Other linters' check names → our rule ids, so their suppression annotations keep
 * working when a team moves to Kubeplan. Only checks with an equivalent rule are listed;
 * an annotation for any other check is theirs alone and left alone.
 *
 * Sources: kube-linter `docs/generated/checks.md` (stackrox/kube-linter), kube-score
 * `README_CHECKS.md` (zegl/kube-score), Polaris check ids as mapped in
 * shared/fixtures/README.md (FairwindsOps/polaris `checks/`).
 */

/** kube-linter check → our rules; annotation `ignore-check.kube-linter.io/<check>: "<reason>"`. */
export const KUBE_LINTER_CHECKS: Readonly<Record<string, readonly string[]>> = {
  'unset-cpu-requirements': ['missing-cpu-request', 'missing-cpu-limit'],
  'unset-memory-requirements': ['missing-memory-request', 'missing-memory-limit'],
  'no-liveness-probe': ['missing-liveness-probe'],
  'no-readiness-probe': ['missing-readiness-probe'],
  'latest-tag': ['latest-tag'],
  'privileged-container': ['privileged-container'],
  'privilege-escalation-container': ['privilege-escalation'],
  'run-as-non-root': ['run-as-root'],
  'no-read-only-root-fs': ['writable-root-fs'],
  'host-network': ['host-network'],
  'host-pid': ['host-pid'],
  'host-ipc': ['host-ipc'],
  'sensitive-host-mounts': ['host-path-mount'],
  'writable-host-mount': ['host-path-mount'],
  'docker-sock': ['docker-socket-mount'],
  'use-namespace': ['default-namespace'],
  'cluster-admin-role-binding': ['cluster-admin-binding'],
  'wildcard-in-rules': ['wildcard-rbac'],
  'no-anti-affinity': ['no-anti-affinity'],
  'minimum-three-replicas': ['single-replica'],
  'hpa-minimum-three-replicas': ['hpa-min-replicas'],
  'mismatching-selector': ['selector-mismatch'],
  'duplicate-env-var': ['duplicate-env'],
  'env-var-secret': ['secret-in-env'],
  'unsafe-proc-mount': ['proc-mount'],
  'non-isolated-pod': ['missing-network-policy'],
  'pdb-max-unavailable': ['pdb-blocks-eviction'],
  'pdb-min-available': ['pdb-blocks-eviction'],
  'liveness-port': ['probe-port-mismatch'],
  'readiness-port': ['probe-port-mismatch'],
  'startup-port': ['probe-port-mismatch'],
  'dangling-service': ['dangling-service'],
  'dangling-horizontalpodautoscaler': ['dangling-hpa'],
  'dangling-ingress': ['dangling-ingress-backend'],
  'dangling-networkpolicy': ['dangling-network-policy'],
  'non-existent-service-account': ['missing-service-account'],
  'no-extensions-v1beta': ['deprecated-api'],
};

/** kube-score check → our rules; annotation `kube-score/ignore: check-a,check-b` (`*`: every check). */
export const KUBE_SCORE_CHECKS: Readonly<Record<string, readonly string[]>> = {
  'container-resources': ['missing-cpu-request', 'missing-memory-request', 'missing-cpu-limit', 'missing-memory-limit'],
  'pod-probes': ['missing-liveness-probe', 'missing-readiness-probe'],
  'container-image-tag': ['latest-tag'],
  'pod-probes-identical': ['liveness-equals-readiness'],
  'pod-networkpolicy': ['missing-network-policy'],
  'networkpolicy-targets-pod': ['dangling-network-policy'],
  'service-targets-pod': ['dangling-service'],
  'horizontalpodautoscaler-has-target': ['dangling-hpa'],
  'ingress-targets-service': ['dangling-ingress-backend'],
  'stable-version': ['deprecated-api'],
  'container-security-context-privileged': ['privileged-container'],
  'container-security-context-readonlyrootfilesystem': ['writable-root-fs'],
  'container-security-context-user-group-id': ['run-as-root'],
  'deployment-has-poddisruptionbudget': ['no-pod-disruption-budget'],
  'statefulset-has-poddisruptionbudget': ['no-pod-disruption-budget'],
  'deployment-has-host-podantiaffinity': ['no-anti-affinity'],
  'statefulset-has-host-podantiaffinity': ['no-anti-affinity'],
  'deployment-replicas': ['single-replica'],
};

/** Polaris check → our rules; annotation `polaris.fairwinds.com/<check>-exempt: "true"`. */
export const POLARIS_CHECKS: Readonly<Record<string, readonly string[]>> = {
  cpuRequestsMissing: ['missing-cpu-request'],
  cpuLimitsMissing: ['missing-cpu-limit'],
  memoryRequestsMissing: ['missing-memory-request'],
  memoryLimitsMissing: ['missing-memory-limit'],
  livenessProbeMissing: ['missing-liveness-probe'],
  readinessProbeMissing: ['missing-readiness-probe'],
  tagNotSpecified: ['latest-tag'],
  runAsPrivileged: ['privileged-container'],
  privilegeEscalationAllowed: ['privilege-escalation'],
  runAsRootAllowed: ['run-as-root'],
  notReadOnlyRootFilesystem: ['writable-root-fs'],
  dangerousCapabilities: ['dangerous-capabilities'],
  insecureCapabilities: ['dangerous-capabilities'],
  hostNetworkSet: ['host-network'],
  hostPIDSet: ['host-pid'],
  hostIPCSet: ['host-ipc'],
  hostPathSet: ['host-path-mount'],
  hostPortSet: ['host-port'],
  procMount: ['proc-mount'],
  sensitiveContainerEnvVar: ['secret-in-env'],
  missingNetworkPolicy: ['missing-network-policy'],
  pdbDisruptionsIsZero: ['pdb-blocks-eviction'],
  hpaMinAvailability: ['hpa-min-replicas'],
  hpaMaxAvailability: ['hpa-cannot-scale'],
  automountServiceAccountToken: ['automount-service-account-token'],
  deploymentMissingReplicas: ['single-replica'],
  missingPodDisruptionBudget: ['no-pod-disruption-budget'],
  topologySpreadConstraint: ['no-anti-affinity'],
  clusterrolebindingClusterAdmin: ['cluster-admin-binding'],
  rolebindingClusterAdminClusterRole: ['cluster-admin-binding'],
  rolebindingClusterAdminRole: ['cluster-admin-binding'],
};
