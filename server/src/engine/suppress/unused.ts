import type { Finding, Range, Subject } from '../model/finding';
import { containersOf, podSpecOf } from '../kube/podSpec';
import type { RuleSettings } from '../lint/lintDocument';
import type { RuleMeta } from '../rules/rule';
import { unusedSuppression } from '../rules/suppression';
import type { ParsedDocument } from '../yaml/parse';
import type { ObjectIdentity } from '../kube/identity';
import type { KubeplanConfig } from '../config/types';
import { didYouMean } from '../config/didYouMean';
import { ALL_RULES_WILDCARD, type AnnotationSuppression } from './annotations';
import type { ObjectSuppressions, SuppressionUsage } from './apply';
import { describeSubject } from './subject';

export interface UnusedContext {
  file: string;
  doc: ParsedDocument;
  identity: ObjectIdentity;
  suppressions: ObjectSuppressions;
  /** Usage by the document's own findings and by workspace rules. */
  usage: readonly SuppressionUsage[];
  settings: RuleSettings;
  rules: ReadonlyMap<string, RuleMeta>;
}

/**
 * Our own annotations (`kubeplan.dev/ignore…`) that hid nothing. Other tools' annotations
 * are never reported: they may be there for that tool. Suppressions of simulator rules
 * (`sim-…`) and of rules that are switched off are not reported either: the linter cannot
 * know whether they would hide something.
 */
export function unusedAnnotationFindings(c: UnusedContext): Finding[] {
  const severity = c.settings.severityOf(unusedSuppression.id, unusedSuppression.severity);
  if (!severity || c.suppressions.annotations.length === 0) return [];
  const out: Finding[] = [];
  const subject: Subject = {
    kind: c.identity.kind,
    ...(c.identity.name !== undefined ? { name: c.identity.name } : {}),
    ...(c.identity.namespace !== undefined ? { namespace: c.identity.namespace } : {}),
  };
  c.suppressions.annotations.forEach((a, i) => {
    if (a.tool !== 'kubeplan' || c.usage.some((u) => u.annotations.has(i))) return;
    const message = whyUnused(a, c, subject);
    if (message) out.push({ rule: unusedSuppression.id, severity, message, range: a.range ?? c.doc.rangeOf(a.path, 'value'), file: c.file, subject });
  });
  return out;
}

function whyUnused(a: AnnotationSuppression, c: UnusedContext, subject: Subject): string | undefined {
  const where = `${a.key}: "${a.written}"`;
  if (a.rule === ALL_RULES_WILDCARD) return `${where} suppresses nothing: ${describeSubject(subject)} has no findings.`;
  if (a.rule.startsWith('sim-')) return undefined;
  const meta = c.rules.get(a.rule);
  if (!meta) return `${where}: "${a.rule}" is not a Kubeplan rule${didYouMean(a.rule, c.rules.keys())}.`;
  if (!c.settings.severityOf(meta.id, meta.severity)) return undefined;
  if (a.container !== undefined) {
    const pod = podSpecOf(c.identity.kind, c.doc.object);
    const names = pod ? containersOf(pod).map((r) => r.name) : [];
    if (!names.includes(a.container)) {
      return `${where}: ${describeSubject(subject)} has no container named "${a.container}"${names.length ? didYouMean(a.container, names) || ` (containers: ${names.join(', ')})` : ''}.`;
    }
    return `${where} suppresses nothing: container "${a.container}" has no ${a.rule} finding.`;
  }
  return `${where} suppresses nothing: ${describeSubject(subject)} has no ${a.rule} finding.`;
}

/** `suppress:` entries of a config (per rule id) that hid nothing anywhere in the workspace. */
export function unusedConfigFindings(config: KubeplanConfig, used: ReadonlyMap<unknown, ReadonlySet<string>>, settings: RuleSettings, rules: ReadonlyMap<string, RuleMeta>): Finding[] {
  const severity = settings.severityOf(unusedSuppression.id, unusedSuppression.severity);
  if (!severity || !config.file) return [];
  const out: Finding[] = [];
  for (const entry of config.suppress) {
    const hit = used.get(entry);
    entry.rules.forEach((id, i) => {
      if (hit?.has(id) || id.startsWith('sim-')) return;
      const meta = rules.get(id);
      if (meta && !settings.severityOf(meta.id, meta.severity)) return;
      const range: Range = entry.ruleRanges[i] ?? entry.range;
      const target = [entry.kind && `kind ${entry.kind}`, entry.namespace && `namespace ${entry.namespace}`, entry.name && `name ${entry.name}`, entry.container && `container ${entry.container}`, entry.file && `file ${entry.file}`]
        .filter(Boolean)
        .join(', ');
      out.push({ rule: unusedSuppression.id, severity, message: `Suppression of "${id}" for ${target} suppresses nothing in the workspace.`, range, file: config.file! });
    });
  }
  return out;
}
