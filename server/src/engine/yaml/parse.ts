import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { Range } from '../model/finding';
import { RangeMapper, rangeOfPath, pathExists, type Part, type Path } from './locate';
import { pathAtOffset, type PathAt } from './pathAt';

/** yaml's own defence against alias bombs ("billion laughs"), kept explicit. */
const MAX_ALIAS_COUNT = 100;

export interface SyntaxError {
  message: string;
  range: Range;
}

/**
 * One YAML document, parsed, with its value and a way back to source ranges.
 * Ranges are relative to the text it was parsed from (a chunk of the file), so a
 * cached document stays valid when lines are inserted above it.
 */
export class ParsedDocument {
  /** The document's JavaScript value; undefined when it could not be built. */
  readonly value: unknown;
  readonly syntaxErrors: readonly SyntaxError[];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly mapper: RangeMapper,
    /** Errors found before this document, e.g. in a stream's directives. */
    streamErrors: readonly SyntaxError[] = [],
    /** The text the document was parsed from (its chunk); node offsets index into it. */
    readonly text: string = '',
  ) {
    const errors: SyntaxError[] = [...streamErrors];
    for (const e of doc.errors) errors.push({ message: firstLine(e.message), range: mapper.fromOffsets(e.pos[0], e.pos[1]) });
    let value: unknown;
    if (errors.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        const r = doc.contents?.range;
        errors.push({ message: firstLine(e instanceof Error ? e.message : String(e)), range: mapper.fromOffsets(r?.[0] ?? 0, r?.[0] ?? 0) });
      }
    }
    this.value = value;
    this.syntaxErrors = errors;
  }

  /** The object at the document's root, when it is a mapping. */
  get object(): Record<string, unknown> | undefined {
    const v = this.value;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  }

  /** True when the document holds nothing but comments or blanks. */
  get isEmpty(): boolean {
    return this.doc.contents === null && this.syntaxErrors.length === 0;
  }

  rangeOf(path: Path, part: Part = 'key'): Range {
    return rangeOfPath(this.doc, this.mapper, path, part);
  }

  has(path: Path): boolean {
    return pathExists(this.doc, path);
  }

  /** Where the document's content begins: its first key. */
  get headRange(): Range {
    return rangeOfPath(this.doc, this.mapper, [], 'key');
  }

  /** The syntax tree, for edits that must respect the source's layout (quick fixes). */
  get ast(): Document.Parsed {
    return this.doc;
  }

  /** What a (chunk-relative) position points at: the path of the key or value under it, for hover. */
  pathAt(line: number, character: number): (PathAt & { range: Range }) | undefined {
    const offset = this.mapper.toOffset(line, character);
    if (offset === undefined) return undefined;
    const at = pathAtOffset(this.doc.contents, offset);
    return at && { ...at, range: this.mapper.fromOffsets(at.start, at.end) };
  }

  /** Converts offsets in the parsed text into ranges. */
  rangeAt(start: number, end: number): Range {
    return this.mapper.fromOffsets(start, end);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Parses a piece of YAML holding one document (or, for streams with directives, several). */
export function parseYaml(text: string): ParsedDocument[] {
  const mapper = new RangeMapper(text, 0);
  // merge keys (`<<: *base`) as kubectl reads them (YAML 1.1), instead of a literal "<<" key
  const parsed = parseAllDocuments(text, { prettyErrors: false, keepSourceTokens: false, strict: true, uniqueKeys: true, merge: true });
  if ('empty' in parsed) {
    // only comments, blanks or directives; errors here still need a home
    const errors = parsed.errors.map((e) => ({ message: firstLine(e.message), range: mapper.fromOffsets(e.pos[0], e.pos[1]) }));
    return errors.length ? [new ParsedDocument(parseDocument(''), mapper, errors, text)] : [];
  }
  return parsed.map((doc) => new ParsedDocument(doc, mapper, [], text));
}
