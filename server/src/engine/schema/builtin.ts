import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SCHEMA_FILE_NAME, type CompactSchema, type CompactType } from './compact';
import type { FieldDef, ObjectDef, SchemaNode } from './types';
import { apiGroupOf } from '../kube/identity';

/** The built-in Kubernetes API types, as the validator and hover use them. */
export interface BuiltinSchema {
  readonly kubernetesVersion: string;
  /** Where the schema came from, e.g. `kubernetes-models@5.1.0`. */
  readonly source: string;
  /** The definition of `apiVersion`/`kind`, when the schema has it. */
  kind(apiVersion: string, kind: string): ObjectDef | undefined;
  /** Every `apiVersion` the schema knows `kind` in. */
  apiVersionsOf(kind: string): readonly string[];
  /** Every kind the schema knows in `apiVersion`. */
  kindsIn(apiVersion: string): readonly string[];
  /** Every API group the schema covers (`""` is the core group). */
  readonly groups: ReadonlySet<string>;
}

const PRIMITIVES: Record<Exclude<CompactType, number | object>, SchemaNode> = {
  string: { kind: 'string' },
  integer: { kind: 'integer' },
  int32: { kind: 'integer', bits: 32 },
  int64: { kind: 'integer', bits: 64 },
  number: { kind: 'number' },
  boolean: { kind: 'boolean' },
  quantity: { kind: 'quantity' },
  'int-or-string': { kind: 'int-or-string' },
  byte: { kind: 'string', format: 'byte' },
  'date-time': { kind: 'string', format: 'date-time' },
  any: { kind: 'any' },
};

/** Turns the compact form into linked nodes; every definition is built once (they refer to each other, even to themselves). */
export function materialize(compact: CompactSchema): BuiltinSchema {
  const defs: ObjectDef[] = compact.definitions.map((d) => ({
    name: d.n,
    ...(d.d ? { description: d.d } : {}),
    ...(d.u ? { link: d.u } : {}),
    fields: new Map<string, FieldDef>(),
    required: d.r ?? [],
  }));
  const objectNodes: SchemaNode[] = defs.map((def) => ({ kind: 'object', def }));
  const node = (t: CompactType): SchemaNode => {
    if (typeof t === 'number') return objectNodes[t]!;
    if (typeof t === 'string') return PRIMITIVES[t];
    if ('a' in t) return { kind: 'array', items: node(t.a) };
    if ('m' in t) return { kind: 'map', values: node(t.m) };
    return { kind: 'enum', values: t.e };
  };
  compact.definitions.forEach((d, i) => {
    const fields = defs[i]!.fields as Map<string, FieldDef>;
    for (const [name, f] of Object.entries(d.p)) fields.set(name, f.d ? { type: node(f.t), description: f.d } : { type: node(f.t) });
  });

  const byKind = new Map<string, string[]>();
  const byApiVersion = new Map<string, string[]>();
  for (const key of Object.keys(compact.kinds)) {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    push(byKind, kind, apiVersion);
    push(byApiVersion, apiVersion, kind);
  }
  return {
    kubernetesVersion: compact.kubernetesVersion,
    source: compact.source,
    kind: (apiVersion, kind) => {
      const i = compact.kinds[`${apiVersion}/${kind}`];
      return i === undefined ? undefined : defs[i];
    },
    apiVersionsOf: (kind) => byKind.get(kind) ?? [],
    groups: new Set([...byApiVersion.keys()].map(apiGroupOf)),
    kindsIn: (apiVersion) => byApiVersion.get(apiVersion) ?? [],
  };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class SchemaUnavailableError extends Error {}

let loaded: BuiltinSchema | undefined;

/**
 * The built-in schema, read on first use: `dist/kubernetes-schema.json.gz` beside the
 * bundled server/CLI, or the repository's dist/ when running from source (tests).
 */
export function builtinSchema(): BuiltinSchema {
  if (loaded) return loaded;
  const file = findSchemaFile();
  if (!file) throw new SchemaUnavailableError(`Kubernetes schema ${SCHEMA_FILE_NAME} not found; run "npm run build"`);
  loaded = materialize(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as CompactSchema);
  return loaded;
}

function findSchemaFile(): string | undefined {
  const fromEnv = process.env.KUBEPLAN_SCHEMA_FILE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, SCHEMA_FILE_NAME), join(dir, 'dist', SCHEMA_FILE_NAME)]) if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}
