import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { Range } from '../model/finding';
import { RangeMapper, rangeOfPath, pathExists, type Part, type Path } from './locate';
import { duplicateKeys, precheck } from './limits';
import { pathAtOffset, type PathAt } from './pathAt';

/** yaml's own defence against alias bombs ("billion laughs"), kept explicit. */
const MAX_ALIAS_COUNT = 100;

export interface SyntaxError {
  message: string;
  range: Range;
  /** The rule reporting it when not `yaml-syntax` (e.g. `file-too-large`). */
  rule?: string;
}

/** The parsed syntax tree of one document, with offsets → positions for its chunk. */
interface Tree {
  doc: Document.Parsed;
  mapper: RangeMapper;
}


/**
 * One YAML document, parsed, with its value and a way back to source ranges.
 * Ranges are relative to the text it was parsed from (a chunk of the file), so a
 * cached document stays valid when lines are inserted above it.
 *
 * The syntax tree is the heavy part (several times the value), so once the document has
 * been linted the engine `release()`s it; `rangeOf` then re-parses this one document on
 * demand (a fraction of a millisecond), with a small cache for repeated look-ups. Ranges
 * and presence answered without the tree are remembered for the document's life:
 * workspace rules and the simulator ask the same few per document on every run, over
 * thousands of documents, and `release` can take the hot ones while the tree is at hand.
 */
export class ParsedDocument {
  /** The document's JavaScript value; undefined when it could not be built. */
  readonly value: unknown;
  readonly syntaxErrors: readonly SyntaxError[];
  private readonly empty: boolean;
  private tree: Tree | undefined;
  /** Answers given after the tree was released, by `part + path`. */
  private ranges: Map<string, Range> | undefined;
  private presence: Map<string, boolean> | undefined;

  constructor(
    doc: Document.Parsed,
    mapper: RangeMapper,
    /** Errors found before this document, e.g. in a stream's directives. */
    streamErrors: readonly SyntaxError[] = [],
    /** The text the document was parsed from (its chunk); node offsets index into it. */
    readonly text: string = '',
    /** Index of the document in the stream `text` holds (more than one only for directive streams); -1: not rebuildable. */
    private readonly index = -1,
  ) {
    const errors: SyntaxError[] = [...streamErrors];
    for (const e of doc.errors) errors.push({ message: parserMessage(e.message), range: mapper.fromOffsets(e.pos[0], e.pos[1]) });
    if (errors.length === 0) {
      for (const d of duplicateKeys(doc)) errors.push({ message: `Map keys must be unique: "${d.key}" is repeated.`, range: mapper.fromOffsets(d.start, d.end) });
    }
    let value: unknown;
    if (errors.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        const r = doc.contents?.range;
        errors.push({ message: valueError(e), range: mapper.fromOffsets(r?.[0] ?? 0, r?.[0] ?? 0) });
      }
    }
    this.value = value;
    this.syntaxErrors = errors;
    this.empty = doc.contents === null && errors.length === 0;
    this.tree = { doc, mapper };
  }

  /** The object at the document's root, when it is a mapping. */
  get object(): Record<string, unknown> | undefined {
    const v = this.value;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  }

  /** True when the document holds nothing but comments or blanks. */
  get isEmpty(): boolean {
    return this.empty;
  }

  rangeOf(path: Path, part: Part = 'key'): Range {
    if (this.tree) return rangeOfPath(this.tree.doc, this.tree.mapper, path, part);
    const key = memoKey(path, part);
    let r = this.ranges?.get(key);
    if (!r) {
      const t = this.syntaxTree();
      (this.ranges ??= new Map()).set(key, (r = rangeOfPath(t.doc, t.mapper, path, part)));
    }
    return r;
  }

  has(path: Path): boolean {
    if (this.tree) return pathExists(this.tree.doc, path);
    const key = memoKey(path, 'has');
    let found = this.presence?.get(key);
    if (found === undefined) (this.presence ??= new Map()).set(key, (found = pathExists(this.syntaxTree().doc, path)));
    return found;
  }

  /** Where the document's content begins: its first key. */
  get headRange(): Range {
    return this.rangeOf([], 'key');
  }

  /** The syntax tree, for edits that must respect the source's layout (quick fixes). */
  get ast(): Document.Parsed {
    return this.syntaxTree().doc;
  }

  /** What a (chunk-relative) position points at: the path of the key or value under it, for hover. */
  pathAt(line: number, character: number): (PathAt & { range: Range }) | undefined {
    const { doc, mapper } = this.syntaxTree();
    const offset = mapper.toOffset(line, character);
    if (offset === undefined) return undefined;
    const at = pathAtOffset(doc.contents, offset);
    return at && { ...at, range: mapper.fromOffsets(at.start, at.end) };
  }

  /** Converts offsets in the parsed text into ranges. */
  rangeAt(start: number, end: number): Range {
    return this.syntaxTree().mapper.fromOffsets(start, end);
  }

  /**
   * Drops the syntax tree to save memory; it is rebuilt from the source when needed.
   * `keep`: look-ups to answer now, while the tree is here (those later work asks of most documents).
   */
  release(keep: readonly (readonly [Path, Part])[] = []): void {
    if (this.index < 0 || !this.tree) return;
    const { doc, mapper } = this.tree;
    for (const [path, part] of keep) {
      (this.presence ??= new Map()).set(memoKey(path, 'has'), pathExists(doc, path));
      (this.ranges ??= new Map()).set(memoKey(path, part), rangeOfPath(doc, mapper, path, part));
    }
    this.tree = undefined;
  }

  private syntaxTree(): Tree {
    if (this.tree) return this.tree;
    const cached = reparsed.get(this);
    if (cached) {
      // refresh its place in the LRU order
      reparsed.delete(this);
      reparsed.set(this, cached);
      return cached;
    }
    const docs = parseAllDocuments(this.text, PARSE_OPTIONS);
    const doc = 'empty' in docs ? parseDocument('') : docs[this.index]!;
    const tree: Tree = { doc, mapper: new RangeMapper(this.text, 0) };
    reparsed.set(this, tree);
    if (reparsed.size > REPARSED_CACHE) reparsed.delete(reparsed.keys().next().value!);
    return tree;
  }
}

