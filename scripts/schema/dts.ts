/**
 * Reads the TypeScript declarations that `kubernetes-models` generates from the
 * Kubernetes OpenAPI v3 document (one `.d.ts` per definition). The files are machine
 * written and regular: imports, one `export interface` with a doc comment per member,
 * a class, and an `export type { I… as IIoK8s… }` line naming the OpenAPI definition.
 * This reads exactly that shape and fails loudly on anything else, so a package
 * upgrade that changes the shape breaks the build instead of silently losing fields.
 */

/** A type as written in the declarations. */
export type DtsType =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'any' }
  | { kind: 'literal-union'; values: string[] }
  | { kind: 'array'; items: DtsType }
  | { kind: 'map'; values: DtsType }
  | { kind: 'ref'; name: string }
  | { kind: 'number-or-string' }
  /** An object type written inline (StatefulSet `volumeClaimTemplates` items). */
  | { kind: 'inline'; members: DtsMember[] };

export interface DtsMember {
  name: string;
  optional: boolean;
  type: DtsType;
  description: string | undefined;
}

export interface DtsFile {
  /** The OpenAPI definition, camel-cased as the generator writes it: `IoK8sApiCoreV1Container`. */
  canonical: string;
  /** Local interface or type name, e.g. `IContainer`. */
  localName: string;
  description: string | undefined;
  /** Members of the interface; undefined for a type alias. */
  members: DtsMember[] | undefined;
  /** Right-hand side of a type alias (`export type IQuantity = number | string;`). */
  alias: DtsType | undefined;
  /** `apiVersion` and `kind` literals of a top-level resource (interfaces that extend TypeMeta). */
  typeMeta: { apiVersion: string; kind: string } | undefined;
  /** Imported name → module specifier. */
  imports: Map<string, string>;
}

export class DtsShapeError extends Error {}

export function parseDts(text: string, where = 'declaration'): DtsFile {
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/^import \{([^}]*)\} from "([^"]+)";$/gm)) {
    for (const name of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) imports.set(name, m[2]!);
  }
  const exported = /^export type \{ (\w+) as IIo(\w+), \w+ as (\w+) \};$/m.exec(text) ?? /^export type \{ (\w+) as II(\w+), \w+ as (\w+) \};$/m.exec(text);
  if (!exported) throw new DtsShapeError(`${where}: no "export type { … as IIoK8s… }" line`);
  const localName = exported[1]!;
  const canonical = exported[3]!;

  const iface = new RegExp(`^(?:/\\*\\*\\n((?: \\*.*\\n)*?) \\*/\\n)?export interface ${localName}( extends TypeMeta)? \\{\\n`, 'm').exec(text);
  if (iface) {
    const bodyStart = iface.index + iface[0].length;
    const bodyEnd = text.indexOf('\n}\n', bodyStart - 1);
    if (bodyEnd < 0) throw new DtsShapeError(`${where}: interface ${localName} is not closed`);
    const members = bodyEnd < bodyStart ? [] : parseMembers(text.slice(bodyStart, bodyEnd + 1), where);
    let typeMeta: DtsFile['typeMeta'];
    if (iface[2]) {
      const apiVersion = literalOf(members, 'apiVersion');
      const kind = literalOf(members, 'kind');
      if (apiVersion && kind) typeMeta = { apiVersion, kind };
    }
    return { canonical, localName, description: commentText(iface[1]), members, alias: undefined, typeMeta, imports };
  }
  const alias = new RegExp(`^(?:/\\*\\*\\n((?: \\*.*\\n)*?) \\*/\\n)?export type ${localName} = ([^;]+);$`, 'm').exec(text);
  if (alias) return { canonical, localName, description: commentText(alias[1]), members: undefined, alias: parseType(alias[2]!, where), typeMeta: undefined, imports };
  throw new DtsShapeError(`${where}: neither an interface nor a type alias named ${localName}`);
}

function literalOf(members: DtsMember[], name: string): string | undefined {
  const t = members.find((m) => m.name === name)?.type;
  return t?.kind === 'literal-union' && t.values.length === 1 ? t.values[0] : undefined;
}

function commentText(block: string | undefined): string | undefined {
  if (block === undefined) return undefined;
  const text = block
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  return text || undefined;
}

function parseMembers(body: string, where: string): DtsMember[] {
  const members: DtsMember[] = [];
  let i = 0;
  let pending: string | undefined;
  while (i < body.length) {
    const c = body[i]!;
    if (c === ' ' || c === '\n') {
      i++;
      continue;
    }
    if (body.startsWith('/**', i)) {
      const end = body.indexOf('*/', i + 3);
      if (end < 0) throw new DtsShapeError(`${where}: unclosed comment`);
      pending = commentText(body.slice(i + 3, end).replace(/^\n/, '').replace(/\n\s*$/, '\n'));
      i = end + 2;
      continue;
    }
    const head = /^"([^"]+)"(\?)?: /.exec(body.slice(i, i + 200));
    if (!head) throw new DtsShapeError(`${where}: unexpected text "${body.slice(i, i + 40)}"`);
    i += head[0].length;
    const end = endOfType(body, i);
    members.push({ name: head[1]!, optional: head[2] === '?', type: parseType(body.slice(i, end), where), description: pending });
    pending = undefined;
    i = end + 1;
  }
  return members;
}

/** Index of the `;` that ends a member's type, skipping nested `{ … }` and `< … >`. */
function endOfType(s: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && s.startsWith('/**', i)) i = s.indexOf('*/', i) + 1;
    else if (c === '{' || c === '<') depth++;
    else if (c === '}' || c === '>') depth--;
    else if (c === ';' && depth === 0) return i;
  }
  throw new DtsShapeError(`unterminated type at "${s.slice(from, from + 40)}"`);
}

export function parseType(raw: string, where = 'type'): DtsType {
  const t = raw.trim();
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'any') return { kind: 'primitive', name: t };
  if (t === 'number | string' || t === 'string | number') return { kind: 'number-or-string' };
  const array = /^Array<(.+)>$/s.exec(t);
  if (array) return { kind: 'array', items: parseType(array[1]!, where) };
  const map = /^\{\s*\[key: string\]: (.+?);\s*\}$/s.exec(t);
  if (map) return { kind: 'map', values: parseType(map[1]!, where) };
  if (t.startsWith('{') && t.endsWith('}')) return { kind: 'inline', members: parseMembers(t.slice(1, -1), where) };
  if (/^"(?:[^"\\]|\\.)*"(?: \| "(?:[^"\\]|\\.)*")*$/.test(t)) {
    return { kind: 'literal-union', values: [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]!}"`) as string) };
  }
  if (/^[A-Za-z_]\w*$/.test(t)) return { kind: 'ref', name: t };
  throw new DtsShapeError(`${where}: unsupported type "${t.slice(0, 80)}"`);
}
