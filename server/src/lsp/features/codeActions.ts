import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { suppressionFixes, type FileAnalysis, type Finding, type Range } from '../../engine';
import type { ServerContext } from '../context';
import { toDiagnostic } from '../diagnostics';
import { hasDocumentUri, invalidParams, isRange } from '../params';
import { uriToFile } from '../uris';

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes for the findings under the cursor; each is one undoable workspace edit. */
export function codeActionsFor(uri: string, findings: readonly Finding[], params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const f of findings) {
    if (!f.fixes?.length || !overlaps(f.range, params.range)) continue;
    for (const fix of f.fixes) {
      if (fix.edits.length === 0) continue; // built lazily; nothing to offer when it could not be built
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f)],
        isPreferred: fix.preferred ?? false,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  return out;
}

/** "Suppress <rule> for this object / container": after the rule's own fixes, never preferred over them. */
export function suppressActionsFor(uri: string, analysis: FileAnalysis | undefined, findings: readonly Finding[], params: CodeActionParams): CodeAction[] {
  if (!analysis) return [];
  const out: CodeAction[] = [];
  for (const f of findings) {
    if (!overlaps(f.range, params.range)) continue;
    for (const fix of suppressionFixes(analysis, f)) {
      if (fix.edits.length === 0) continue;
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(f)], edit: { changes: { [uri]: fix.edits } } });
    }
  }
  return out;
}

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) => {
    if (!hasDocumentUri(params) || !isRange(params.range)) throw invalidParams('textDocument/codeAction');
    const uri = params.textDocument.uri;
    const file = uriToFile(uri);
    const findings = ctx.workspace.currentFindings(file);
    const contributed = ctx.diagnosticContributors.flatMap((c) => c(file));
    return [...codeActionsFor(uri, findings, params), ...suppressActionsFor(uri, ctx.workspace.analysis(file), [...findings, ...contributed], params)];
  });
}
