/**
 * Build step: converts the Kubernetes API definitions of the pinned `kubernetes-models`
 * devDependency into dist/kubernetes-schema.json.gz, which the language server and the
 * CLI load on first use (never the extension client). Skipped when the output is newer
 * than the inputs. A newer Kubernetes version is a version bump of `kubernetes-models`
 * (and `@kubernetes-models/apimachinery`) plus KUBERNETES_VERSION below.
 *
 *   node --import tsx scripts/schema/build.ts [--force] [--out file]
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SCHEMA_FILE_NAME } from '../../server/src/engine/schema/compact';
import { convert, type SourcePackage } from './convert';

/**
 * The Kubernetes release `kubernetes-models` 5.1.0 was generated from. The package does
 * not state it; it was established by comparison with @kubernetes/client-node 2.0.1,
 * whose models say "OpenAPI spec version: release-1.36" and hold exactly the same fields
 * (e.g. PodSpec.schedulingGroup, new in 1.36). test/unit/schema-convert.test.ts checks a
 * field of that release is present, so a bump cannot silently go backwards.
 */
export const KUBERNETES_VERSION = '1.36';

const ROOT = join(__dirname, '..', '..');

export function sourcePackages(): SourcePackage[] {
  return ['kubernetes-models', '@kubernetes-models/apimachinery'].map((name) => ({ name, root: packageRoot(name) }));
}

function packageRoot(name: string): string {
  return dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageRoot(name), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildSchema(out = join(ROOT, 'dist', SCHEMA_FILE_NAME), force = false): { out: string; bytes: number; skipped: boolean; ms: number } {
  const started = Date.now();
  const inputs = [
    ...sourcePackages().map((p) => join(p.root, 'package.json')),
    ...['convert.ts', 'dts.ts', 'ajvFormats.ts', 'describe.ts', 'build.ts'].map((f) => join(__dirname, f)),
    join(ROOT, 'server', 'src', 'engine', 'schema', 'compact.ts'),
  ];
  if (!force && isNewer(out, inputs)) return { out, bytes: statSync(out).size, skipped: true, ms: Date.now() - started };
  const source = `kubernetes-models@${packageVersion('kubernetes-models')}`;
  const schema = convert(sourcePackages(), KUBERNETES_VERSION, source);
  const gz = gzipSync(JSON.stringify(schema), { level: 9 });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gz);
  return { out, bytes: gz.length, skipped: false, ms: Date.now() - started };
}

function isNewer(file: string, inputs: readonly string[]): boolean {
  try {
    const t = statSync(file).mtimeMs;
    return inputs.every((i) => statSync(i).mtimeMs <= t);
  } catch {
    return false;
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const r = buildSchema(outAt >= 0 ? args[outAt + 1] : undefined, args.includes('--force'));
  console.log(r.skipped ? `schema up to date: ${r.out}` : `built ${r.out} (${(r.bytes / 1024).toFixed(0)} KiB) in ${r.ms} ms`);
}
