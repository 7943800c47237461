import { sep } from 'node:path';
import type { WorkspaceObject } from '../../engine/rules/rule';
import type { PreviewScope } from '../../protocol/preview';

/**
 * Kinds a file's objects may rely on that live elsewhere in the workspace. Previewing one
 * file applies it into a cluster that already has these (as it would have in real life),
 * but not the other files' workloads.
 */
const ENVIRONMENT_KINDS = new Set([
  'Namespace', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'ConfigMap', 'Secret', 'ServiceAccount',
  'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass', 'RuntimeClass', 'Node',
]);

export interface ScopedObjects {
  objects: WorkspaceObject[];
  /** Files whose objects were selected for the scope (environment files not included). */
  files: string[];
}

/** The objects a Preview of `scope` applies; `target` is an engine file key (a path for file: URIs). */
export function selectObjects(all: readonly WorkspaceObject[], scope: PreviewScope, target: string | undefined): ScopedObjects {
  if (scope === 'workspace' || !target) return { objects: [...all], files: unique(all.map((o) => o.file)) };
  const inScope =
    scope === 'file'
      ? (o: WorkspaceObject) => o.file === target
      : (o: WorkspaceObject) => o.file === target || o.file.startsWith(target.endsWith(sep) || target.endsWith('/') ? target : target + sep) || o.file.startsWith(target.endsWith('/') ? target : `${target}/`);
  const chosen = all.filter(inScope);
  const environment = all.filter((o) => !inScope(o) && ENVIRONMENT_KINDS.has(o.id.kind));
  return { objects: [...environment, ...chosen], files: unique(chosen.map((o) => o.file)) };
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}
