import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isRecord } from '../engine/kube/identity';
import { DEFAULT_PREVIEW_SETTINGS } from '../protocol/preview';

/**
 * True when `path` (absolute, or relative to a root) stays inside one of the workspace
 * folders — after symbolic links are followed, since a repository can ship a link
 * (`cluster.yaml -> ~/.kube/…`) as easily as a setting. A relative path with no workspace
 * folder resolves to nothing and is never read.
 */
export function insideWorkspace(path: string, roots: readonly string[]): boolean {
  if (!isAbsolute(path) && roots.length === 0) return true;
  const candidates = isAbsolute(path) ? [path] : roots.map((r) => resolve(r, path));
  const realRoots = roots.map(real);
  return candidates.every((c) => roots.some((r) => isWithin(r, c)) && realRoots.some((r) => isWithin(r, real(c))));
}

/** The path with its symbolic links resolved, as far as it exists. */
function real(path: string): string {
  const p = resolve(path);
  try {
    return realpathSync.native(p);
  } catch {
    const parent = dirname(p);
    return parent === p ? p : join(real(parent), basename(p));
  }
}

function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The `kubeplan` settings as an untrusted workspace (VS Code's Restricted Mode) may use
 * them: a setting that points at a file outside the workspace (`kubeplan.clusterFile`) is
 * dropped, since workspace settings are written by whoever wrote the repository. Returns
 * the settings and what was dropped, for a message.
 */
export function restrictUntrusted(section: unknown, roots: readonly string[]): { section: unknown; ignored: string[] } {
  if (!isRecord(section)) return { section, ignored: [] };
  const clusterFile = section.clusterFile;
  if (typeof clusterFile !== 'string' || clusterFile.trim() === '' || insideWorkspace(clusterFile.trim(), roots)) return { section, ignored: [] };
  return { section: { ...section, clusterFile: DEFAULT_PREVIEW_SETTINGS.clusterFile }, ignored: [`kubeplan.clusterFile ("${clusterFile}")`] };
}
