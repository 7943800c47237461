import { lintText, type Finding } from '../../server/src/engine';

/** Lints YAML given as a template literal; leading indentation common to all lines is removed. */
export function lint(yaml: string, file = 'test.yaml'): Finding[] {
  return lintText(dedent(yaml), file);
}

export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function rulesOf(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule);
}

/** `rule@line:col` with 1-based line and column, for compact assertions. */
export function at(findings: readonly Finding[], rule: string): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
}
