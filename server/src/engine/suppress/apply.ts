import { scopeOfKind, type ObjectIdentity } from '../kube/identity';
import type { ConfigSuppression } from '../config/types';
import { nameMatcher } from '../config/glob';
import { ALL_RULES_WILDCARD, type AnnotationSuppression } from './annotations';

/** Everything that can suppress findings on one object. */
export interface ObjectSuppressions {
  readonly annotations: readonly AnnotationSuppression[];
  /** `.kubeplan.yaml` entries whose kind/namespace/name patterns match the object. */
  readonly config: readonly ConfigSuppression[];
}

/** Which suppressions hid at least one finding: what "unused" is measured against. */
export interface SuppressionUsage {
  /** Indexes into `ObjectSuppressions.annotations`. */
  readonly annotations: Set<number>;
  /** Per config entry, the rule ids (or `*`) that hid something. */
  readonly config: Map<ConfigSuppression, Set<string>>;
}

export function emptyUsage(): SuppressionUsage {
  return { annotations: new Set(), config: new Map() };
}

export const NO_SUPPRESSIONS: ObjectSuppressions = { annotations: [], config: [] };

/** The `.kubeplan.yaml` entries that name this object. An object without namespace is matched as `default` (where it lands). */
export function configSuppressionsFor(entries: readonly ConfigSuppression[], id: ObjectIdentity): ConfigSuppression[] {
  if (entries.length === 0) return [];
  const namespace = id.namespace ?? (scopeOfKind(id.kind) === 'Cluster' ? undefined : 'default');
  return entries.filter(
    (e) =>
      (e.kind === undefined || nameMatcher(e.kind)(id.kind)) &&
      (e.name === undefined || (id.name !== undefined && nameMatcher(e.name)(id.name))) &&
      (e.namespace === undefined || (namespace !== undefined && nameMatcher(e.namespace)(namespace))),
  );
}

/**
 * True when a finding of `rule` (about `container`, if any) is suppressed on this object;
 * records every suppression that matched. A container-scoped suppression never hides a
 * finding about the object as a whole.
 */
export function isSuppressed(s: ObjectSuppressions, rule: string, container: string | undefined, usage: SuppressionUsage): boolean {
  let hit = false;
  s.annotations.forEach((a, i) => {
    if (a.rule !== rule && a.rule !== ALL_RULES_WILDCARD) return;
    if (a.container !== undefined && a.container !== container) return;
    usage.annotations.add(i);
    hit = true;
  });
  for (const e of s.config) {
    if (e.container !== undefined && (container === undefined || !nameMatcher(e.container)(container))) continue;
    const id = e.rules.includes(rule) ? rule : e.rules.includes(ALL_RULES_WILDCARD) ? ALL_RULES_WILDCARD : undefined;
    if (id === undefined) continue;
    let used = usage.config.get(e);
    if (!used) usage.config.set(e, (used = new Set()));
    used.add(id);
    hit = true;
  }
  return hit;
}
