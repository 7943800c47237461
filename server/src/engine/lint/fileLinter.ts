import type { Finding, Range } from '../model/finding';
import { shiftFinding } from '../model/finding';
import type { ObjectRule } from '../rules/rule';
import { templatedFile } from '../rules/syntax';
import { countNewlines, hasDirective, splitDocuments, type Chunk } from '../yaml/split';
import { parseYaml } from '../yaml/parse';
import { lintDocument, type DocumentAnalysis, type RuleSettings } from './lintDocument';
import { DEFAULT_LINT_OPTIONS, type LintOptions } from './options';
import { HELM_MARKERS } from './template';
import { hotLookups } from './hotLookups';
import { editorText, type EditorText } from './editorText';

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
  /** Excluded by configuration: parsed (its objects count for references) but not reported on. */
  excluded: boolean;
}

/** An edit as the editor sends it: replace `range` (0-based lines, UTF-16 columns) by `text`; no range = the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

/** What file-level checks need to know of a chunk, computed once when the chunk is made. */
interface Traits {
  /** Offset of the first `{{` in the chunk, or -1. */
  openBrace: number;
  /** Offset just past the last `}}`, or -1. */
  closeBrace: number;
  helm: boolean;
  looksApiVersion: boolean;
  looksKind: boolean;
  /** Holds a CR not followed by LF: a line break to the editor, not to our line counting. */
  loneCR: boolean;
}

/** One document's text (from its `---` line to the next) and, once analysed, what linting found in it. */
export interface ChunkState {
  readonly text: string;
  /** Newlines in `text`: the chunk's line count when it ends with one. */
  readonly lines: number;
  readonly traits: Traits;
  /** Undefined until analysed. */
  documents: DocumentAnalysis[] | undefined;
  /** Position in the file's chunk list, kept current on every splice. */
  index: number;
  /** Its findings in file positions, for the line it was last at. */
  shifted?: { line: number; findings: Finding[] };
}

const LOOKS_API_VERSION = /^apiVersion\s*:/m;
const LOOKS_KIND = /^kind\s*:/m;

function makeChunk(text: string, documents?: DocumentAnalysis[]): ChunkState {
  const openBrace = text.indexOf('{{');
  const close = text.lastIndexOf('}}');
  return {
    text,
    lines: countNewlines(text),
    traits: {
      openBrace,
      closeBrace: close < 0 ? -1 : close + 2,
      helm: HELM_MARKERS.test(text),
      looksApiVersion: LOOKS_API_VERSION.test(text),
      looksKind: LOOKS_KIND.test(text),
      loneCR: hasLoneCR(text),
    },
    documents,
    index: 0,
  };
}

/** Counters that show what the incremental path did (tests and the bench read them). */
export interface LintCounters {
  /** Documents parsed and linted (cache misses). */
  parsedChunks: number;
  /** Edits applied in place, and edits that fell back to re-splitting the whole text. */
  incrementalEdits: number;
  fullUpdates: number;
  /** Times the chunks were found apart from the editor's text after an edit and re-split (should stay 0). */
  repairs: number;
}

/**
 * One file as a list of per-document chunks, linted incrementally. An edit is applied to
 * the chunks its range touches (found by line), which are re-split and re-parsed; every
 * other chunk keeps its text, analysis and findings. Findings are kept relative to their
 * chunk and shifted to file lines only when asked for, so an edit that adds a line costs
 * nothing for the documents below it.
 */
export class FileLinter {
  private chunks: ChunkState[] = [];
  /** First line of each chunk; rebuilt lazily after a change. */
  private starts: number[] | undefined;
  /** Chunks waiting to be parsed and linted, in file order of arrival. */
  private readonly pending = new Set<ChunkState>();
  /** Called with the chunks an update removed and the ones it analysed (the workspace's object index listens). */
  onChunksChanged: ((removed: readonly ChunkState[], added: readonly ChunkState[], shiftedFrom?: number) => void) | undefined;
  /** File-level traits, cached until the chunks change. */
  private traits: { templated: Finding | undefined; isKubernetes: boolean } | undefined;
  /** Sum of the chunks' lengths. */
  private length = 0;
  /** Chunks holding a lone CR. The editor counts such a CR as a line break and we do not, so while
   * any chunk holds one, edit positions cannot be mapped to chunks and every edit is a full update. */
  private loneCRChunks = 0;

  constructor(
    readonly file: string,
    private readonly rules: readonly ObjectRule[],
    private readonly settings: RuleSettings & { readonly excluded?: boolean },
    private readonly options: LintOptions = DEFAULT_LINT_OPTIONS,
    private readonly counters: LintCounters = { parsedChunks: 0, incrementalEdits: 0, fullUpdates: 0, repairs: 0 },
  ) {}

