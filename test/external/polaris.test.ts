// Polaris's own labelled check fixtures (FairwindsOps/polaris test/checks, Apache-2.0), read
// from <project>/../shared/fixtures/polaris and never copied into the project. For each Polaris
// check we map to a rule: every failure* file must produce our rule on some object, every
// success* file must not — except the files listed in DEVIATIONS, where our rule deliberately
// differs (and the test asserts that it still does, so the list stays true).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintFiles } from '../../server/src/engine';
import { ROOT } from '../helpers/lspClient';

/** <project>/../shared; a git worktree one folder deeper (wt/<branch>) looks one level further up. */
const CANDIDATES = [resolve(ROOT, '..', 'shared', 'fixtures', 'polaris'), resolve(ROOT, '..', '..', 'shared', 'fixtures', 'polaris')];
const POLARIS = CANDIDATES.find((p) => existsSync(p));

const MAPPED: Record<string, string> = {
  cpuRequestsMissing: 'missing-cpu-request',
  cpuLimitsMissing: 'missing-cpu-limit',
  memoryRequestsMissing: 'missing-memory-request',
  memoryLimitsMissing: 'missing-memory-limit',
  livenessProbeMissing: 'missing-liveness-probe',
  readinessProbeMissing: 'missing-readiness-probe',
  tagNotSpecified: 'latest-tag',
  runAsPrivileged: 'privileged-container',
  privilegeEscalationAllowed: 'privilege-escalation',
  runAsRootAllowed: 'run-as-root',
  notReadOnlyRootFilesystem: 'writable-root-fs',
  dangerousCapabilities: 'dangerous-capabilities',
  insecureCapabilities: 'dangerous-capabilities',
  hostNetworkSet: 'host-network',
  hostPIDSet: 'host-pid',
  hostIPCSet: 'host-ipc',
  hostPathSet: 'host-path-mount',
  hostPortSet: 'host-port',
  procMount: 'proc-mount',
  sensitiveContainerEnvVar: 'secret-in-env',
  automountServiceAccountToken: 'automount-service-account-token',
  deploymentMissingReplicas: 'single-replica',
  missingPodDisruptionBudget: 'no-pod-disruption-budget',
  topologySpreadConstraint: 'no-anti-affinity',
  pdbDisruptionsIsZero: 'pdb-blocks-eviction',
  hpaMinAvailability: 'hpa-min-replicas',
  hpaMaxAvailability: 'hpa-cannot-scale',
  missingNetworkPolicy: 'missing-network-policy',
  clusterrolebindingClusterAdmin: 'cluster-admin-binding',
  rolebindingClusterAdminClusterRole: 'cluster-admin-binding',
  rolebindingClusterAdminRole: 'cluster-admin-binding',
};

const SINGLE_REPLICA = 'replicas is unset (1): one pod cannot be spread, and a budget cannot keep a single pod up during a drain, so we only report workloads with 2+ replicas';
const GCE_EXEMPTION = 'Polaris exempts this binding by name (GKE creates it); we report any binding to an all-powerful role that is not Kubernetes\' own (system:), whoever created it';
const DENY_ALL = 'policyTypes lists the direction with no rules, which denies all traffic that way: the pod is isolated, so missing-network-policy is satisfied';

/** Files where our rule deliberately disagrees with Polaris, and why. */
const DEVIATIONS: Record<string, string> = {
  'dangerousCapabilities/success.yaml': 'our dangerous-capabilities also covers Polaris\'s insecureCapabilities: this container adds nothing dangerous but keeps all runtime default capabilities (it does not drop ALL)',
  'missingPodDisruptionBudget/failure.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure-bad-ns.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure.bad-name.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure.empty-labels.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure.no-labels.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure.no-metadata.yaml': SINGLE_REPLICA,
  'missingPodDisruptionBudget/failure.wrong-place.yaml': SINGLE_REPLICA,
  'topologySpreadConstraint/failure.empty.yaml': SINGLE_REPLICA,
  'topologySpreadConstraint/failure.nospreadconstraint.yaml': SINGLE_REPLICA,
  'clusterrolebindingClusterAdmin/success.gce_calico_binding.yaml': GCE_EXEMPTION,
  'rolebindingClusterAdminClusterRole/success.gce_calico_binding.yaml': GCE_EXEMPTION,
  'rolebindingClusterAdminRole/success.gce_calico_binding.yaml': GCE_EXEMPTION,
  'hpaMinAvailability/success.minReplicaAbsent.yaml': 'minReplicas defaults to 1 in the API, so leaving it out is the same as minReplicas: 1',
  'missingNetworkPolicy/failure.netpol_missing_egress_rules.yaml': DENY_ALL,
  'missingNetworkPolicy/failure.netpol_missing_ingress_rules.yaml': DENY_ALL,
};

