import type { Finding, Severity } from '../../engine';
import { plural } from '../../engine/text/plural';

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** `file:line:col severity rule message`, 1-based, one per line; the form editors and CI logs link. */
export function formatText(findings: readonly Finding[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const lines = findings.map(
    (f) =>
      `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${paint(COLOR[f.severity], f.severity)} ${paint(DIM, f.rule)} ${f.message}`,
  );
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const files = new Set(findings.map((f) => f.file)).size;
  lines.push(
    findings.length === 0
      ? 'No problems found.'
      : `${plural(findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${plural(files, 'file')}.`,
  );
  return lines.join('\n') + '\n';
}