  /** Replaces the whole text; chunks whose text is unchanged keep their analysis. */
  setText(text: string): void {
    this.counters.fullUpdates++;
    const old = new Map<string, ChunkState>();
    for (const c of this.chunks) if (c.documents) old.set(c.text, c);
    const next = (hasDirective(text) ? [{ text }] : splitDocuments(text)).map((c) => makeChunk(c.text, old.get(c.text)?.documents));
    this.replace(0, this.chunks.length, next);
  }

  /** Applies editor changes in order. `currentText` gives the text after all changes, for the rare edits handled by a full update. */
  applyChanges(changes: readonly TextChange[], currentText: (() => string) | EditorText): void {
    const current = editorText(currentText);
    const touched = new Set<ChunkState>();
    for (const change of changes) {
      const made = change.range && this.applyEdit(change.range, change.text);
      if (!made) {
        this.setText(current.text());
        return;
      }
      for (const c of made) touched.add(c);
    }
    // a safety net, not a path taken: should an edit ever map to the wrong place, the linter must not keep
    // text the editor does not have. Checking the length and the chunks the edits made costs no allocation
    // and no pass over the whole text.
    if (!this.holds(current, touched)) {
      this.counters.repairs++;
      this.setText(current.text());
    }
  }

  /** True when `text` is as long as the chunks and holds each of `chunks` that is still current where it is. */
  private holds(text: EditorText, chunks: ReadonlySet<ChunkState>): boolean {
    if (text.length !== this.length) return false;
    let at = 0;
    for (const c of this.chunks) {
      if (chunks.has(c) && !text.holds(c.text, at)) return false;
      at += c.text.length;
    }
    return true;
  }

  /** Excluded by configuration: no findings of its own (its objects still exist for the workspace). */
  get excluded(): boolean {
    return this.settings.excluded === true;
  }

  /** The file's full text, as the chunks hold it. */
  get text(): string {
    return this.chunks.map((c) => c.text).join('');
  }

  /** True while some chunks are not analysed yet. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * Parses and lints pending chunks until done or until `deadline` (performance.now() ms).
   * Returns true when nothing is pending any more.
   */
  analyze(deadline = Infinity): boolean {
    const added: ChunkState[] = [];
    for (const chunk of this.pending) {
      this.pending.delete(chunk);
      this.counters.parsedChunks++;
      chunk.documents = parseYaml(chunk.text).map((doc) => {
        const analysis = lintDocument(this.file, doc, this.excluded ? [] : this.rules, this.settings, this.options);
        doc.release(hotLookups(analysis.identity?.kind));
        return analysis;
      });
      added.push(chunk);
      if (performance.now() >= deadline) break;
    }
    if (added.length) {
      this.traits = undefined;
      this.onChunksChanged?.([], added);
    }
    return this.pending.size === 0;
  }

