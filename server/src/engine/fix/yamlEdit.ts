/**
 * Text edits that change a YAML document the way a person would: new keys go in the
 * mapping's own style (block lines at its indentation, or `, key: value` inside `{ }`),
 * existing values are replaced in place, line endings follow the file (LF or CRLF), and
 * everything else — comments, quoting, key order — is left as it was.
 */
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { QuickFix, TextEdit } from '../model/finding';
import type { ParsedDocument } from '../yaml/parse';
import type { Path } from '../yaml/locate';

/** A scalar, a nested patch (merged key by key), or a list whose items must be present. */
export type PatchValue = string | number | boolean | Patch | readonly (string | number | boolean | Patch)[];
export interface Patch {
  readonly [key: string]: PatchValue;
}

interface Offsets {
  start: number;
  end: number;
  text: string;
}

/** Finds the node at `path`, with the pair holding it when the last segment is a key. */
function locate(doc: ParsedDocument, path: Path): { node: Node | null | undefined; pair?: Pair } {
  let node: unknown = doc.ast.contents;
  let pair: Pair | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(node)) return { node: undefined };
      node = node.items[seg];
      pair = undefined;
    } else {
      if (!isMap(node)) return { node: undefined };
      pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return { node: undefined };
      node = pair.value;
    }
    if (node === undefined) return { node: undefined };
  }
  return { node: node as Node | null, ...(pair ? { pair } : {}) };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Offset of the end of the line holding `offset` (before CR/LF). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function isPatch(v: PatchValue): v is Patch {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const SAFE_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
/**
 * Plain scalars that a YAML 1.2 core schema or a YAML 1.1 reader (as kubectl's go-yaml is)
 * would read as something other than a string: null, booleans (yes/no/on/off too), numbers.
 */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A scalar as YAML source: plain when every reader takes it as the same string, else double-quoted. */
export function scalarText(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return SAFE_PLAIN.test(v) && !NOT_A_STRING.test(v) ? v : JSON.stringify(v);
}

export function flowText(v: PatchValue): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (isPatch(v as PatchValue)) {
    const entries = Object.entries(v as Patch);
    return entries.length ? `{ ${entries.map(([k, x]) => `${scalarText(k)}: ${flowText(x)}`).join(', ')} }` : '{}';
  }
  return scalarText(v as string | number | boolean);
}

