/**
 * The declarations say only `number`; whether a field is an integer (and int32 or int64)
 * or a real number is kept in the validators `kubernetes-models` compiles from the same
 * OpenAPI document (ajv standalone code, `_schemas/<Definition>.js`). This reads, for
 * each property of the definition's root validator, the JSON types and formats its
 * checks mention: `type:"integer"`, `type:"number"`, `formats.int32` / `formats.int64`,
 * and `formats.byte` (base64 strings, e.g. Secret.data).
 */
export type NumberKind = 'integer' | 'int32' | 'int64' | 'number';

export interface FieldFormat {
  number?: NumberKind;
  /** The field's strings (or its map's or list's strings) are base64. */
  byte?: boolean;
}

interface Fn {
  body: string;
}

export function fieldFormats(js: string): Map<string, FieldFormat> {
  const fns = functions(js);
  const formatVars = new Map<string, string>();
  for (const m of js.matchAll(/(formats\d+)=formats\.([\w-]+)/g)) formatVars.set(m[1]!, m[2]!);
  const root = /export const validate=(validate\d+);/.exec(js)?.[1];
  const out = new Map<string, FieldFormat>();
  const rootFn = root ? fns.get(root) : undefined;
  if (!rootFn) return out;
  const starts = [...rootFn.body.matchAll(/void 0!==data(?:\.([\w$]+)|\["([^"]+)"\])(?:&&|\))/g)];
  starts.forEach((m, i) => {
    const prop = m[1] ?? m[2]!;
    const segment = rootFn.body.slice(m.index, i + 1 < starts.length ? starts[i + 1]!.index : rootFn.body.length);
    const seen = new Set<string>([root!]); // a recursive definition calls its own root: not the field's type
    const texts: string[] = [];
    collect(segment, fns, seen, texts);
    const all = texts.join('\n');
    let kind: NumberKind | undefined;
    if (all.includes('type:"number"')) kind = 'number';
    else if (all.includes('type:"integer"')) kind = 'integer';
    const formats = [...all.matchAll(/(formats\d+)\.validate/g)].map((f) => formatVars.get(f[1]!));
    if (kind === 'integer') {
      if (formats.includes('int32')) kind = 'int32';
      else if (formats.includes('int64')) kind = 'int64';
    }
    const format: FieldFormat = {};
    if (kind) format.number = kind;
    if (formats.includes('byte')) format.byte = true;
    if (format.number || format.byte) out.set(prop, format);
  });
  return out;
}

/** The text of `code` and of every local validator it calls, transitively. */
function collect(code: string, fns: Map<string, Fn>, seen: Set<string>, out: string[]): void {
  out.push(code);
  for (const call of code.matchAll(/\b(validate\d+)\(/g)) {
    const name = call[1]!;
    if (seen.has(name)) continue;
    seen.add(name);
    const fn = fns.get(name);
    if (fn) collect(fn.body, fns, seen, out);
  }
}

function functions(js: string): Map<string, Fn> {
  const out = new Map<string, Fn>();
  for (const m of js.matchAll(/function (validate\d+)\(data,\{[^}]*\}=\{\}\)\{/g)) {
    const start = m.index + m[0].length;
    out.set(m[1]!, { body: js.slice(start, closingBrace(js, start)) });
  }
  return out;
}

/** Index of the `}` closing a block whose body starts at `from`; string literals are skipped. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length;
}
