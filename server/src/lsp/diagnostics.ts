import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { ruleDocsUrl, type Finding, type Severity } from '../engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Findings that did not change (same object) keep their diagnostic: an edit converts only what it touched. */
const converted = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(f: Finding): Diagnostic {
  let d = converted.get(f);
  if (!d) converted.set(f, (d = convert(f)));
  return d;
}

function convert(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'kubeplan',
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    message: f.message,
  };
}
