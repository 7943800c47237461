import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

const CR = 13;
const LF = 10;
const isEol = (c: number) => c === CR || c === LF;

/** `text` cut after each line break (\r\n, \n or \r), the last piece (maybe empty) included. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * An open document's text as its lines, for the editor's copy of the text. vscode-languageserver-textdocument
 * keeps one string and splices each edit into it, which copies the whole text per keystroke
 * (for a 2.3 MB file, 10–20 ms of page faults on a busy machine); here an edit replaces the lines
 * it touches. Positions and edits behave exactly as in that library (same clamping: a
 * character past the end of a line means its end, before the line break; a line past the
 * end means the end of the text); the whole text is joined only when asked for, once per version.
 */
export class LineDocument implements TextDocument {
  /** Each line with its line break; the last one has none (and may be empty). */
  private lines: string[];
  private length: number;
  private text: string | undefined;
  private offsets: number[] | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
  ) {
    this.lines = splitLines(content);
    this.length = content.length;
    this.text = content;
  }

  static create(uri: string, languageId: string, version: number, content: string): LineDocument {
    return new LineDocument(uri, languageId, version, content);
  }

  /** Applies the changes in order (as TextDocument.update does) and returns the same document. */
  static update(document: LineDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): LineDocument {
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) document.replace(change.range, change.text);
      else if (typeof change.text === 'string') document.setText(change.text);
      else throw new Error('Unknown change event received');
    }
    document._version = version;
    return document;
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The text's length in UTF-16 code units, without joining it. */
  get textLength(): number {
    return this.length;
  }

  getText(range?: Range): string {
    if (!range) return (this.text ??= this.lines.join(''));
    if (this.text !== undefined) return this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    let [sl, sc] = this.resolve(range.start);
    let [el, ec] = this.resolve(range.end);
    // String.substring's order: a range given end first is the same text
    if (sl > el || (sl === el && sc > ec)) [sl, sc, el, ec] = [el, ec, sl, sc];
    if (sl === el) return this.lines[sl]!.slice(sc, ec);
    let out = this.lines[sl]!.slice(sc);
    for (let i = sl + 1; i < el; i++) out += this.lines[i]!;
    return out + this.lines[el]!.slice(0, ec);
  }

  /** True when the text holds `search` at `offset`, compared line by line (no joined copy of the text). */
  holds(search: string, offset: number): boolean {
    if (offset < 0 || offset + search.length > this.length) return false;
    if (this.text !== undefined) return this.text.startsWith(search, offset);
    let line = this.lineAt(offset);
    let column = offset - this.lineOffsets()[line]!;
    for (let i = 0; i < search.length; line++, column = 0) {
      const text = this.lines[line]!;
      const n = Math.min(text.length - column, search.length - i);
      if (column === 0 && n === text.length) {
        if (!search.startsWith(text, i)) return false;
      } else {
        for (let k = 0; k < n; k++) if (search.charCodeAt(i + k) !== text.charCodeAt(column + k)) return false;
      }
      i += n;
    }
    return true;
  }

  /** The line holding `offset` (0 ≤ offset ≤ length): the last line starting at or before it. */
  private lineAt(offset: number): number {
    const offsets = this.lineOffsets();
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (offsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    return low - 1;
  }

  offsetAt(position: Position): number {
    const [line, character] = this.resolve(position);
    return this.lineOffsets()[line]! + character;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const line = this.lineAt(offset);
    const text = this.lines[line]!;
    let character = offset - this.lineOffsets()[line]!;
    while (character > 0 && isEol(text.charCodeAt(character - 1))) character--;
    return { line, character };
  }

  getLineRange(line: number): Range {
    const last = this.lines.length - 1;
    if (line > last) return { start: { line: last, character: 0 }, end: { line: last, character: this.lines[last]!.length } };
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: { line, character: 0 }, end: { line, character: this.contentLength(line) } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.length) return '';
    return this.lines[line]!.slice(this.contentLength(line));
  }

  /** A line's length without its line break. */
  private contentLength(line: number): number {
    const text = this.lines[line]!;
    let n = text.length;
    while (n > 0 && isEol(text.charCodeAt(n - 1))) n--;
    return n;
  }

  private setText(text: string): void {
    this.lines = splitLines(text);
    this.length = text.length;
    this.text = text;
    this.offsets = undefined;
  }

  /** Replaces `range` (either order) by `text`, re-splitting only the lines around it. */
  private replace(range: Range, text: string): void {
    const { start, end } = range;
    const swapped = start.line > end.line || (start.line === end.line && start.character > end.character);
    const [sl, sc] = this.resolve(swapped ? end : start);
    const [el, ec] = this.resolve(swapped ? start : end);
    // the neighbours are re-split too: a \r before or after the edit may meet a \n and become one line break
    const from = Math.max(sl - 1, 0);
    const to = Math.min(el + 1, this.lines.length - 1);
    let before = 0;
    for (let i = from; i <= to; i++) before += this.lines[i]!.length;
    const combined = (from < sl ? this.lines[from]! : '') + this.lines[sl]!.slice(0, sc) + text + this.lines[el]!.slice(ec) + (to > el ? this.lines[to]! : '');
    const pieces = splitLines(combined);
    // unless the region reaches the end of the text, it ends with a line break: no empty last line of its own
    if (to < this.lines.length - 1) pieces.pop();
    const sameCount = pieces.length === to - from + 1;
    if (sameCount) for (let i = 0; i < pieces.length; i++) this.lines[from + i] = pieces[i]!;
    else if (pieces.length < 10_000) this.lines.splice(from, to - from + 1, ...pieces);
    else this.lines = this.lines.slice(0, from).concat(pieces, this.lines.slice(to + 1)); // too many for call arguments
    const diff = combined.length - before;
    this.length += diff;
    this.text = undefined;
    // line starts: the region's are recomputed, the ones after it move by the change in length
    const offsets = this.offsets;
    if (!offsets) return;
    if (!sameCount && pieces.length >= 10_000) {
      this.offsets = undefined;
      return;
    }
    const region: number[] = [];
    let at = offsets[from]!;
    for (const piece of pieces) {
      region.push(at);
      at += piece.length;
    }
    if (sameCount) for (let i = 0; i < region.length; i++) offsets[from + i] = region[i]!;
    else offsets.splice(from, to - from + 1, ...region);
    if (diff !== 0) for (let i = from + region.length; i < offsets.length; i++) offsets[i]! += diff;
  }

  /** A position as [line, character within that line's text], clamped as TextDocument.offsetAt clamps it. */
  private resolve(position: Position): [number, number] {
    const last = this.lines.length - 1;
    if (position.line > last) return [last, this.lines[last]!.length];
    if (position.line < 0) return [0, 0];
    if (position.character <= 0) return [position.line, 0];
    const text = this.lines[position.line]!;
    let character = Math.min(position.character, text.length);
    while (character > 0 && isEol(text.charCodeAt(character - 1))) character--;
    return [position.line, character];
  }

  private lineOffsets(): number[] {
    if (!this.offsets) {
      const offsets: number[] = [];
      let at = 0;
      for (const line of this.lines) {
        offsets.push(at);
        at += line.length;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }
}
