import { defaultNamespace } from './namespaces';
import { missingLivenessProbe, missingReadinessProbe } from './probes';
import { missingCpuLimit, missingCpuRequest, missingMemoryLimit, missingMemoryRequest } from './resources';
import { duplicateObject } from './duplicates';
import type { ObjectRule, RuleMeta, WorkspaceRule } from './rule';
import { templatedFile, yamlSyntax } from './syntax';
import { invalidName, invalidQuantity, schema } from './schema';

/** Rules that look at one object. Order is the order findings on the same spot are listed. */
export const OBJECT_RULES: readonly ObjectRule[] = [
  schema,
  invalidQuantity,
  invalidName,
  missingCpuRequest,
  missingMemoryRequest,
  missingCpuLimit,
  missingMemoryLimit,
  missingLivenessProbe,
  missingReadinessProbe,
  defaultNamespace,
];

/** Rules that need every object of the workspace at once. */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [duplicateObject];

/** Every rule id the engine can report, with its docs. */
export const ALL_RULES: readonly RuleMeta[] = [yamlSyntax, templatedFile, ...OBJECT_RULES, ...WORKSPACE_RULES];

const byId = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id);
}

export const DOCS_BASE_URL = 'https://github.com/kubeplan/kubeplan/blob/main/docs/rules.md';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}#${id}`;
}
