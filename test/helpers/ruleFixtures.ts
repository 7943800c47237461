import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../../server/src/engine';
import { ROOT } from './lspClient';

/**
 * Rule fixtures: `test/fixtures/rules/<rule-id>/` holds `bad*.yaml` (must trigger the rule)
 * and `good*.yaml` (must not); a `bad-*` or `good-*` folder is one multi-file workspace.
 * A bad file marks each expected finding with a comment line of carets under it:
 *
 *       privileged: true
 *   #   ^^^^^^^^^^^^^^^^ privileged-container
 *
 * The carets give the finding's start column and (for one-line ranges) its end column;
 * `^...` marks a finding that starts there and ends on a later line.
 */
export const RULE_FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

export interface FixtureCase {
  rule: string;
  name: string;
  kind: 'bad' | 'good';
  /** Workspace-relative path → text. */
  files: [string, string][];
}

export interface ExpectedFinding {
  file: string;
  line: number;
  start: number;
  /** Exclusive end column on the same line; undefined when the range continues on later lines. */
  end: number | undefined;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e) ? [p] : [];
    });
}

export function fixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const rule of readdirSync(RULE_FIXTURES).sort()) {
    const dir = join(RULE_FIXTURES, rule);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      const kind = entry.startsWith('bad') ? 'bad' : entry.startsWith('good') ? 'good' : undefined;
      if (!kind) continue;
      const p = join(dir, entry);
      const paths = statSync(p).isDirectory() ? yamlFiles(p) : [p];
      out.push({ rule, name: `${rule}/${entry}`, kind, files: paths.map((f) => [relative(RULE_FIXTURES, f), readFileSync(f, 'utf8')]) });
    }
  }
  return out;
}

const CARETS = /^(\s*#\s*)(\^+)(\.\.\.)?\s+([a-z0-9-]+)\s*$/;

/** The findings a fixture's caret comments expect for `rule`. */
export function expectedFindings(files: [string, string][], rule: string): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  for (const [file, text] of files) {
    const lines = text.split(/\r?\n/);
    let target = -1;
    lines.forEach((l, i) => {
      const m = CARETS.exec(l);
      if (!m) {
        target = i;
        return;
      }
      if (m[4] !== rule) return;
      const start = m[1]!.length;
      out.push({ file, line: target, start, end: m[3] ? undefined : start + m[2]!.length });
    });
  }
  return out;
}

export function describeFinding(f: Finding): string {
  return `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`;
}

export function describeExpected(e: ExpectedFinding): string {
  return `${e.file}:${e.line + 1}:${e.start + 1}-${e.end === undefined ? '…' : `${e.line + 1}:${e.end + 1}`}`;
}

export function matchesExpected(f: Finding, e: ExpectedFinding): boolean {
  if (f.file !== e.file || f.range.start.line !== e.line || f.range.start.character !== e.start) return false;
  if (e.end === undefined) return f.range.end.line > e.line;
  return f.range.end.line === e.line && f.range.end.character === e.end;
}
