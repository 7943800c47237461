import { findingSeverity, type Finding, type Severity } from '../model/finding';
import { identify, type ObjectIdentity } from '../kube/identity';
import type { ObjectContext, ObjectRule } from '../rules/rule';
import { fileTooLarge } from '../rules/syntax';
import type { ParsedDocument } from '../yaml/parse';
import type { ConfigSuppression } from '../config/types';
import { annotationSuppressions } from '../suppress/annotations';
import { configSuppressionsFor, emptyUsage, isSuppressed, NO_SUPPRESSIONS, type ObjectSuppressions, type SuppressionUsage } from '../suppress/apply';
import { subjectOf } from '../suppress/subject';
import { DEFAULT_LINT_OPTIONS, type LintOptions } from './options';

export interface DocumentAnalysis {
  doc: ParsedDocument;
  identity: ObjectIdentity | undefined;
  /** Positions relative to the document's chunk; shifted when published. Suppressed findings are not here. */
  findings: Finding[];
  /** What can suppress findings on this document's object (annotations, matching `.kubeplan.yaml` entries). */
  suppressions: ObjectSuppressions;
  /** Which of them this document's own findings used; workspace rules add theirs later. */
  usage: SuppressionUsage;
}

export interface RuleSettings {
  /** Returns the severity to report a rule with, or undefined when the rule is off. */
  severityOf(ruleId: string, defaultSeverity: Severity): Severity | undefined;
  /** `.kubeplan.yaml` suppressions that may apply to this file. */
  readonly suppress?: readonly ConfigSuppression[];
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = { severityOf: (_id, s) => s };

export function lintDocument(file: string, doc: ParsedDocument, rules: readonly ObjectRule[], settings: RuleSettings, options: LintOptions = DEFAULT_LINT_OPTIONS): DocumentAnalysis {
  const findings: Finding[] = [];
  const usage = emptyUsage();
  const syntaxSeverity = settings.severityOf('yaml-syntax', 'error');
  if (doc.syntaxErrors.length > 0) {
    for (const e of doc.syntaxErrors) {
      const severity = e.rule ? settings.severityOf(e.rule, fileTooLarge.severity) : syntaxSeverity;
      if (severity) findings.push({ rule: e.rule ?? 'yaml-syntax', severity, message: e.message, range: e.range, file });
    }
    return { doc, identity: undefined, findings, suppressions: NO_SUPPRESSIONS, usage };
  }
  const identity = identify(doc.value);
  const object = doc.object;
  if (!identity || !object) return { doc, identity, findings, suppressions: NO_SUPPRESSIONS, usage };
  const suppressions: ObjectSuppressions = {
    // ranges now, while the syntax tree is here: the engine releases it after linting
    annotations: annotationSuppressions(identity.kind, object).map((a) => ({ ...a, range: doc.rangeOf(a.path, 'value') })),
    config: configSuppressionsFor(settings.suppress ?? [], identity),
  };
  const suppressible = suppressions.annotations.length > 0 || suppressions.config.length > 0;
  for (const rule of rules) {
    const severity = settings.severityOf(rule.id, rule.severity);
    if (!severity) continue;
    const ctx: ObjectContext = {
      doc,
      object,
      id: identity,
      options,
      report(path, message, options) {
        const subject = subjectOf(identity, object, path);
        if (suppressible && isSuppressed(suppressions, rule.id, subject.container, usage)) return;
        findings.push({
          rule: rule.id,
          severity: findingSeverity(severity, rule.severity, options?.severity),
          message,
          range: doc.rangeOf(path, options?.part ?? 'key'),
          file,
          subject,
          ...(options?.fixes ? { fixes: options.fixes } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule must never take the editor down; a crash is reported where the object starts.
      findings.push({ rule: rule.id, severity: 'info', message: `Internal error in rule ${rule.id}: ${e instanceof Error ? e.message : String(e)}`, range: doc.headRange, file });
    }
  }
  return { doc, identity, findings, suppressions, usage };
}
