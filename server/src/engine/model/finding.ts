/** Where a finding points: 0-based lines and UTF-16 columns, the convention LSP uses. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A text edit the user can apply as a quick fix; ranges are in the same file as the finding. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor should offer first. */
  preferred?: boolean;
}

/** The Kubernetes object (and container) a finding is about: what suppressions and fingerprints key on. */
export interface Subject {
  kind: string;
  name?: string;
  namespace?: string;
  /** Set when the finding is about one container of the object's pod template. */
  container?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  file: string;
  fixes?: QuickFix[];
  subject?: Subject;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}

export function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** Moves a finding, and the edits of its fixes, down by `lines` (chunk-relative → file positions). */
export function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const moved: Finding = { ...f, range: shiftRange(f.range, lines) };
  if (f.fixes) moved.fixes = f.fixes.map((fix) => shiftFix(fix, lines));
  return moved;
}

/** Keeps a fix's edits lazy (see quickFix): they are shifted when first read. */
function shiftFix(fix: QuickFix, lines: number): QuickFix {
  let edits: TextEdit[] | undefined;
  const moved = {
    title: fix.title,
    get edits(): TextEdit[] {
      return (edits ??= fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })));
    },
  };
  return fix.preferred ? Object.assign(moved, { preferred: fix.preferred }) : moved;
}

const BY_RANK: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The severity of one finding whose rule asked for `requested` instead of its default:
 * the request is kept relative to the severity the user configured for the rule, so a rule
 * configured one step quieter reports all its findings one step quieter.
 */
export function findingSeverity(configured: Severity, ruleDefault: Severity, requested: Severity | undefined): Severity {
  if (!requested || requested === ruleDefault) return configured;
  const rank = severityRank[configured] + severityRank[requested] - severityRank[ruleDefault];
  return BY_RANK[Math.max(0, Math.min(2, rank))]!;
}
