/**
 * Schemas of custom resources, from the CustomResourceDefinitions in the workspace
 * (`spec.versions[].schema.openAPIV3Schema`, or v1beta1's `spec.validation`). A CRD
 * schema is a structural OpenAPI v3 schema; it becomes the same node graph as the
 * built-in types, so one validator serves both.
 *
 * Semantics follow apiextensions-apiserver: `x-kubernetes-preserve-unknown-fields`
 * keeps unknown fields, `x-kubernetes-int-or-string` takes either, an object with only
 * `additionalProperties` is a map, `x-kubernetes-embedded-resource` objects carry their
 * own apiVersion/kind/metadata, and `apiVersion`, `kind` and `metadata` at the root are
 * always allowed. Unknown fields are errors, as with kubectl's default strict field
 * validation.
 */
import { apiGroupOf, isRecord } from '../kube/identity';
import type { Constraints, FieldDef, ObjectDef, SchemaNode } from './types';

export interface CompiledCrd {
  /** `<plural>.<group>`, the CRD's name. */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  /** Served versions, in the CRD's order. */
  readonly versions: readonly string[];
  /** Root definition per version; undefined when that version has no schema. */
  readonly schemas: ReadonlyMap<string, ObjectDef | undefined>;
}

const ANY: SchemaNode = { kind: 'any' };
const STRING: SchemaNode = { kind: 'string' };
/** Depth beyond which a (malicious or broken) schema is not followed. */
const MAX_DEPTH = 64;

export function isCrd(apiVersion: string, kind: string): boolean {
  return kind === 'CustomResourceDefinition' && apiGroupOf(apiVersion) === 'apiextensions.k8s.io';
}

/** Reads a CRD object; undefined when it does not name a group and kind. */
export function compileCrd(crd: Record<string, unknown>): CompiledCrd | undefined {
  const spec = crd.spec;
  if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const kind = spec.names.kind;
  const sharedSchema = isRecord(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const versions: string[] = [];
  const schemas = new Map<string, ObjectDef | undefined>();
  const list = Array.isArray(spec.versions) ? spec.versions : typeof spec.version === 'string' ? [{ name: spec.version, served: true }] : [];
  for (const v of list) {
    if (!isRecord(v) || typeof v.name !== 'string' || v.served === false) continue;
    versions.push(v.name);
    const s = isRecord(v.schema) ? v.schema.openAPIV3Schema : sharedSchema;
    schemas.set(v.name, isRecord(s) ? rootDef(s, kind) : undefined);
  }
  const meta = isRecord(crd.metadata) ? crd.metadata : {};
  return { name: typeof meta.name === 'string' ? meta.name : `${kind}.${spec.group}`, group: spec.group, kind, versions, schemas };
}

function rootDef(schema: Record<string, unknown>, kind: string): ObjectDef {
  const node = toNode(schema, kind, 0);
  const base: ObjectDef = node.kind === 'object' ? node.def : { name: kind, fields: new Map(), required: [], preserveUnknown: true };
  // apiVersion, kind and metadata are the API server's, whatever the schema says; metadata is checked as ObjectMeta elsewhere
  const fields = new Map(base.fields);
  fields.set('apiVersion', { type: STRING, description: 'APIVersion defines the versioned schema of this representation of an object.' });
  fields.set('kind', { type: STRING, description: 'Kind is a string value representing the REST resource this object represents.' });
  fields.set('metadata', { type: ANY, description: "Standard object's metadata." });
  return { ...base, fields, required: base.required.filter((r) => r !== 'metadata') };
}

function toNode(s: Record<string, unknown>, name: string, depth: number): SchemaNode {
  if (depth > MAX_DEPTH) return ANY;
  const constraints = constraintsOf(s);
  const withLimits = <T extends SchemaNode>(n: T): SchemaNode => (constraints ? { ...n, constraints } : n);
  if (s['x-kubernetes-int-or-string'] === true) return withLimits({ kind: 'int-or-string' });
  if (Array.isArray(s.enum)) return { kind: 'enum', values: s.enum };
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  switch (s.type) {
    case 'string':
      return withLimits(s.format === 'byte' ? { kind: 'string', format: 'byte' } : { kind: 'string' });
    case 'integer':
      return withLimits(s.format === 'int32' ? { kind: 'integer', bits: 32 } : { kind: 'integer' });
    case 'number':
      return withLimits({ kind: 'number' });
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return withLimits({ kind: 'array', items: isRecord(s.items) ? toNode(s.items, `${name}[]`, depth + 1) : ANY });
    case 'object':
      return objectNode(s, name, depth, preserve);
    default:
      // untyped: only allowed with x-kubernetes-preserve-unknown-fields or int-or-string; anything goes
      return ANY;
  }
}

function objectNode(s: Record<string, unknown>, name: string, depth: number, preserve: boolean): SchemaNode {
  const properties = isRecord(s.properties) ? s.properties : undefined;
  const additional = s.additionalProperties;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (!properties && !embedded) {
    if (isRecord(additional)) return { kind: 'map', values: toNode(additional, `${name}.*`, depth + 1) };
    if (additional === true || preserve) return { kind: 'map', values: ANY };
    // `type: object` and nothing else: the API server prunes every field, and strict validation reports them
  }
  const fields = new Map<string, FieldDef>();
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (!isRecord(value)) continue;
    const description = typeof value.description === 'string' ? firstSentences(value.description) : undefined;
    fields.set(key, description ? { type: toNode(value, `${name}.${key}`, depth + 1), description } : { type: toNode(value, `${name}.${key}`, depth + 1) });
  }
  if (embedded) {
    for (const f of ['apiVersion', 'kind']) if (!fields.has(f)) fields.set(f, { type: STRING });
    if (!fields.has('metadata')) fields.set('metadata', { type: ANY });
  }
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const def: ObjectDef = {
    name,
    fields,
    required,
    ...describe(s),
    ...(isRecord(additional) ? { additional: toNode(additional, `${name}.*`, depth + 1) } : additional === true ? { additional: ANY } : {}),
    ...(preserve ? { preserveUnknown: true } : {}),
  };
  return { kind: 'object', def };
}

function describe(s: Record<string, unknown>): { description?: string } {
  return typeof s.description === 'string' ? { description: firstSentences(s.description) } : {};
}

function constraintsOf(s: Record<string, unknown>): Constraints | undefined {
  const c: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  const num = (k: 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems') => {
    if (typeof s[k] === 'number') c[k] = s[k];
  };
  num('minimum');
  num('maximum');
  num('minLength');
  num('maxLength');
  num('minItems');
  num('maxItems');
  if (s.exclusiveMinimum === true) c.exclusiveMinimum = true;
  if (s.exclusiveMaximum === true) c.exclusiveMaximum = true;
  if (typeof s.pattern === 'string') c.pattern = s.pattern;
  return Object.keys(c).length ? c : undefined;
}

/** CRD descriptions are authored prose; hover shows the first paragraph, capped. */
function firstSentences(text: string): string {
  const para = text.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
  return para.length > 400 ? `${para.slice(0, 399)}…` : para;
}