/** Polaris checks we do not map to a rule, and why. */
const NOT_MAPPED: Record<string, string> = {
  pullPolicyNotAlways: 'deliberately not a rule: Always adds a registry round-trip to every container start; pin tags or digests instead (latest-tag, mutable-image-tag)',
  priorityClassNotSet: 'not adopted: most clusters run without PriorityClasses, so it would report every workload',
  linuxHardening: 'composite of seccomp, AppArmor, SELinux and capabilities; the capabilities part is dangerous-capabilities, the rest is not in the catalogue yet',
  hostProcess: 'Windows HostProcess containers: not in the catalogue yet',
  nakedPod: 'not in the catalogue: bare Pods are reported by nothing yet',
  oneController: 'an example of a Polaris custom check (check.yaml), not a built-in check',
  resourceRange: 'an example of a Polaris custom check with site-specific ranges (check.yaml)',
  metadataAndInstanceMismatched: 'a label-naming convention (app.kubernetes.io/instance), not adopted',
  pdbMinAvailableGreaterThanHPAMinReplicas: 'cross-object PDB/HPA check: not in the catalogue yet',
  sensitiveConfigmapContent: 'credentials in ConfigMap data: not in the catalogue yet (secret-in-env covers env values)',
  tlsSettingsMissing: 'Ingress without TLS: not in the catalogue yet',
  clusterrolePodExecAttach: 'RBAC granting pods/exec or pods/attach: not in the catalogue yet (wildcard-rbac covers the wildcard cases)',
  clusterrolebindingPodExecAttach: 'RBAC granting pods/exec or pods/attach: not in the catalogue yet',
  rolePodExecAttach: 'RBAC granting pods/exec or pods/attach: not in the catalogue yet',
  rolebindingClusterRolePodExecAttach: 'RBAC granting pods/exec or pods/attach: not in the catalogue yet',
  rolebindingRolePodExecAttach: 'RBAC granting pods/exec or pods/attach: not in the catalogue yet',
};

if (!POLARIS) {
  test('Polaris external suite', { skip: `Polaris fixtures not found (looked in ${CANDIDATES.join(', ')}); they are kept outside the project` }, () => {});
} else {
  const checks = readdirSync(POLARIS).filter((d) => statSync(join(POLARIS, d)).isDirectory()).sort();

  test('every Polaris check is mapped to a rule or listed as not mapped, with a reason', () => {
    const unaccounted = checks.filter((c) => !(c in MAPPED) && !(c in NOT_MAPPED));
    assert.deepEqual(unaccounted, []);
    const stale = [...Object.keys(MAPPED), ...Object.keys(NOT_MAPPED)].filter((c) => !checks.includes(c));
    assert.deepEqual(stale, [], 'mapped checks whose fixtures are gone');
  });

  let agree = 0;
  let deviate = 0;
  for (const check of checks.filter((c) => c in MAPPED)) {
    const rule = MAPPED[check]!;
    for (const file of readdirSync(join(POLARIS, check)).sort()) {
      const expected = file.startsWith('failure') ? 'reports' : file.startsWith('success') ? 'does not report' : undefined;
      if (!expected) continue; // mutated.* files are Polaris's auto-fix output, check.yaml a custom check definition
      const key = `${check}/${file}`;
      const deviation = DEVIATIONS[key];
      test(`polaris ${key}: ${deviation ? `deliberately differs (${deviation})` : `${expected} ${rule}`}`, () => {
        const found = lintFiles([[key, readFileSync(join(POLARIS, key), 'utf8')]]).filter((f) => f.rule === rule);
        const reports = found.length > 0;
        const polarisFails = expected === 'reports';
        if (deviation) {
          assert.equal(reports, !polarisFails, `${key} is listed as a deviation but we now agree with Polaris: remove it from DEVIATIONS`);
          deviate++;
        } else {
          assert.equal(reports, polarisFails, `${key}: ${found.map((f) => f.message).join(' | ') || 'no finding'}`);
          agree++;
        }
      });
    }
  }

  test('Polaris agreement summary', () => {
    console.log(`# Polaris fixtures: ${agree} agree, ${deviate} deliberate deviations`);
    assert.equal(Object.keys(DEVIATIONS).length, deviate, 'every listed deviation was checked');
  });
}
