import { deprecatedApi } from './deprecation/deprecatedApi';
import { livenessEqualsReadiness } from './health/livenessEqualsReadiness';
import { missingLivenessProbe, missingReadinessProbe } from './health/missingProbes';
import { probePortMismatch } from './health/probePortMismatch';
import { latestTag } from './images/latestTag';
import { mutableImageTag } from './images/mutableImageTag';
import { defaultNamespace } from './namespaces/defaultNamespace';
import { clusterAdminBinding } from './rbac/clusterAdminBinding';
import { wildcardRbac } from './rbac/wildcardRbac';
import { danglingHpa } from './references/danglingHpa';
import { danglingIngressBackend } from './references/danglingIngressBackend';
import { danglingNetworkPolicy } from './references/danglingNetworkPolicy';
import { danglingService } from './references/danglingService';
import { hpaWithoutRequests } from './references/hpaWithoutRequests';
import { missingConfigMap } from './references/missingConfigMap';
import { missingPvc } from './references/missingPvc';
import { missingSecret } from './references/missingSecret';
import { missingServiceAccount } from './references/missingServiceAccount';
import { serviceTargetPortMismatch } from './references/serviceTargetPortMismatch';
import { duplicateEnv } from './reliability/duplicateEnv';
import { duplicateObject } from './reliability/duplicateObject';
import { hpaCannotScale } from './reliability/hpaCannotScale';
import { hpaMinReplicas } from './reliability/hpaMinReplicas';
import { noAntiAffinity } from './reliability/noAntiAffinity';
import { noPodDisruptionBudget } from './reliability/noPodDisruptionBudget';
import { pdbBlocksEviction } from './reliability/pdbBlocksEviction';
import { selectorMismatch } from './reliability/selectorMismatch';
import { singleReplica } from './reliability/singleReplica';
import { missingCpuLimit, missingCpuRequest, missingMemoryLimit, missingMemoryRequest } from './resources/missingResources';
import { requestExceedsLimit } from './resources/requestExceedsLimit';
import type { ObjectRule, RuleMeta, WorkspaceRule } from './rule';
import { automountServiceAccountToken } from './security/automountServiceAccountToken';
import { dangerousCapabilities } from './security/dangerousCapabilities';
import { dockerSocketMount } from './security/dockerSocketMount';
import { hostIpc, hostNetwork, hostPid } from './security/hostNamespaces';
import { hostPathMount } from './security/hostPathMount';
import { hostPort } from './security/hostPort';
import { missingNetworkPolicy } from './security/missingNetworkPolicy';
import { privilegeEscalation } from './security/privilegeEscalation';
import { privilegedContainer } from './security/privileged';
import { procMount } from './security/procMount';
import { runAsRoot } from './security/runAsRoot';
import { secretInEnv } from './security/secretInEnv';
import { writableRootFs } from './security/writableRootFs';
import { fileTooLarge, templatedFile, yamlSyntax } from './syntax';
import { SIMULATION_RULES } from './simulation';
import { invalidName, invalidQuantity, schema } from './schema';
import { customResourceSchema } from './customResources';
import { unusedSuppression } from './suppression';

/** Rules that look at one object. Order is the order findings on the same spot are listed. */
export const OBJECT_RULES: readonly ObjectRule[] = [
  // schema
  schema,
  invalidQuantity,
  invalidName,
  // resources
  missingCpuRequest,
  missingMemoryRequest,
  missingCpuLimit,
  missingMemoryLimit,
  requestExceedsLimit,
  // health
  missingLivenessProbe,
  missingReadinessProbe,
  livenessEqualsReadiness,
  probePortMismatch,
  // rbac
  wildcardRbac,
  // images
  latestTag,
  mutableImageTag,
  // security
  privilegedContainer,
  privilegeEscalation,
  runAsRoot,
  writableRootFs,
  dangerousCapabilities,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPathMount,
  dockerSocketMount,
  hostPort,
  procMount,
  secretInEnv,
  // reliability
  selectorMismatch,
  duplicateEnv,
  pdbBlocksEviction,
  hpaCannotScale,
  // deprecation
  deprecatedApi,
];

/** Rules that need every object of the workspace at once. */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [
  defaultNamespace,
  clusterAdminBinding,
  automountServiceAccountToken,
  missingNetworkPolicy,
  singleReplica,
  hpaMinReplicas,
  noAntiAffinity,
  noPodDisruptionBudget,
  duplicateObject,
  danglingService,
  serviceTargetPortMismatch,
  missingConfigMap,
  missingSecret,
  missingPvc,
  missingServiceAccount,
  danglingHpa,
  hpaWithoutRequests,
  danglingIngressBackend,
  danglingNetworkPolicy,
  customResourceSchema,
];

const CATEGORY_ORDER = ['syntax', 'meta', 'schema', 'resources', 'health', 'namespaces', 'rbac', 'images', 'security', 'reliability', 'references', 'deprecation', 'simulation', 'suppression'];

/** Every rule id the engine can report, with its docs (grouped by category, for the docs). */
export const ALL_RULES: readonly RuleMeta[] = uniqueById([yamlSyntax, templatedFile, fileTooLarge, ...OBJECT_RULES, ...WORKSPACE_RULES, ...SIMULATION_RULES, unusedSuppression])
  .map((r, i) => ({ r, i }))
  .sort((a, b) => (CATEGORY_ORDER.indexOf(a.r.category) - CATEGORY_ORDER.indexOf(b.r.category)) || a.i - b.i)
  .map(({ r }) => r);

/** One id may be checked in two places (`schema`: built-in kinds per object, custom resources per workspace). */
function uniqueById(rules: readonly RuleMeta[]): RuleMeta[] {
  const seen = new Set<string>();
  return rules.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

const byId = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export const DOCS_BASE_URL = 'https://github.com/kubeplan/kubeplan/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}#${id}`;
}
