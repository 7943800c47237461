import { findingSeverity, type Finding, type Severity } from '../model/finding';
import { identify, type ObjectIdentity } from '../kube/identity';
import type { ObjectContext, ObjectRule } from '../rules/rule';
import { fileTooLarge } from '../rules/syntax';
import type { ParsedDocument } from '../yaml/parse';
import { DEFAULT_LINT_OPTIONS, type LintOptions } from './options';

export interface DocumentAnalysis {
  doc: ParsedDocument;
  identity: ObjectIdentity | undefined;
  /** Positions relative to the document's chunk; shifted when published. */
  findings: Finding[];
}

export interface RuleSettings {
  /** Returns the severity to report a rule with, or undefined when the rule is off. */
  severityOf(ruleId: string, defaultSeverity: Severity): Severity | undefined;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = { severityOf: (_id, s) => s };

export function lintDocument(file: string, doc: ParsedDocument, rules: readonly ObjectRule[], settings: RuleSettings, options: LintOptions = DEFAULT_LINT_OPTIONS): DocumentAnalysis {
  const findings: Finding[] = [];
  const syntaxSeverity = settings.severityOf('yaml-syntax', 'error');
  if (doc.syntaxErrors.length > 0) {
    for (const e of doc.syntaxErrors) {
      const severity = e.rule ? settings.severityOf(e.rule, fileTooLarge.severity) : syntaxSeverity;
      if (severity) findings.push({ rule: e.rule ?? 'yaml-syntax', severity, message: e.message, range: e.range, file });
    }
    return { doc, identity: undefined, findings };
  }
  const identity = identify(doc.value);
  const object = doc.object;
  if (!identity || !object) return { doc, identity, findings };
  for (const rule of rules) {
    const severity = settings.severityOf(rule.id, rule.severity);
    if (!severity) continue;
    const ctx: ObjectContext = {
      doc,
      object,
      id: identity,
      options,
      report(path, message, options) {
        findings.push({
          rule: rule.id,
          severity: findingSeverity(severity, rule.severity, options?.severity),
          message,
          range: doc.rangeOf(path, options?.part ?? 'key'),
          file,
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
  return { doc, identity, findings };
}
