import type { WorkspaceRule } from '../rule';
import { generatedObjects, isGenerated } from './generatedObjects';
import { podReferences, type ReferencedKind } from './podReferences';

const CONSEQUENCE: Record<ReferencedKind, string> = {
  ConfigMap: 'the pod will not start',
  Secret: 'the pod will not start',
  PersistentVolumeClaim: 'the pod will stay Pending',
  ServiceAccount: 'the pods will be rejected',
};

/**
 * A reference rule that does not cry wolf. It reports a missing object only when the workspace
 * plausibly holds that kind of object for the namespace — at least one object of the kind is
 * defined there (or without a namespace) — because teams often create Secrets, ConfigMaps,
 * claims and service accounts out of band (sealed/external secrets, Helm, the platform team).
 * Objects Kubernetes creates itself, generated ones, declared `external:` ones and
 * `optional: true` references are never missing.
 */
export function missingReferenceRule(kind: ReferencedKind, meta: Omit<WorkspaceRule, 'check' | 'category' | 'severity'>): WorkspaceRule {
  return {
    ...meta,
    severity: 'error',
    category: 'references',
    check(ctx) {
      const generated = kind === 'ConfigMap' || kind === 'Secret' ? generatedObjects(ctx) : new Map<string, (string | undefined)[]>();
      for (const owner of ctx.subjects.podOwners()) {
        const ns = owner.object.id.namespace;
        let gate: boolean | undefined;
        for (const ref of podReferences(owner.template)) {
          if (ref.kind !== kind || ref.optional) continue;
          gate ??= ctx.index.hasKindIn(kind, ns);
          if (!gate) break;
          if (ctx.exists(kind, ns, ref.name) || isGenerated(generated, kind, ns, ref.name)) continue;
          const where = ns ? ` in namespace "${ns}"` : '';
          ctx.report(owner.object, ref.path, `${kind} "${ref.name}" (${ref.via}) is not defined${where}: ${CONSEQUENCE[kind]}.`, { part: 'value' });
        }
      }
    },
  };
}