function memoKey(path: Path, part: Part | 'has'): string {
  return `${part}\0${path.join('\0')}`;
}

/** Trees rebuilt for released documents, least recently used first. */
const reparsed = new Map<ParsedDocument, Tree>();
const REPARSED_CACHE = 32;

// merge keys (`<<: *base`) as kubectl reads them (YAML 1.1), instead of a literal "<<" key
// duplicate keys are checked by `duplicateKeys` (linear) instead of yaml's quadratic `uniqueKeys`
const PARSE_OPTIONS = { prettyErrors: false, keepSourceTokens: false, strict: true, uniqueKeys: false, merge: true } as const;

/** yaml's message, first line; its stack overflow on absurd nesting said plainly. */
export function parserMessage(message: string): string {
  if (message.startsWith('Maximum call stack size exceeded')) return `Nesting too deep to read (more than the parser's stack holds; real manifests nest a few dozen levels).`;
  return firstLine(message);
}

/** Why a document's value could not be built, in words a user can act on. */
function valueError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/resource exhaustion|alias count/i.test(message)) {
    return `Aliases expand too much (more than ${MAX_ALIAS_COUNT} uses of anchors): a "billion laughs" pattern; not read.`;
  }
  if (e instanceof RangeError) return 'Nesting too deep to read.';
  return firstLine(message);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Parses a piece of YAML holding one document (or, for streams with directives, several). */
export function parseYaml(text: string): ParsedDocument[] {
  const mapper = new RangeMapper(text, 0);
  const problem = precheck(text);
  if (problem) {
    const at = mapper.fromOffsets(problem.offset, problem.offset);
    return [new ParsedDocument(parseDocument(''), mapper, [{ message: problem.message, range: at, rule: problem.rule }], text)];
  }
  const parsed = parseAllDocuments(text, PARSE_OPTIONS);
  if ('empty' in parsed) {
    // only comments, blanks or directives; errors here still need a home
    const errors = parsed.errors.map((e) => ({ message: firstLine(e.message), range: mapper.fromOffsets(e.pos[0], e.pos[1]) }));
    return errors.length ? [new ParsedDocument(parseDocument(''), mapper, errors, text)] : [];
  }
  return parsed.map((doc, index) => new ParsedDocument(doc, mapper, [], text, index));
}
