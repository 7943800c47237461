import { builtinSchema } from '../schema/builtin';
import type { CompiledCrd } from '../schema/crd';
import { isCrd } from '../schema/crd';
import { compiledCrd } from '../schema/crdIndex';
import { apiGroupOf } from '../kube/identity';
import { validateValue, type SchemaIssue } from '../schema/validate';
import type { ParsedDocument } from '../yaml/parse';
import { checkByKeys, type WorkspaceObject, type WorkspaceRule } from './rule';
import { schema } from './schema';

/**
 * Custom resources checked against the CRDs found in the workspace. A workspace rule,
 * because a CRD in one file decides what is valid in another; it stays cheap on every
 * edit: it is keyed by `<group>/<kind>`, so only the kind an edit touches is re-checked,
 * and both sides are cached by parsed document: a CRD is compiled once per text, and a
 * custom resource is re-validated only when its own text or its CRD's compiled schema
 * changed. Editing or deleting the CRD therefore re-validates exactly its resources.
 */
const validated = new WeakMap<ParsedDocument, { crd: CompiledCrd; issues: SchemaIssue[] }>();

function issuesOf(o: WorkspaceObject, crd: CompiledCrd): SchemaIssue[] {
  const hit = validated.get(o.doc);
  if (hit && hit.crd === crd) return hit.issues;
  const version = o.id.apiVersion.slice(o.id.apiVersion.indexOf('/') + 1);
  let issues: SchemaIssue[];
  if (!crd.schemas.has(version)) {
    issues = [{ rule: 'schema', path: ['apiVersion'], part: 'value', message: `CustomResourceDefinition ${crd.name} does not serve version "${version}" (served: ${crd.versions.join(', ') || 'none'}).` }];
  } else {
    const def = crd.schemas.get(version);
    issues = def ? validateValue(o.object, { kind: 'object', def }, []) : [];
  }
  validated.set(o.doc, { crd, issues });
  return issues;
}

/** CRDs and their custom resources meet under one key, `<group>/<kind>`. */
function keysOf(o: WorkspaceObject): readonly string[] {
  if (isCrd(o.id.apiVersion, o.id.kind)) {
    const crd = compiledCrd(o);
    return crd ? [`${crd.group}/${crd.kind}`] : [];
  }
  if (!o.id.apiVersion.includes('/') || builtinSchema().kind(o.id.apiVersion, o.id.kind)) return [];
  return [`${apiGroupOf(o.id.apiVersion)}/${o.id.kind}`];
}

export const customResourceSchema: WorkspaceRule = {
  id: schema.id,
  severity: schema.severity,
  category: schema.category,
  title: schema.title,
  docs: schema.docs,
  // keyed: an edit re-checks only the CRD's kind it touches (the CRD itself or one of its resources)
  keyed: {
    keysOf,
    checkKey(_key, objects, report) {
      const crd = objects.map((o) => (isCrd(o.id.apiVersion, o.id.kind) ? compiledCrd(o) : undefined)).find((c) => c !== undefined);
      if (!crd) return;
      for (const o of objects) {
        if (isCrd(o.id.apiVersion, o.id.kind)) continue;
        for (const issue of issuesOf(o, crd)) report(o, issue.path, issue.message, { part: issue.part });
      }
    },
  },
  check(ctx) {
    checkByKeys(customResourceSchema.keyed!)(ctx);
  },
};