/** Block lines (without indentation) for the entries of a patch, nested by two spaces. */
function blockLines(p: Patch): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    const key = scalarText(k);
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${key}: []`);
      else {
        out.push(`${key}:`);
        for (const item of v) {
          if (isPatch(item)) {
            const lines = blockLines(item);
            lines.forEach((l, i) => out.push(i === 0 ? `  - ${l}` : `    ${l}`));
          } else out.push(`  - ${scalarText(item)}`);
        }
      }
    } else if (isPatch(v as PatchValue)) {
      const inner = blockLines(v as Patch);
      if (inner.length === 0) out.push(`${key}: {}`);
      else out.push(`${key}:`, ...inner.map((l) => `  ${l}`));
    } else out.push(`${key}: ${scalarText(v as string | number | boolean)}`);
  }
  return out;
}

function isSingleLineScalarPair(text: string, pair: Pair): boolean {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range || !isScalar(value) || !value.range) return false;
  if (value.type === Scalar.BLOCK_LITERAL || value.type === Scalar.BLOCK_FOLDED) return false;
  return !text.slice(key.range[0], value.range[1]).includes('\n');
}

function isEmptyValue(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
}

class EditBuilder {
  readonly edits: Offsets[] = [];
  readonly eol: string;

  constructor(readonly text: string) {
    this.eol = eolOf(text);
  }

  /** Adds `entries` to a mapping that lacks them, in its style. */
  insertEntries(map: YAMLMap, entries: Patch): void {
    if (Object.keys(entries).length === 0) return;
    const text = this.text;
    if (map.flow) {
      const parts = Object.entries(entries).map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`);
      const last = map.items[map.items.length - 1];
      const lastEnd = last ? ((last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1]) : undefined;
      if (lastEnd !== undefined) this.edits.push({ start: lastEnd, end: lastEnd, text: `, ${parts.join(', ')}` });
      else if (map.range) this.edits.push({ start: map.range[0] + 1, end: map.range[0] + 1, text: ` ${parts.join(', ')} ` });
      return;
    }
    const first = map.items[0]?.key as Node | null | undefined;
    if (!first?.range) return;
    const indent = ' '.repeat(columnOf(text, first.range[0]));
    const lines = blockLines(entries);
    // After `name:` when it is one line (reads naturally), else before the first key.
    const anchor = map.items.find((p) => isScalar(p.key) && p.key.value === 'name' && !(String(p.key.value) in entries) && isSingleLineScalarPair(text, p));
    if (anchor) {
      const at = lineEnd(text, (anchor.value as Node).range![1]);
      this.edits.push({ start: at, end: at, text: lines.map((l) => this.eol + indent + l).join('') });
    } else {
      const at = first.range[0];
      this.edits.push({ start: at, end: at, text: lines.map((l) => l + this.eol + indent).join('') });
    }
  }

  /** Replaces a value (or fills an empty one) with `value`, keeping block style where the value is block. */
  setValue(pair: Pair, parentFlow: boolean, value: PatchValue): void {
    const node = pair.value as Node | null;
    const key = pair.key as Node | null;
    const text = this.text;
    const structured = typeof value === 'object';
    if (isEmptyValue(node)) {
      // An explicit `~`/`null` is replaced; an empty value is filled right after the colon, before any comment.
      const explicit = node?.range && node.range[1] > node.range[0];
      const colon = key?.range ? text.indexOf(':', key.range[1]) : -1;
      const at = explicit ? node!.range![0] : colon >= 0 ? colon + 1 : undefined;
      if (at === undefined) return;
      const end = explicit ? node!.range![1] : at;
      if (structured && !parentFlow && key?.range && isPatch(value) && Object.keys(value).length > 0) {
        const indent = ' '.repeat(columnOf(text, key.range[0]) + 2);
        this.edits.push({ start: at, end, text: blockLines(value).map((l) => this.eol + indent + l).join('') });
      } else {
        const needsSpace = at === end && text[at - 1] === ':';
        this.edits.push({ start: at, end, text: (needsSpace ? ' ' : '') + flowText(value) });
      }
      return;
    }
    if (!node?.range) return;
    if ((isMap(node) || isSeq(node)) && !node.flow && !parentFlow && key?.range) {
      // a block collection's range runs through the line break (and indentation) after its last
      // item: replacing all of it glued the next key onto the new value. The new value goes
      // right after the colon, or where the collection started when a comment follows the colon.
      const colon = text.indexOf(':', key.range[1]);
      let end = node.range[1];
      while (end > node.range[0] && /\s/.test(text[end - 1]!)) end--;
      const afterColon = colon >= 0 && colon < node.range[0] && text.slice(colon + 1, node.range[0]).trim() === '';
      this.edits.push(afterColon ? { start: colon + 1, end, text: ` ${flowText(value)}` } : { start: node.range[0], end, text: flowText(value) });
      return;
    }
    this.edits.push({ start: node.range[0], end: node.range[1], text: flowText(value) });
  }

  /** Appends the items a sequence lacks. */
  appendItems(seq: YAMLSeq, items: readonly PatchValue[]): void {
    if (!seq.range || items.length === 0) return;
    if (seq.flow) {
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      const text = items.map(flowText).join(', ');
      if (last?.range) this.edits.push({ start: last.range[1], end: last.range[1], text: `, ${text}` });
      else this.edits.push({ start: seq.range[0] + 1, end: seq.range[0] + 1, text });
      return;
    }
    const at = seq.range[0];
    const indent = ' '.repeat(columnOf(this.text, at));
    this.edits.push({ start: at, end: at, text: items.map((i) => `- ${flowText(i)}${this.eol}${indent}`).join('') });
  }

  /** Merges `patch` into `map`: missing keys are added, differing scalars replaced, lists extended. */
  merge(map: YAMLMap, patch: Patch): void {
    const missing: Record<string, PatchValue> = {};
    for (const [k, v] of Object.entries(patch)) {
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
      if (!pair) {
        missing[k] = v;
        continue;
      }
      const node = pair.value as Node | null;
      if (isPatch(v)) {
        if (isMap(node)) this.merge(node, v);
        else this.setValue(pair, !!map.flow, v);
      } else if (Array.isArray(v)) {
        if (isSeq(node)) {
          const present = new Set(node.items.map((i) => (isScalar(i) ? String(i.value).toUpperCase() : undefined)));
          const lacking = v.filter((x) => isPatch(x) || !present.has(String(x).toUpperCase()));
          this.appendItems(node, lacking);
        } else this.setValue(pair, !!map.flow, v);
      } else if (!(isScalar(node) && node.value === v)) this.setValue(pair, !!map.flow, v);
    }
    this.insertEntries(map, missing);
  }

  toTextEdits(doc: ParsedDocument): TextEdit[] {
    return this.edits.sort((a, b) => a.start - b.start).map((e) => ({ range: doc.rangeAt(e.start, e.end), newText: e.text }));
  }
}