  /** The analysed chunks with their first line, in file order. */
  *analysedChunks(): Generator<{ chunk: ChunkState; startLine: number }> {
    const starts = this.lineStarts();
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      if (chunk.documents) yield { chunk, startLine: starts[i]! };
    }
  }

  /** The line where `chunk` currently starts (it must belong to this file). */
  startLineOf(chunk: ChunkState): number {
    return this.lineStarts()[chunk.index] ?? 0;
  }

  /** A chunk is current when it still belongs to this file. */
  owns(chunk: ChunkState): boolean {
    return this.chunks[chunk.index] === chunk;
  }

  /** The file-level picture: templated? Kubernetes at all? */
  get templated(): Finding | undefined {
    return (this.traits ??= { templated: this.findTemplated(), isKubernetes: this.looksKubernetes() }).templated;
  }

  get isKubernetes(): boolean {
    return (this.traits ??= { templated: this.findTemplated(), isKubernetes: this.looksKubernetes() }).isKubernetes;
  }

  private findTemplated(): Finding | undefined {
    let first: { chunk: number; offset: number } | undefined;
    let helm = false;
    let lastClose = -1;
    let offset = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const t = this.chunks[i]!.traits;
      if (!first && t.openBrace >= 0) first = { chunk: i, offset: offset + t.openBrace };
      if (t.closeBrace >= 0) lastClose = offset + t.closeBrace;
      helm ||= t.helm;
      offset += this.chunks[i]!.text.length;
    }
    // like the text's indexOf('{{') and a `}}` after it
    if (!first || lastClose - 2 < first.offset) return undefined;
    if (!helm && this.parsesCleanly()) return undefined;
    const text = this.text;
    return templateFinding(this.file, text, first.offset);
  }

  private looksKubernetes(): boolean {
    let api = false;
    let kind = false;
    for (const c of this.chunks) {
      if (c.documents?.some((d) => d.identity)) return true;
      api ||= c.traits.looksApiVersion;
      kind ||= c.traits.looksKind;
    }
    return api && kind;
  }

  /** The whole analysis in file positions (built on demand: the editor path doesn't need it). */
  get analysis(): FileAnalysis {
    const chunks: ChunkAnalysis[] = [];
    let startOffset = 0;
    for (const { chunk, startLine } of this.analysedChunks()) {
      chunks.push({ chunk: { text: chunk.text, startLine, startOffset }, documents: chunk.documents! });
      startOffset += chunk.text.length;
    }
    return { file: this.file, chunks, templated: this.templated, isKubernetes: this.isKubernetes, excluded: this.excluded };
  }

  /** Own findings (not workspace rules') in file positions. */
  findings(): Finding[] {
    if (this.excluded) return [];
    const templated = this.templated;
    if (templated) return [templated];
    if (!this.isKubernetes) return [];
    const out: Finding[] = [];
    for (const { chunk, startLine } of this.analysedChunks()) {
      // shifted once per position: unchanged chunks hand out the same objects edit after edit
      if (chunk.shifted?.line !== startLine) {
        const list: Finding[] = [];
        for (const d of chunk.documents!) for (const f of d.findings) list.push(shiftFinding(f, startLine));
        chunk.shifted = { line: startLine, findings: list };
      }
      for (const f of chunk.shifted.findings) out.push(f);
    }
    return out;
  }

  private parsesCleanly(): boolean {
    return this.chunks.every((c) => !c.documents || c.documents.every((d) => d.doc.syntaxErrors.length === 0));
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = new Array<number>(this.chunks.length);
    let line = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      starts[i] = line;
      line += this.chunks[i]!.lines;
    }
    return (this.starts = starts);
  }

  /** Chunk holding `line` (the last chunk for lines past the end). */
  private chunkAt(line: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Applies one ranged edit to the chunks it touches and returns the chunks it made and the
   * one after them, or undefined when the edit needs a full update: a directive stream, or a
   * lone CR anywhere in the file or the edit (a line break to the editor, not to us: the lines
   * below it would be numbered differently).
   */
  private applyEdit(range: Range, text: string): ChunkState[] | undefined {
    if (this.chunks.length === 0 || this.loneCRChunks > 0) return undefined;
    if (this.chunks.length === 1 && hasDirective(this.chunks[0]!.text)) return undefined;
    let a = this.chunkAt(range.start.line);
    const b = this.chunkAt(range.end.line);
    const starts = this.lineStarts();
    // an edit on a `---` line may remove the marker: the document above joins in
    if (a > 0 && range.start.line <= starts[a]!) a--;
    const regionLine = starts[a]!;
    let region = '';
    for (let i = a; i <= b; i++) region += this.chunks[i]!.text;
    const from = offsetAt(region, range.start.line - regionLine, range.start.character);
    const to = Math.max(from, offsetAt(region, range.end.line - regionLine, range.end.character));
    const edited = region.slice(0, from) + text + region.slice(to);
    if (hasLoneCR(text) || hasDirective(edited)) return undefined;
    this.counters.incrementalEdits++;
    const old = new Map<string, DocumentAnalysis[]>();
    for (let i = a; i <= b; i++) {
      const c = this.chunks[i]!;
      if (c.documents) old.set(c.text, c.documents);
    }
    const next = edited.length === 0 && this.chunks.length > 1 ? [] : splitDocuments(edited).map((c) => makeChunk(c.text, old.get(c.text)));
    this.replace(a, b - a + 1, next);
    // with the chunk after them, so an edit that removed whole documents is checked too
    return this.chunks.slice(a, a + next.length + 1);
  }

  private replace(at: number, count: number, next: ChunkState[]): void {
    // not splice(at, count, ...next): spreading a million documents overflows the call stack
    const removed = this.chunks.slice(at, at + count);
    this.chunks = this.chunks.slice(0, at).concat(next, this.chunks.slice(at + count));
    for (const c of removed) {
      this.pending.delete(c);
      if (c.traits.loneCR) this.loneCRChunks--;
      this.length -= c.text.length;
    }
    for (const c of next) {
      if (c.traits.loneCR) this.loneCRChunks++;
      this.length += c.text.length;
    }
    for (let i = at; i < this.chunks.length; i++) this.chunks[i]!.index = i;
    this.starts = undefined;
    this.traits = undefined;
    const analysed: ChunkState[] = [];
    for (const c of next) {
      if (c.documents) analysed.push(c);
      else this.pending.add(c);
    }
    const lineDelta = next.reduce((n, c) => n + c.lines, 0) - removed.reduce((n, c) => n + c.lines, 0);
    const shiftedFrom = lineDelta !== 0 && at + next.length < this.chunks.length ? at + next.length : undefined;
    this.onChunksChanged?.(removed.filter((c) => c.documents), analysed, shiftedFrom);
  }
}

/** Offset of (line, character) in `text`, clamped like an editor does: past a line's end means its end. */
function offsetAt(text: string, line: number, character: number): number {
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.length;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  else if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return Math.min(start + Math.max(0, character), end);
}

function hasLoneCR(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
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
  if (analysis.excluded) return [];
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
