import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Position, Range } from '../model/finding';

/** A path into a document: map keys and sequence indexes, as in `spec.containers[0].image`. */
export type Path = readonly (string | number)[];

/**
 * Which part of a path's node a finding points at:
 * `key` — the key (`image`), the narrowest useful mark; for a sequence item, the item;
 * `value` — the value only; `entry` — key through value.
 */
export type Part = 'key' | 'value' | 'entry';

interface Located {
  key: Node | undefined;
  value: Node | undefined;
  /** How many path segments exist in the document. */
  depth: number;
}

function locateNodes(root: Node | null, path: Path): Located {
  let key: Node | undefined;
  let value: Node | undefined = root ?? undefined;
  let depth = 0;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(value)) break;
      const item = value.items[segment];
      if (!item || typeof item !== 'object') break;
      key = item as Node;
      value = item as Node;
    } else {
      if (!isMap(value)) break;
      const pair = value.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      key = pair.key as Node;
      value = (pair.value ?? undefined) as Node | undefined;
    }
    depth++;
  }
  return { key, value, depth };
}

/**
 * Offsets → positions for one parsed text, shifted by the text's first line in the file.
 * Lines are counted at `\n` (as editors do; `\r\n` ends in `\n`), from our own index of
 * line starts rather than the parser's, so every offset maps inside the text even where
 * the parser stopped early (a NUL byte) or reports one past the end.
 */
export class RangeMapper {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    readonly lineOffset: number,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  private position(offset: number): Position {
    const o = Math.min(Math.max(0, offset), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.lineOffset, character: o - this.lineStarts[lo]! };
  }

  /** The offset of a chunk-relative position, or undefined when the line is outside the chunk. */
  toOffset(line: number, character: number): number | undefined {
    const starts = this.lineStarts;
    const l = line - this.lineOffset;
    if (l < 0 || l >= starts.length) return undefined;
    return starts[l]! + character;
  }

  fromOffsets(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}

/**
 * The range of `path` in `doc`. When the path does not exist, the deepest existing
 * ancestor is used: a finding about a missing field points at its parent's key,
 * never at line 1.
 */
export function rangeOfPath(doc: Document.Parsed, mapper: RangeMapper, path: Path, part: Part = 'key'): Range {
  const found = locateNodes(doc.contents, path);
  const keyNode = narrowCollection(found.key ?? found.value);
  const valueNode = found.value ?? found.key;
  const pick = (n: Node | undefined) => n?.range;
  let r: readonly [number, number, number] | undefined | null;
  if (part === 'key') r = pick(keyNode);
  else if (part === 'value') r = pick(valueNode);
  else {
    const a = pick(keyNode);
    const b = pick(valueNode);
    if (a && b) return mapper.fromOffsets(a[0], Math.max(a[1], b[1]));
    r = a ?? b;
  }
  if (!r) return mapper.fromOffsets(0, 0);
  return mapper.fromOffsets(r[0], r[1]);
}

/** A map stands for itself by its first key: one line, not the whole block. */
function narrowCollection(node: Node | undefined): Node | undefined {
  if (isMap(node) && node.items.length > 0 && isScalar(node.items[0]!.key)) return node.items[0]!.key as Node;
  return node;
}

/** True when every segment of `path` exists in the document. */
export function pathExists(doc: Document.Parsed, path: Path): boolean {
  return locateNodes(doc.contents, path).depth === path.length;
}
