/**
 * Every schema, quantity and name issue of one built-in Kubernetes object: the object
 * against its kind's definition, plus apiVersion/kind mistakes the API server would
 * reject ("no matches for kind"). Kinds the schema does not know (custom resources,
 * APIs newer than the schema) are left alone here; CRD-backed kinds are checked by the
 * custom-resource workspace rule.
 */
import { apiGroupOf, type ObjectIdentity } from '../kube/identity';
import type { Path } from '../yaml/locate';
import { builtinSchema, type BuiltinSchema } from './builtin';
import { combineHooks, ENUM_HOOKS } from './enumChecks';
import { checkObjectName, NAME_HOOKS } from './nameChecks';
import { closest } from './suggest';
import { isRecord, validateValue, type IssueSink, type ScalarSource, type SchemaIssue } from './validate';

const HOOKS = combineHooks(NAME_HOOKS, ENUM_HOOKS);

export function objectIssues(
  id: ObjectIdentity,
  object: Record<string, unknown>,
  schema: BuiltinSchema = builtinSchema(),
  scalarAt?: (path: Path) => ScalarSource | undefined,
): SchemaIssue[] {
  const def = schema.kind(id.apiVersion, id.kind);
  if (!def) return [...apiVersionKindIssues(id, schema), ...metadataIssues(id, object, schema)];
  const issues = validateValue(object, { kind: 'object', def }, [], { hooks: HOOKS, emptyEnumIsUnset: true, ...(scalarAt ? { scalarAt } : {}) });
  const sink: IssueSink = { add: (i) => issues.push(i) };
  checkObjectName(id.apiVersion, id.kind, object, sink);
  return issues;
}

function metadataIssues(id: ObjectIdentity, object: Record<string, unknown>, schema: BuiltinSchema): SchemaIssue[] {
  const meta = schema.kind('v1', 'ConfigMap')?.fields.get('metadata')?.type;
  if (!meta || !isRecord(object.metadata)) return [];
  const issues = validateValue(object.metadata, meta, ['metadata'], { hooks: HOOKS });
  checkObjectName(id.apiVersion, id.kind, object, { add: (i) => issues.push(i) });
  return issues;
}

function isGa(apiVersion: string): boolean {
  return /(^|\/)v\d+$/.test(apiVersion);
}

function preferred(versions: readonly string[]): string | undefined {
  return versions.find(isGa) ?? versions[0];
}

function apiVersionKindIssues(id: ObjectIdentity, schema: BuiltinSchema): SchemaIssue[] {
  const group = apiGroupOf(id.apiVersion);
  const servedIn = schema.apiVersionsOf(id.kind);
  const kindsHere = schema.kindsIn(id.apiVersion);
  const builtinGroup = schema.groups.has(group);
  if (kindsHere.length === 0) {
    // Dotted groups may be CRDs or aggregated APIs; alpha/beta versions may be newer than the schema.
    if (!builtinGroup && group.includes('.')) return [];
    if (builtinGroup && !isGa(id.apiVersion)) return [];
    const better = preferred(servedIn.filter((v) => apiGroupOf(v) === group)) ?? preferred(servedIn);
    const what = builtinGroup ? `Unknown apiVersion "${id.apiVersion}": the ${group || 'core'} API group has no such version` : `Unknown apiVersion "${id.apiVersion}": no such Kubernetes API group`;
    return [{ rule: 'schema', path: ['apiVersion'], part: 'value', message: better ? `${what}; did you mean "${better}"?` : `${what}.`, ...(better ? { replace: { part: 'value', text: better, title: `Change to "${better}"` } } : {}) }];
  }
  // Only GA versions are complete in the schema; a beta may have gained kinds since.
  if (!isGa(id.apiVersion) || servedIn.some((v) => apiGroupOf(v) === group)) return [];
  const elsewhere = preferred(servedIn);
  if (elsewhere) {
    return [{ rule: 'schema', path: ['apiVersion'], part: 'value', message: `${id.kind} is not part of ${id.apiVersion}; it is served as "${elsewhere}".`, replace: { part: 'value', text: elsewhere, title: `Change to "${elsewhere}"` } }];
  }
  const suggestion = closest(id.kind, kindsHere.filter((k) => !k.endsWith('List') || id.kind.endsWith('List')));
  return [
    {
      rule: 'schema',
      path: ['kind'],
      part: 'value',
      message: `Unknown kind "${id.kind}" in ${id.apiVersion}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      ...(suggestion ? { replace: { part: 'value', text: suggestion, title: `Change to "${suggestion}"` } } : {}),
    },
  ];
}
