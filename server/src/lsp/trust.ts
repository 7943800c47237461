import { isAbsolute, relative, resolve } from 'node:path';
import { isRecord } from '../engine/kube/identity';
import { DEFAULT_PREVIEW_SETTINGS } from '../protocol/preview';

/** True when `path` (absolute, or relative to a root) stays inside one of the workspace folders. */
export function insideWorkspace(path: string, roots: readonly string[]): boolean {
  const candidates = isAbsolute(path) ? [path] : roots.map((r) => resolve(r, path));
  return candidates.length > 0 && candidates.every((c) => roots.some((r) => isWithin(r, c)));
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
