import { get, records, str } from '../../kube/read';
import { sameNamespace } from '../../lint/workspaceIndex';
import type { WorkspaceContext, WorkspaceObject } from '../rule';

/**
 * Objects that other objects of the workspace generate: kustomize configMapGenerator and
 * secretGenerator (references keep the base name; kustomize rewrites them to the hashed one),
 * Secrets written by SealedSecret, ExternalSecret (external-secrets.io) and cert-manager
 * Certificates. A reference to one of them is satisfied.
 */
function generated(o: WorkspaceObject): { kind: 'ConfigMap' | 'Secret'; name: string }[] {
  const out: { kind: 'ConfigMap' | 'Secret'; name: string }[] = [];
  const obj = o.object;
  switch (o.id.kind) {
    case 'Kustomization':
      for (const [, g] of records(obj.configMapGenerator)) if (str(g.name)) out.push({ kind: 'ConfigMap', name: g.name as string });
      for (const [, g] of records(obj.secretGenerator)) if (str(g.name)) out.push({ kind: 'Secret', name: g.name as string });
      break;
    case 'SealedSecret':
      if (o.id.name) out.push({ kind: 'Secret', name: str(get(obj, 'spec', 'template', 'metadata', 'name')) ?? o.id.name });
      break;
    case 'ExternalSecret':
      if (o.id.name) out.push({ kind: 'Secret', name: str(get(obj, 'spec', 'target', 'name')) ?? o.id.name });
      break;
    case 'Certificate': {
      const s = str(get(obj, 'spec', 'secretName'));
      if (s) out.push({ kind: 'Secret', name: s });
      break;
    }
  }
  return out;
}

const GENERATORS = ['Kustomization', 'SealedSecret', 'ExternalSecret', 'Certificate'];

/** Names of generated ConfigMaps/Secrets, by kind, with the generator's namespace. */
export function generatedObjects(ctx: WorkspaceContext): Map<string, (string | undefined)[]> {
  const out = new Map<string, (string | undefined)[]>();
  for (const kind of GENERATORS) {
    for (const o of ctx.index.ofKind(kind)) {
      for (const g of generated(o)) {
        const key = `${g.kind}\0${g.name}`;
        const list = out.get(key);
        // a Kustomization's namespace applies to what it generates; unknown → any
        const ns = o.id.kind === 'Kustomization' ? str(o.object.namespace) : o.id.namespace;
        if (list) list.push(ns);
        else out.set(key, [ns]);
      }
    }
  }
  return out;
}

export function isGenerated(generated: Map<string, (string | undefined)[]>, kind: string, namespace: string | undefined, name: string): boolean {
  return (generated.get(`${kind}\0${name}`) ?? []).some((ns) => sameNamespace(ns, namespace));
}
