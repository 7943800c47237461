import type { Finding } from '../../engine';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

/** The documented JSON shape: 1-based lines and columns. */
export function toJsonFindings(findings: readonly Finding[]): JsonFinding[] {
  return findings.map((f) => ({
    file: f.file,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
  }));
}

export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(toJsonFindings(findings), null, 2) + '\n';
}
