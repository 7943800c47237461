/**
 * Converts the Kubernetes API definitions shipped by `kubernetes-models` (generated from
 * the Kubernetes OpenAPI v3 document) into the engine's compact schema
 * (server/src/engine/schema/compact.ts). Nothing here is hand-written Kubernetes data:
 * fields, required fields, enums and descriptions come from the declarations, integer
 * widths and base64 fields from the compiled validators beside them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { CompactDefinition, CompactField, CompactSchema, CompactType } from '../../server/src/engine/schema/compact';
import { fieldFormats, type FieldFormat } from './ajvFormats';
import { parseDts, type DtsFile, type DtsMember, type DtsType } from './dts';
import { trimDescription } from './describe';

export interface SourcePackage {
  /** npm name, e.g. `kubernetes-models`. */
  name: string;
  /** Folder the package is installed in. */
  root: string;
}

interface Loaded {
  file: string;
  pkg: SourcePackage;
  dts: DtsFile;
  /** `apps/v1`, `v1`, `meta/v1`: the folder the definition lives in. */
  groupVersion: string;
  /** Lazily read formats of the compiled validator. */
  formats: () => Map<string, FieldFormat>;
}

/** Special definitions that are scalars in JSON, by the generator's canonical name. */
const SCALARS: Record<string, CompactType> = {
  IoK8sApimachineryPkgApiResourceQuantity: 'quantity',
  IoK8sApimachineryPkgUtilIntstrIntOrString: 'int-or-string',
  IoK8sApimachineryPkgApisMetaV1Time: 'date-time',
  IoK8sApimachineryPkgApisMetaV1MicroTime: 'date-time',
};

export function convert(packages: readonly SourcePackage[], kubernetesVersion: string, source: string): CompactSchema {
  const byFile = new Map<string, Loaded>();
  for (const pkg of packages) {
    for (const file of declarationFiles(pkg.root)) {
      const text = readFileSync(file, 'utf8');
      const dts = parseDts(text, relative(pkg.root, file));
      const schemaJs = join(pkg.root, '_schemas', `${dts.canonical}.js`);
      let formats: Map<string, FieldFormat> | undefined;
      byFile.set(file, {
        file,
        pkg,
        dts,
        groupVersion: relative(pkg.root, dirname(file)).split(sep).join('/'),
        formats: () => (formats ??= existsSync(schemaJs) ? fieldFormats(readFileSync(schemaJs, 'utf8')) : new Map()),
      });
    }
  }

  const definitions: CompactDefinition[] = [];
  const indexOf = new Map<string, number>();
  const scalarOf = new Map<string, CompactType>();

  // Every interface with members becomes a definition; aliases and empty interfaces are scalars.
  const ordered = [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
  for (const l of ordered) {
    const special = SCALARS[l.dts.canonical];
    if (special !== undefined) scalarOf.set(l.file, special);
    else if (l.dts.alias) scalarOf.set(l.file, aliasType(l.dts.alias, l.file));
    else if (!l.dts.members || l.dts.members.length === 0) scalarOf.set(l.file, 'any');
    else {
      indexOf.set(l.file, definitions.length);
      definitions.push({ n: '', p: {} });
    }
  }

  const resolveRef = (from: Loaded, name: string): CompactType => {
    if (name === from.dts.localName) return indexOf.get(from.file)!;
    const spec = from.dts.imports.get(name);
    if (!spec) throw new Error(`${from.file}: type ${name} is not imported`);
    const target = resolveModule(from, spec, packages);
    const scalar = scalarOf.get(target);
    if (scalar !== undefined) return scalar;
    const index = indexOf.get(target);
    if (index === undefined) throw new Error(`${from.file}: ${name} resolves to ${target}, which holds no definition`);
    return index;
  };

  /** Fills definition `index` from interface members; inline object types get definitions of their own. */
  const define = (l: Loaded, index: number, name: string, members: readonly DtsMember[], description: string | undefined, typeMeta: boolean) => {
    const formats = l.formats();
    const p: Record<string, CompactField> = {};
    const required: string[] = [];
    const typeOf = (t: DtsType, field: string, format: FieldFormat | undefined): CompactType => {
      switch (t.kind) {
        case 'primitive':
          if (t.name === 'number') return format?.number ?? 'integer';
          if (t.name === 'string') return format?.byte ? 'byte' : 'string';
          return t.name;
        case 'literal-union':
          return { e: t.values };
        case 'array':
          return { a: typeOf(t.items, field, format) };
        case 'map':
          return { m: typeOf(t.values, field, format) };
        case 'ref':
          return resolveRef(l, t.name);
        case 'number-or-string':
          return 'int-or-string';
        case 'inline': {
          const at = definitions.length;
          definitions.push({ n: '', p: {} });
          // formats of inline members are not kept apart by the validators' layout; inline members are refs and strings
          define({ ...l, formats: () => new Map() }, at, `${name}.${field}`, t.members, undefined, false);
          return at;
        }
      }
    };
    for (const m of members) {
      const isTypeMeta = typeMeta && (m.name === 'apiVersion' || m.name === 'kind');
      const field: CompactField = { t: isTypeMeta ? 'string' : typeOf(m.type, m.name, formats.get(m.name)) };
      const d = trimDescription(m.description);
      if (d.text) field.d = d.text;
      p[m.name] = field;
      if (!m.optional && !isTypeMeta) required.push(m.name);
    }
    const def: CompactDefinition = { n: name, p };
    const d = trimDescription(description);
    if (d.text) def.d = d.text;
    if (d.link) def.u = d.link;
    if (required.length) def.r = required;
    definitions[index] = def;
  };

  const kinds: Record<string, number> = {};
  for (const l of ordered) {
    const index = indexOf.get(l.file);
    if (index === undefined) continue;
    const { members, description, typeMeta } = l.dts;
    define(l, index, `${l.groupVersion}.${l.dts.localName.replace(/^I/, '')}`, members!, description, typeMeta !== undefined);
    if (typeMeta) kinds[`${typeMeta.apiVersion}/${typeMeta.kind}`] = index;
  }
  return { format: 1, kubernetesVersion, source, kinds, definitions };
}

function aliasType(t: DtsType, file: string): CompactType {
  if (t.kind === 'primitive') return t.name === 'number' ? 'number' : t.name;
  if (t.kind === 'number-or-string') return 'int-or-string';
  throw new Error(`${file}: unsupported alias`);
}

function resolveModule(from: Loaded, spec: string, packages: readonly SourcePackage[]): string {
  if (spec.startsWith('.')) return resolve(dirname(from.file), spec.replace(/\.js$/, '.d.ts'));
  const pkg = [...packages].sort((a, b) => b.name.length - a.name.length).find((p) => spec === p.name || spec.startsWith(`${p.name}/`));
  if (!pkg) throw new Error(`${from.file}: import from unknown package ${spec}`);
  return join(pkg.root, `${spec.slice(pkg.name.length + 1)}.d.ts`);
}

/** Every definition file of a package: `<group>/<version>/<Name>.d.ts`, not indexes or validators. */
function declarationFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== '_schemas' && e.name !== 'node_modules') walk(join(dir, e.name));
      } else if (e.name.endsWith('.d.ts') && e.name !== 'index.d.ts' && dir !== root) out.push(join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}
