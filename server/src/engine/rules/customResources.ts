import { builtinSchema } from '../schema/builtin';
import type { CompiledCrd } from '../schema/crd';
import { crdFor, indexCrds } from '../schema/crdIndex';
import { validateValue, type SchemaIssue } from '../schema/validate';
import type { ParsedDocument } from '../yaml/parse';
import type { WorkspaceObject, WorkspaceRule } from './rule';
import { schema } from './schema';

/**
 * Custom resources checked against the CRDs found in the workspace. A workspace rule,
 * because a CRD in one file decides what is valid in another; it stays cheap on every
 * edit because both sides are cached by parsed document: a CRD is compiled once per
 * text, and a custom resource is re-validated only when its own text or its CRD's
 * compiled schema changed. Editing or deleting the CRD therefore re-validates exactly
 * its custom resources.
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

export const customResourceSchema: WorkspaceRule = {
  id: schema.id,
  severity: schema.severity,
  category: schema.category,
  title: schema.title,
  docs: schema.docs,
  check({ objects, report }) {
    const crds = indexCrds(objects);
    if (crds.size === 0) return;
    const builtin = builtinSchema();
    for (const o of objects) {
      const crd = crdFor(crds, o.id.apiVersion, o.id.kind);
      if (!crd || builtin.kind(o.id.apiVersion, o.id.kind)) continue;
      for (const issue of issuesOf(o, crd)) report(o, issue.path, issue.message, { part: issue.part });
    }
  },
};
