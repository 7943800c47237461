/**
 * Validates a parsed manifest against a schema node graph.
 *
 * A hand-written walker rather than ajv: one pass over the value with the schema beside
 * it, so every issue carries the YAML path it is about (turned into an exact range by
 * `ParsedDocument.rangeOf`), messages speak Kubernetes ("Container has no field
 * imagePullPolcy; did you mean imagePullPolicy?") instead of JSON Schema keywords, and
 * nothing is compiled at start-up. Typical manifests take a few microseconds per object.
 *
 * What it accepts follows the API server's JSON decoding, not YAML's: a number where a
 * string is expected is an error (`value: 8080` in env), a string where an integer is
 * expected is an error (`containerPort: "80"`), quantities take numbers or strings,
 * int-or-string takes either, and `null` means "unset" for any field.
 */
import { parseQuantity } from '../kube/quantity';
import type { Part, Path } from '../yaml/locate';
import { closest } from './suggest';
import type { Constraints, ObjectDef, SchemaNode } from './types';

export type SchemaRuleId = 'schema' | 'invalid-quantity' | 'invalid-name';

export interface SchemaIssue {
  rule: SchemaRuleId;
  path: Path;
  part: Part;
  message: string;
  /** A suggested replacement for the text at `path`/`replace.part`. */
  replace?: { part: Part; text: string; title: string };
  /** The API server could not even decode the value (wrong JSON type, integer out of range): apply fails before validation. */
  decode?: true;
}

/** Called after an object of a named definition was checked: extra syntax checks (names, labels). */
export type DefinitionHook = (value: Record<string, unknown>, path: Path, out: IssueSink) => void;

export interface IssueSink {
  add(issue: SchemaIssue): void;
}

export interface ValidateOptions {
  hooks?: ReadonlyMap<string, DefinitionHook>;
  /** Stop after this many issues: a wrong kind would otherwise flag every field. */
  maxIssues?: number;
  /** Built-in string enums also accept "" (the API server defaults an empty value). */
  emptyEnumIsUnset?: boolean;
  /** The source of the scalar at `path`: its text and whether it is unquoted (for YAML 1.1 booleans and quick fixes). */
  scalarAt?: (path: Path) => ScalarSource | undefined;
}

export interface ScalarSource {
  text: string;
  plain: boolean;
}

const DEFAULT_MAX_ISSUES = 50;
/** Words YAML 1.1 (what kubectl's parser speaks) reads as booleans; YAML 1.2 reads them as strings. */
const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function validateValue(value: unknown, node: SchemaNode, path: Path = [], options: ValidateOptions = {}): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const max = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const sink: IssueSink = { add: (i) => void (issues.length < max && issues.push(i)) };
  new Walker(sink, options).node(value, node, [...path], undefined);
  return issues;
}

class Walker {
  constructor(
    private readonly out: IssueSink,
    private readonly options: ValidateOptions,
  ) {}

  node(value: unknown, node: SchemaNode, path: (string | number)[], field: string | undefined): void {
    if (value === null || value === undefined) return;
    const label = fieldLabel(path, field);
    switch (node.kind) {
      case 'any':
        return;
      case 'string':
        if (typeof value !== 'string') {
          const text = this.sourceText(path, value);
          return typeof value === 'number' || typeof value === 'boolean'
            ? this.wrongType(path, label, 'a string', value, ` Quote it: ${JSON.stringify(text)}.`, { text: JSON.stringify(text), title: `Quote as ${JSON.stringify(text)}` })
            : this.wrongType(path, label, 'a string', value, '');
        }
        if (YAML11_BOOLEAN.test(value) && this.options.scalarAt?.(path)?.plain) {
          return this.error(path, 'value', `${label}: kubectl reads an unquoted ${value} as a boolean (YAML 1.1), and a boolean is not a string. Quote it: "${value}".`, {
            text: JSON.stringify(value),
            title: `Quote as "${value}"`,
          });
        }
        if (node.format === 'byte' && !isBase64(value)) this.error(path, 'value', `${label} must be base64-encoded; put plain text under stringData instead.`);
        return this.constraints(value, node.constraints, path, label);
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return this.wrongType(path, label, 'an integer', value, ...unquote(value, true));
        if (node.bits === 32 && (value < INT32_MIN || value > INT32_MAX)) return void this.out.add({ rule: 'schema', path, part: 'value', message: `${label} is out of range for a 32-bit integer.`, decode: true });
        return this.constraints(value, node.constraints, path, label);
      case 'number':
        if (typeof value !== 'number') return this.wrongType(path, label, 'a number', value, ...unquote(value, false));
        return this.constraints(value, node.constraints, path, label);
      case 'boolean':
        if (typeof value !== 'boolean') return this.wrongType(path, label, 'true or false', value, ...unbool(value));
        return;
      case 'quantity':
        return this.quantity(value, path, label);
      case 'int-or-string':
        if (typeof value === 'string') return this.constraints(value, node.constraints, path, label);
        if (typeof value === 'number' && Number.isInteger(value)) return;
        return this.wrongType(path, label, 'an integer or a string', value, '');
      case 'enum':
        return this.enumeration(value, node.values, path, label);
      case 'array':
        if (!Array.isArray(value)) return this.wrongType(path, label, 'a list', value, isRecord(value) ? ' Start each item with "- ".' : '');
        this.constraints(value, node.constraints, path, label);
        value.forEach((item, i) => this.node(item, node.items, [...path, i], field));
        return;
      case 'map':
        if (!isRecord(value)) return this.wrongType(path, label, 'a map', value, '');
        for (const [k, v] of Object.entries(value)) this.node(v, node.values, [...path, k], k);
        return;
      case 'object':
        if (!isRecord(value)) return this.wrongType(path, label, `an object (${shortName(node.def)})`, value, '');
        return this.object(value, node.def, path);
    }
  }

