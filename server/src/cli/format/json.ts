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

/** The findings as a JSON array (2-space indented), written in pieces: a report of a million findings is never one string. */
export function writeJson(findings: readonly Finding[], write: (s: string) => void): void {
  if (findings.length === 0) return write('[]\n');
  const BATCH = 1000;
  for (let i = 0; i < findings.length; i += BATCH) {
    const items = toJsonFindings(findings.slice(i, i + BATCH)).map((o) => '  ' + JSON.stringify(o, null, 2).replace(/\n/g, '\n  '));
    const end = i + BATCH >= findings.length;
    write((i === 0 ? '[\n' : '') + items.join(',\n') + (end ? '\n]\n' : ',\n'));
  }
}