/** Edits that merge `patch` into the mapping at `path`; undefined when there is no mapping there. */
export function patchEdits(doc: ParsedDocument, path: Path, patch: Patch): TextEdit[] | undefined {
  const { node } = locate(doc, path);
  if (!isMap(node)) return undefined;
  const b = new EditBuilder(doc.text);
  b.merge(node, patch);
  return b.edits.length ? b.toTextEdits(doc) : undefined;
}

/** Edits that replace the value at `path` (which must exist) with `value`. */
export function replaceEdits(doc: ParsedDocument, path: Path, value: PatchValue): TextEdit[] | undefined {
  if (path.length === 0) return undefined;
  const parent = locate(doc, path.slice(0, -1)).node;
  const { pair } = locate(doc, path);
  if (!pair || !isMap(parent)) return undefined;
  const b = new EditBuilder(doc.text);
  b.setValue(pair, !!parent.flow, value);
  return b.edits.length ? b.toTextEdits(doc) : undefined;
}

/** Edits that remove item `index` of the sequence at `path` (its line in block style, with its comma in flow style). */
export function removeItemEdits(doc: ParsedDocument, path: Path, index: number): TextEdit[] | undefined {
  const { node } = locate(doc, path);
  if (!isSeq(node) || !node.range) return undefined;
  const item = node.items[index] as Node | undefined;
  if (!isScalar(item) || !item.range) return undefined;
  const text = doc.text;
  let start: number;
  let end: number;
  if (node.flow) {
    if (node.items.length === 1) return [{ range: doc.rangeAt(node.range[0], node.range[1]), newText: '[]' }];
    const next = node.items[index + 1] as Node | undefined;
    const prev = node.items[index - 1] as Node | undefined;
    if (next?.range) [start, end] = [item.range[0], next.range[0]];
    else [start, end] = [prev!.range![1], item.range[1]];
  } else {
    if (node.items.length === 1) {
      // the key would be left without a value: an empty list is the faithful replacement
      const { pair } = locate(doc, path);
      if (!pair) return undefined;
      const b = new EditBuilder(text);
      b.setValue(pair, false, []);
      return b.toTextEdits(doc);
    }
    const dash = text.lastIndexOf('-', item.range[0]);
    const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
    const onlyThing = text.slice(lineStart, dash).trim() === '';
    if (!onlyThing) return undefined;
    start = lineStart;
    const nl = text.indexOf('\n', item.range[1]);
    end = nl < 0 ? text.length : nl + 1;
  }
  return [{ range: doc.rangeAt(start, end), newText: '' }];
}

/** Edits that append a new YAML document (after a `---`) at the end of `doc`'s text. */
export function appendDocumentEdits(doc: ParsedDocument, content: Patch): TextEdit[] {
  const text = doc.text;
  const eol = eolOf(text);
  const end = text.length;
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  const body = blockLines(content).map((l) => l + eol).join('');
  return [{ range: doc.rangeAt(end, end), newText: `${lead}---${eol}${body}` }];
}

/**
 * A quick fix whose edits are built on first use: findings are recomputed on every keystroke,
 * fixes are only read when the user opens the light bulb. Edits that cannot be built come out
 * empty (the editor offers no such action).
 */
export function quickFix(title: string, build: () => TextEdit[] | undefined, preferred = false): QuickFix {
  let edits: TextEdit[] | undefined;
  const fix = {
    title,
    get edits(): TextEdit[] {
      return (edits ??= build() ?? []);
    },
  };
  return preferred ? Object.assign(fix, { preferred }) : fix;
}

/** The fixes that could be built, for `report(..., { fixes })`. */
export function fixes(...candidates: (QuickFix | undefined)[]): QuickFix[] | undefined {
  const out = candidates.filter((f): f is QuickFix => f !== undefined);
  return out.length ? out : undefined;
}
