/**
 * Splits a multi-document YAML stream at its `---` markers so each document can be
 * parsed (and cached) on its own. YAML 1.2 forbids a document marker at column 0 inside
 * any scalar, so a line starting with `---` followed by a blank or line end always starts
 * a document; the split is exact, and `yaml` still does all the parsing.
 * A stream with directives (`%YAML`, `%TAG`) is not split: a directive belongs to the
 * document after it, which only the full parser can tell.
 */
export interface Chunk {
  /** The document's text, from its `---` line (if any) up to the next marker. */
  text: string;
  /** 0-based line of the chunk's first character in the whole file. */
  startLine: number;
  /** UTF-16 offset of the chunk's first character in the whole file. */
  startOffset: number;
}

export function splitDocuments(text: string): Chunk[] {
  if (hasDirective(text)) return [{ text, startLine: 0, startOffset: 0 }];
  const starts: number[] = [0];
  let from = 0;
  for (;;) {
    const at = text.indexOf('\n---', from);
    if (at < 0) break;
    const after = text.charCodeAt(at + 4);
    // blank, tab, CR, LF or end of text: a marker; anything else (`----`, `---x`) is content
    if (Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10) starts.push(at + 1);
    from = at + 4;
  }
  const chunks: Chunk[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    chunks.push({ text: text.slice(start, end), startLine: line, startOffset: start });
    line += countNewlines(text, start, end);
  }
  return chunks;
}

export function hasDirective(text: string): boolean {
  return text.startsWith('%') || /\n%[A-Z]/.test(text);
}

export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
