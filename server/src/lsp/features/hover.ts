import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { describeAt, ruleById, ruleDocsUrl, type FieldDescription, type Finding, type Range } from '../../engine';
import type { ServerContext } from '../context';
import { hasDocumentUri, invalidParams, isPosition } from '../params';
import { uriToFile } from '../uris';

/**
 * Hover over a manifest: the schema's word on the field under the cursor (type and
 * description), and for every Kubeplan finding marked there, what the rule means, why
 * it matters and how to fix it.
 */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params: HoverParams): Hover | null => {
    if (!hasDocumentUri(params) || !isPosition(params.position)) throw invalidParams('textDocument/hover');
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const file = uriToFile(params.textDocument.uri);
    const { line, character } = params.position;
    let field: FieldDescription | undefined;
    try {
      field = describeAt(doc.getText(), line, character, { objects: ctx.workspace.objects() });
    } catch {
      field = undefined; // no schema (e.g. a broken install): still show rule docs
    }
    const findings = ctx.workspace.currentFindings(file).filter((f) => contains(f.range, line, character));
    const parts = [...(field ? [fieldMarkdown(field)] : []), ...findingsMarkdown(findings)];
    if (parts.length === 0) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(field ? { range: field.range } : {}) };
  });
}

function contains(r: Range, line: number, character: number): boolean {
  const afterStart = line > r.start.line || (line === r.start.line && character >= r.start.character);
  const beforeEnd = line < r.end.line || (line === r.end.line && character <= r.end.character);
  return afterStart && beforeEnd;
}

export function fieldMarkdown(f: FieldDescription): string {
  if (!f.known) return `**${escape(f.name)}** — not a field of \`${f.owner}\` (${f.apiVersion} ${f.kind}).`;
  const lines = [`**${escape(f.name)}** \`${f.type}\` · ${f.owner}`];
  if (f.description) lines.push('', escape(f.description));
  const from = f.source === 'crd' ? `from the CustomResourceDefinition for ${f.kind}` : `${f.apiVersion} ${f.kind}`;
  lines.push('', `*${from}*${f.link ? ` · [More info](${f.link})` : ''}`);
  return lines.join('\n');
}

function findingsMarkdown(findings: readonly Finding[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of findings) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    const rule = ruleById(f.rule);
    if (!rule) continue;
    out.push(
      [
        `**Kubeplan \`${rule.id}\`** (${f.severity}) — ${escape(rule.title)}`,
        '',
        `**Why it matters.** ${rule.docs.why}`,
        '',
        `**How to fix.** ${rule.docs.fix}`,
        '',
        `[Rule documentation](${ruleDocsUrl(rule.id)})`,
      ].join('\n'),
    );
  }
  return out;
}

/** Upstream descriptions are plain text: keep Markdown from reading `*`, `_` or `<` in them as markup. */
function escape(s: string): string {
  return s.replace(/([\\*_<>[\]`])/g, '\\$1');
}
