import type { Finding, QuickFix } from '../model/finding';
import { shiftRange } from '../model/finding';
import type { FileAnalysis } from '../lint/fileLinter';
import type { DocumentAnalysis } from '../lint/lintDocument';
import { isRecord } from '../kube/identity';
import { valueAt } from '../kube/podSpec';
import { patchEdits, quickFix } from '../fix/yamlEdit';
import { CONTAINER_IGNORE_PREFIX, IGNORE_ANNOTATION, parseIgnoreValue } from './annotations';

/** Findings that are about the file rather than an object, or about suppressions themselves. */
const NOT_SUPPRESSIBLE = new Set(['yaml-syntax', 'templated-file', 'file-too-large', 'unused-suppression']);

/**
 * "Suppress <rule> for <object>" and, for a finding about one container, "… for container X
 * only": each adds the rule to the annotation on the object's own metadata (merged into an
 * existing value, keeping its reason), as one edit. The object's metadata rather than the pod
 * template's: a new pod-template annotation changes the template hash and restarts every pod
 * on the next apply. Built on demand (when the editor asks for code actions).
 */
export function suppressionFixes(analysis: FileAnalysis, finding: Finding): QuickFix[] {
  if (NOT_SUPPRESSIBLE.has(finding.rule) || analysis.excluded || analysis.templated) return [];
  const at = documentAt(analysis, finding);
  if (!at) return [];
  const { document, startLine } = at;
  const object = document.doc.object!;
  const what = `${document.identity!.kind}${document.identity!.name ? ` "${document.identity!.name}"` : ''}`;
  const out: QuickFix[] = [annotationFix(`Suppress ${finding.rule} for ${what}`, document, IGNORE_ANNOTATION, finding.rule, object, startLine)];
  const container = finding.subject?.container;
  if (container) out.push(annotationFix(`Suppress ${finding.rule} for container "${container}" only`, document, `${CONTAINER_IGNORE_PREFIX}${container}`, finding.rule, object, startLine));
  return out;
}

/** The object document holding the finding: the one its subject names, in the chunk holding its line. */
function documentAt(analysis: FileAnalysis, finding: Finding): { document: DocumentAnalysis; startLine: number } | undefined {
  const line = finding.range.start.line;
  let found: { document: DocumentAnalysis; startLine: number } | undefined;
  for (const { chunk, documents } of analysis.chunks) {
    if (chunk.startLine > line) break;
    const candidates = documents.filter((d) => d.identity && d.doc.object);
    const named = candidates.find((d) => !finding.subject || (d.identity!.kind === finding.subject.kind && d.identity!.name === finding.subject.name));
    if (named ?? candidates[0]) found = { document: (named ?? candidates[0])!, startLine: chunk.startLine };
    else found = undefined;
  }
  return found;
}

function annotationFix(title: string, document: DocumentAnalysis, key: string, rule: string, object: Record<string, unknown>, startLine: number): QuickFix {
  return quickFix(title, () => {
    const existing = valueAt(object, ['metadata', 'annotations', key]);
    const { ids, reason } = parseIgnoreValue(typeof existing === 'string' ? existing : '');
    const value = [...new Set([...ids, rule])].join(', ') + (reason ? ` # ${reason}` : '');
    const edits = isRecord(object.metadata)
      ? patchEdits(document.doc, ['metadata'], { annotations: { [key]: value } })
      : patchEdits(document.doc, [], { metadata: { annotations: { [key]: value } } });
    if (!edits) return undefined;
    // the document's positions are relative to its chunk: move them to the file's lines
    return edits.map((e) => ({ ...e, range: shiftRange(e.range, startLine) }));
  });
}
