import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Path } from './locate';

export interface PathAt {
  /** Path of the innermost map entry or list item under the offset. */
  path: Path;
  /** The offset is on the entry's key (or its colon), not inside its value. */
  onKey: boolean;
  /** Source offsets of what is under the cursor: the key, or the scalar value. */
  start: number;
  end: number;
}

/** What a text offset points at in a parsed YAML tree, for hover. */
export function pathAtOffset(root: Node | null, offset: number): PathAt | undefined {
  return walk(root, offset, []);
}

function within(node: Node | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

function walk(node: Node | null, offset: number, path: (string | number)[]): PathAt | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      // the key, up to and including its colon
      if (offset >= key.range[0] && offset <= key.range[1] + 1) {
        return { path: [...path, name], onKey: true, start: key.range[0], end: key.range[1] };
      }
      if (within(value, offset)) return walk(value, offset, [...path, name]) ?? scalarAt(value, [...path, name]);
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (within(item, offset)) return walk(item, offset, [...path, i]) ?? scalarAt(item, [...path, i]);
    }
    return undefined;
  }
  return undefined;
}

function scalarAt(node: Node | null, path: Path): PathAt | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return { path, onKey: false, start: node.range[0], end: node.range[1] };
}
