import { apiGroupOf } from '../kube/identity';
import type { WorkspaceObject } from '../rules/rule';
import type { ParsedDocument } from '../yaml/parse';
import { compileCrd, isCrd, type CompiledCrd } from './crd';

/** A CRD is compiled once per parsed document: an unchanged CRD text keeps its compiled schema (and the identity caches key on). */
const compiled = new WeakMap<ParsedDocument, CompiledCrd | null>();

export function compiledCrd(o: WorkspaceObject): CompiledCrd | undefined {
  let c = compiled.get(o.doc);
  if (c === undefined) {
    c = compileCrd(o.object) ?? null;
    compiled.set(o.doc, c);
  }
  return c ?? undefined;
}

/** The CRDs among `objects`, by `<group>/<kind>`; the first of duplicate CRDs wins. */
export function indexCrds(objects: readonly WorkspaceObject[]): Map<string, CompiledCrd> {
  const out = new Map<string, CompiledCrd>();
  for (const o of objects) {
    if (!isCrd(o.id.apiVersion, o.id.kind)) continue;
    const crd = compiledCrd(o);
    const key = crd && `${crd.group}/${crd.kind}`;
    if (key && !out.has(key)) out.set(key, crd);
  }
  return out;
}

export function crdFor(crds: ReadonlyMap<string, CompiledCrd>, apiVersion: string, kind: string): CompiledCrd | undefined {
  return crds.get(`${apiGroupOf(apiVersion)}/${kind}`);
}
