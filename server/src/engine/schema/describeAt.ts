/**
 * Hover: what the schema says about the field under a position. Works from the file's
 * current text (one chunk is re-parsed, which is cheap), so it is never a keystroke
 * behind; custom resources are described from the CRDs among the workspace's objects.
 */
import type { Range } from '../model/finding';
import { shiftRange } from '../model/finding';
import { identify } from '../kube/identity';
import type { WorkspaceObject } from '../rules/rule';
import type { Path } from '../yaml/locate';
import { parseYaml } from '../yaml/parse';
import { splitDocuments } from '../yaml/split';
import { builtinSchema, type BuiltinSchema } from './builtin';
import { crdFor, indexCrds } from './crdIndex';
import type { ObjectDef, SchemaNode } from './types';
import { shortName } from './validate';

export interface FieldDescription {
  /** Path of the field in its object, e.g. `spec.template.spec.containers[0].image`. */
  path: Path;
  /** The field's name (the last key of the path), or the kind for the object's root. */
  name: string;
  /** The type that holds the field, e.g. `Container`. */
  owner: string;
  /** Human type: `string`, `int32`, `quantity`, `Container[]`, `map[string]string`, `"Always" | "Never"`. */
  type: string;
  description: string | undefined;
  link: string | undefined;
  /** False when the schema has no such field (hover then says so). */
  known: boolean;
  /** Where the hovered key or value is, in file positions. */
  range: Range;
  /** `apiVersion/kind` of the object, and where its schema comes from. */
  apiVersion: string;
  kind: string;
  source: 'kubernetes' | 'crd';
}

export interface DescribeOptions {
  /** The workspace's objects, for CRD-defined kinds. */
  objects?: readonly WorkspaceObject[];
  schema?: BuiltinSchema;
}

export function describeAt(text: string, line: number, character: number, options: DescribeOptions = {}): FieldDescription | undefined {
  const chunks = splitDocuments(text);
  let chunk = chunks[0];
  for (const c of chunks) if (c.startLine <= line) chunk = c;
  if (!chunk) return undefined;
  for (const doc of parseYaml(chunk.text)) {
    const at = doc.pathAt(line - chunk.startLine, character);
    if (!at || at.path.length === 0) continue;
    const id = identify(doc.value);
    if (!id) return undefined;
    const schema = options.schema ?? builtinSchema();
    let root = schema.kind(id.apiVersion, id.kind);
    let source: FieldDescription['source'] = 'kubernetes';
    if (!root && options.objects) {
      const crd = crdFor(indexCrds(options.objects), id.apiVersion, id.kind);
      root = crd?.schemas.get(id.apiVersion.slice(id.apiVersion.indexOf('/') + 1));
      source = 'crd';
    }
    if (!root) return undefined;
    const found = walk(root, at.path, schema, source === 'crd');
    return { ...found, path: at.path, range: shiftRange(at.range, chunk.startLine), apiVersion: id.apiVersion, kind: id.kind, source };
  }
  return undefined;
}

type Walked = Pick<FieldDescription, 'name' | 'owner' | 'type' | 'description' | 'link' | 'known'>;

function walk(root: ObjectDef, path: Path, schema: BuiltinSchema, isCrd: boolean): Walked {
  let node: SchemaNode = { kind: 'object', def: root };
  let owner = root;
  let name = String(path[0]);
  let description: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      if (node.kind !== 'array') return unknown(name, owner);
      node = node.items;
      continue;
    }
    name = seg;
    if (node.kind === 'map') {
      node = node.values;
      continue;
    }
    if (node.kind !== 'object') return unknown(name, owner);
    const def: ObjectDef = node.def;
    // a CRD leaves metadata to the API server: describe it as the built-in ObjectMeta
    const metadata = isCrd && i === 0 && seg === 'metadata' ? schema.kind('v1', 'ConfigMap')?.fields.get('metadata') : undefined;
    const field = metadata ?? def.fields.get(seg);
    if (!field && !def.additional) return unknown(name, def);
    owner = def;
    node = field ? field.type : def.additional!;
    description = field?.description;
  }
  const link = node.kind === 'object' ? node.def.link : undefined;
  return { name, owner: shortName(owner), type: typeLabel(node), description: description ?? (node.kind === 'object' ? node.def.description : undefined), link, known: true };
}

function unknown(name: string, owner: ObjectDef): Walked {
  return { name, owner: shortName(owner), type: '', description: undefined, link: undefined, known: false };
}

export function typeLabel(node: SchemaNode): string {
  switch (node.kind) {
    case 'string':
      return node.format === 'byte' ? 'string (base64)' : node.format === 'date-time' ? 'string (date-time)' : 'string';
    case 'integer':
      return node.bits ? `int${node.bits}` : 'integer';
    case 'int-or-string':
      return 'integer or string';
    case 'enum':
      return node.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'array':
      return `${typeLabel(node.items)}[]`;
    case 'map':
      return `map[string]${typeLabel(node.values)}`;
    case 'object':
      return shortName(node.def);
    default:
      return node.kind;
  }
}
