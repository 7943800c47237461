import type { Finding } from '../model/finding';
import { shiftFinding } from '../model/finding';
import type { ObjectRule } from '../rules/rule';
import { templatedFile } from '../rules/syntax';
import { countNewlines, splitDocuments, type Chunk } from '../yaml/split';
import { parseYaml } from '../yaml/parse';
import { lintDocument, type DocumentAnalysis, type RuleSettings } from './lintDocument';
import { DEFAULT_LINT_OPTIONS, type LintOptions } from './options';
import { templateOffset } from './template';

export interface ChunkAnalysis {
  chunk: Chunk;
  documents: DocumentAnalysis[];
}

export interface FileAnalysis {
  file: string;
  chunks: ChunkAnalysis[];
  /** Set when the file is a Helm/Go template: the only finding such a file gets. */
  templated: Finding | undefined;
  /** Holds at least one Kubernetes object (or looks like it would once it parses). */
  isKubernetes: boolean;
}

const LOOKS_KUBERNETES = /^apiVersion\s*:/m;
const HAS_KIND = /^kind\s*:/m;

/**
 * Lints one file, document by document, reusing the analysis of every document whose
 * text did not change since the last update: a keystroke re-parses one document.
 */
export class FileLinter {
  private cache = new Map<string, DocumentAnalysis[]>();
  private last: FileAnalysis | undefined;

  constructor(
    readonly file: string,
    private readonly rules: readonly ObjectRule[],
    private readonly settings: RuleSettings,
    private readonly options: LintOptions = DEFAULT_LINT_OPTIONS,
  ) {}

  get analysis(): FileAnalysis | undefined {
    return this.last;
  }

  /** The file's text as last given (chunks split it exactly). */
  get text(): string | undefined {
    return this.last?.chunks.map((c) => c.chunk.text).join('');
  }

  update(text: string): FileAnalysis {
    const chunks = splitDocuments(text);
    const next = new Map<string, DocumentAnalysis[]>();
    const analysed: ChunkAnalysis[] = chunks.map((chunk) => {
      let documents = next.get(chunk.text) ?? this.cache.get(chunk.text);
      if (!documents) documents = parseYaml(chunk.text).map((doc) => lintDocument(this.file, doc, this.rules, this.settings, this.options));
      next.set(chunk.text, documents);
      return { chunk, documents };
    });
    this.cache = next;
    const parsesCleanly = () => analysed.every((c) => c.documents.every((d) => d.doc.syntaxErrors.length === 0));
    const at = templateOffset(text, parsesCleanly);
    const templated = at === undefined ? undefined : templateFinding(this.file, text, at);
    const isKubernetes = analysed.some((c) => c.documents.some((d) => d.identity)) || (LOOKS_KUBERNETES.test(text) && HAS_KIND.test(text));
    this.last = { file: this.file, chunks: analysed, templated, isKubernetes };
    return this.last;
  }
}

function templateFinding(file: string, text: string, offset: number): Finding {
  const line = countNewlines(text, 0, offset);
  const character = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const end = text.indexOf('}}', offset);
  const sameLine = end >= 0 && text.lastIndexOf('\n', end) < offset;
  return {
    rule: templatedFile.id,
    severity: templatedFile.severity,
    message: 'Templated file (Helm/Go `{{ }}`), not linted: lint the rendered output instead.',
    range: { start: { line, character }, end: { line, character: sameLine ? character + (end - offset) + 2 : character + 2 } },
    file,
  };
}

/** All findings of a file in file positions: each document's findings shifted to where its chunk starts. */
export function fileFindings(analysis: FileAnalysis): Finding[] {
  if (analysis.templated) return [analysis.templated];
  if (!analysis.isKubernetes) return [];
  const out: Finding[] = [];
  for (const { chunk, documents } of analysis.chunks) {
    for (const d of documents) {
      for (const f of d.findings) out.push(shiftFinding(f, chunk.startLine));
    }
  }
  return out;
}
