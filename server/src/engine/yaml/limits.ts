import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/**
 * Bounds that keep one hostile document from freezing the editor.
 * The API server stores objects in etcd, whose default request limit is 1.5 MiB
 * (etcd `--max-request-bytes`), so a bigger document can never be applied as one object.
 */
export const MAX_DOCUMENT_CHARS = 1.5 * 1024 * 1024;
/** Deeper than any real manifest; the parser is recursive and would exhaust the stack. */
export const MAX_NESTING = 500;
/** Two columns a level, the narrowest indentation people use. */
const MAX_INDENT = MAX_NESTING * 2;

export interface InputProblem {
  rule: 'file-too-large' | 'yaml-syntax';
  message: string;
  /** Offset in the text where the problem shows. */
  offset: number;
}

/** Checks size and block nesting before parsing, in one pass over the characters. */
export function precheck(text: string): InputProblem | undefined {
  if (text.length > MAX_DOCUMENT_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return { rule: 'file-too-large', offset: 0, message: `Document not linted: it is ${mb} MiB, more than the 1.5 MiB the API server can store as one object.` };
  }
  // Block nesting shows as indentation, one column or more a level. Flow nesting (`[[[…`)
  // needs no check here: yaml reports its own stack overflow as a located error.
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) indent = 0;
    else if (c === 32 && indent >= 0) {
      if (++indent > MAX_INDENT) return deep(i);
    } else indent = -1;
  }
  return undefined;
}

function deep(offset: number): InputProblem {
  return { rule: 'yaml-syntax', offset, message: `Nesting deeper than ${MAX_NESTING} levels: not read (no real manifest nests this deep).` };
}

/**
 * Duplicate keys, found in one pass with a set per mapping. yaml's own `uniqueKeys` check
 * compares every key with every earlier one, which takes minutes on a mapping of 100k keys.
 */
export function duplicateKeys(doc: Document.Parsed): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as Node | null;
        if (isScalar(k)) {
          const name = String(k.value);
          // YAML 1.1 merge keys may repeat (`<<: *a` twice is how some write multiple merges)
          if (seen.has(name) && name !== '<<') out.push({ key: name, start: k.range?.[0] ?? 0, end: k.range?.[1] ?? 0 });
          seen.add(name);
        } else if (k) stack.push(k);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}