  object(value: Record<string, unknown>, def: ObjectDef, path: (string | number)[]): void {
    for (const [key, v] of Object.entries(value)) {
      const f = def.fields.get(key);
      if (f) this.node(v, f.type, [...path, key], key);
      else if (def.additional) this.node(v, def.additional, [...path, key], key);
      else if (!def.preserveUnknown) this.unknownField(key, def, [...path, key]);
    }
    for (const r of def.required) {
      if (value[r] === undefined || value[r] === null) {
        this.out.add({ rule: 'schema', path, part: 'key', message: `${shortName(def)} is missing required field "${r}".` });
      }
    }
    this.options.hooks?.get(def.name)?.(value, path, this.out);
  }

  private unknownField(key: string, def: ObjectDef, path: (string | number)[]): void {
    const suggestion = closest(key, def.fields.keys());
    const message = `Unknown field "${key}" in ${shortName(def)}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`;
    this.out.add({
      rule: 'schema',
      path,
      part: 'key',
      message,
      ...(suggestion ? { replace: { part: 'key', text: suggestion, title: `Rename to "${suggestion}"` } } : {}),
    });
  }

  private enumeration(value: unknown, values: readonly unknown[], path: (string | number)[], label: string): void {
    if (values.some((v) => v === value)) return;
    if (value === '' && this.options.emptyEnumIsUnset) return;
    const strings = values.filter((v): v is string => typeof v === 'string');
    const suggestion = typeof value === 'string' ? closest(value, strings) : undefined;
    const shown = values.map((v) => JSON.stringify(v)).join(', ');
    this.out.add({
      rule: 'schema',
      path,
      part: 'value',
      message: `${label} must be one of ${shown}; got ${show(value)}${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
      ...(suggestion ? { replace: { part: 'value', text: suggestion, title: `Change to "${suggestion}"` } } : {}),
    });
  }

  private quantity(value: unknown, path: (string | number)[], label: string): void {
    if (typeof value === 'number' && Number.isFinite(value)) return;
    if (typeof value === 'string' && parseQuantity(value)) return;
    const suggestion = typeof value === 'string' ? quantitySuggestion(value) : undefined;
    this.out.add({
      rule: 'invalid-quantity',
      path,
      part: 'value',
      message: `${label}: ${show(value)} is not a valid quantity${suggestion ? `; did you mean "${suggestion}"?` : ' (e.g. 500m, 0.5, 128Mi, 1Gi).'}`,
      ...(suggestion ? { replace: { part: 'value', text: suggestion, title: `Change to "${suggestion}"` } } : {}),
    });
  }

  private constraints(value: string | number | unknown[], c: Constraints | undefined, path: (string | number)[], label: string): void {
    if (!c) return;
    const fail = (why: string) => this.error(path, 'value', `${label} ${why}.`);
    if (typeof value === 'number') {
      if (c.minimum !== undefined && (c.exclusiveMinimum ? value <= c.minimum : value < c.minimum)) fail(`must be ${c.exclusiveMinimum ? 'greater than' : 'at least'} ${c.minimum}`);
      if (c.maximum !== undefined && (c.exclusiveMaximum ? value >= c.maximum : value > c.maximum)) fail(`must be ${c.exclusiveMaximum ? 'less than' : 'at most'} ${c.maximum}`);
    } else if (typeof value === 'string') {
      const length = [...value].length;
      if (c.minLength !== undefined && length < c.minLength) fail(`must be at least ${c.minLength} characters long`);
      if (c.maxLength !== undefined && length > c.maxLength) fail(`must be at most ${c.maxLength} characters long`);
      if (c.pattern !== undefined && !matches(c.pattern, value)) fail(`must match the pattern ${c.pattern}`);
    } else {
      if (c.minItems !== undefined && value.length < c.minItems) fail(`must have at least ${c.minItems} item${c.minItems === 1 ? '' : 's'}`);
      if (c.maxItems !== undefined && value.length > c.maxItems) fail(`must have at most ${c.maxItems} item${c.maxItems === 1 ? '' : 's'}`);
    }
  }

  private wrongType(path: (string | number)[], label: string, expected: string, value: unknown, hint: string, fix?: Replacement): void {
    // a block value spans lines: its key is the narrower mark
    const part: Part = typeof value === 'object' && value !== null ? 'key' : 'value';
    this.out.add({ rule: 'schema', path, part, message: `${label} must be ${expected}, not ${describeValue(value, this.sourceText(path, value))}.${hint}`, decode: true, ...(fix ? { replace: { part: 'value', ...fix } } : {}) });
  }

  private error(path: (string | number)[], part: Part, message: string, fix?: Replacement): void {
    this.out.add({ rule: 'schema', path, part, message, ...(fix ? { replace: { part, ...fix } } : {}) });
  }

  /**
   * How the scalar is written: `1.10` stays `1.10`, not the number 1.1. Only scalars have a text: String() of a
   * mapping such as `{ toString: 0 }` throws.
   */
  private sourceText(path: (string | number)[], value: unknown): string {
    const s = this.options.scalarAt?.(path);
    return s?.plain ? s.text : typeof value === 'object' && value !== null ? '' : String(value);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `Container` for `v1.Container`, `Foo.spec` for a CRD's nested definition. */
export function shortName(def: ObjectDef): string {
  const dot = def.name.indexOf('.');
  const slash = def.name.lastIndexOf('/', dot);
  return dot > 0 && (slash >= 0 || /^v\d/.test(def.name)) ? def.name.slice(dot + 1) : def.name;
}

function fieldLabel(path: readonly (string | number)[], field: string | undefined): string {
  if (path.length === 0) return 'The object';
  const last = path[path.length - 1]!;
  if (typeof last === 'number') return `Item ${last + 1} of "${field ?? path[path.length - 2]}"`;
  return `"${field ?? last}"`;
}

function describeValue(v: unknown, written = String(v)): string {
  if (Array.isArray(v)) return 'a list';
  if (isRecord(v)) return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(truncate(v))}`;
  if (typeof v === 'number') return `the number ${written}`;
  if (typeof v === 'boolean') return `the boolean ${written}`;
  return String(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(truncate(v)) : describeValue(v);
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

interface Replacement {
  text: string;
  title: string;
}

/** A quoted number where a number is expected: the hint, and the unquoted value as a fix. */
function unquote(v: unknown, integer: boolean): [string, Replacement?] {
  if (typeof v !== 'string') return [''];
  const t = v.trim();
  const n = Number(t);
  if (t !== '' && Number.isFinite(n) && (!integer || Number.isInteger(n))) return [' Remove the quotes.', { text: t, title: `Unquote: ${t}` }];
  return [''];
}

function unbool(v: unknown): [string, Replacement?] {
  if (typeof v !== 'string' || !/^(true|false)$/i.test(v.trim())) return [''];
  const b = v.trim().toLowerCase();
  return [' Remove the quotes.', { text: b, title: `Unquote: ${b}` }];
}

function isBase64(s: string): boolean {
  // Go's base64.StdEncoding (what JSON []byte uses) ignores line breaks and needs padding.
  const t = s.replace(/[\r\n]/g, '');
  return t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t);
}

const patternCache = new Map<string, RegExp | null>();

function matches(pattern: string, value: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null; // an ECMA-incompatible pattern cannot be checked here; the API server would
    }
    patternCache.set(pattern, re);
  }
  return re === null || re.test(value);
}

const SUFFIX_FIXES: Record<string, string> = { ki: 'Ki', mi: 'Mi', gi: 'Gi', ti: 'Ti', pi: 'Pi', ei: 'Ei', kb: 'k', mb: 'M', gb: 'G', tb: 'T', kib: 'Ki', mib: 'Mi', gib: 'Gi', tib: 'Ti', K: 'k' };

/** The likely intended quantity for common slips: `500mi` → `500Mi`, `1GB` → `1G`, `2 Gi` → `2Gi`. */
export function quantitySuggestion(s: string): string | undefined {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)\s*$/.exec(s);
  if (!m) return undefined;
  const [, num, suffix] = m;
  const fixed = SUFFIX_FIXES[suffix!] ?? SUFFIX_FIXES[suffix!.toLowerCase()];
  const candidate = fixed !== undefined ? `${num}${fixed}` : s.replace(/\s+/g, '');
  return candidate !== s && parseQuantity(candidate) ? candidate : undefined;
}
