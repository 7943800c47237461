import { BUILTIN_OBJECTS, isBuiltinByName } from '../kube/builtinObjects';
import { nameMatcher } from '../config/glob';
import type { ExternalObject } from './options';

/** Objects that exist without being in the workspace: declared external, or created by Kubernetes. */
export class ExternalObjects {
  private readonly byKind = new Map<string, ExternalObject[]>();

  constructor(declared: readonly ExternalObject[] = []) {
    for (const o of [...BUILTIN_OBJECTS, ...declared]) {
      if (!o || typeof o.kind !== 'string' || typeof o.name !== 'string') continue;
      const list = this.byKind.get(o.kind);
      if (list) list.push(o);
      else this.byKind.set(o.kind, [o]);
    }
  }

  /** `namespace` undefined: the referring object has no namespace, so any namespace may be meant. */
  has(kind: string, namespace: string | undefined, name: string): boolean {
    if (isBuiltinByName(kind, name)) return true;
    const list = this.byKind.get(kind);
    if (!list) return false;
    return list.some((o) => nameMatcher(o.name)(name) && (o.namespace === undefined || namespace === undefined || nameMatcher(o.namespace)(namespace)));
  }
}
