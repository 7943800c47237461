import type { PodTemplate } from '../../kube/podTemplate';
import { get, records, str } from '../../kube/read';
import type { Path } from '../../yaml/locate';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';

/** A by-name reference from a pod to an object its containers need to start. */
export interface PodReference {
  readonly kind: ReferencedKind;
  readonly name: string;
  /** The path of the name's value, to mark it. */
  readonly path: Path;
  /** `optional: true`: the pod starts without the object. */
  readonly optional: boolean;
  /** Where it is referenced, for messages: "env MODE", "envFrom", "volume config". */
  readonly via: string;
}

const cache = new WeakMap<PodTemplate, PodReference[]>();

/**
 * Every ConfigMap, Secret, PersistentVolumeClaim and ServiceAccount a pod template references
 * (env valueFrom, envFrom, volumes, projected volumes, serviceAccountName), computed once per
 * template. imagePullSecrets are left out: they are usually created by the platform, and a
 * missing one only matters for private images.
 */
export function podReferences(t: PodTemplate): readonly PodReference[] {
  const hit = cache.get(t);
  if (hit) return hit;
  const out: PodReference[] = [];
  const add = (kind: ReferencedKind, holder: Record<string, unknown>, nameField: string, path: Path, via: string) => {
    const name = str(holder[nameField]);
    if (name === undefined || name === '') return;
    out.push({ kind, name, path: [...path, nameField], optional: holder.optional === true, via });
  };
  for (const ref of t.containers) {
    const c = ref.container as unknown as Record<string, unknown>;
    for (const [i, e] of records(c.env)) {
      const vf = get(e, 'valueFrom');
      const cm = get(vf, 'configMapKeyRef');
      const sec = get(vf, 'secretKeyRef');
      const envName = str(e.name) ?? `env[${i}]`;
      if (cm && typeof cm === 'object' && !Array.isArray(cm)) add('ConfigMap', cm as Record<string, unknown>, 'name', [...ref.path, 'env', i, 'valueFrom', 'configMapKeyRef'], `env ${envName} of container "${ref.name}"`);
      if (sec && typeof sec === 'object' && !Array.isArray(sec)) add('Secret', sec as Record<string, unknown>, 'name', [...ref.path, 'env', i, 'valueFrom', 'secretKeyRef'], `env ${envName} of container "${ref.name}"`);
    }
    for (const [i, e] of records(c.envFrom)) {
      const cm = get(e, 'configMapRef');
      const sec = get(e, 'secretRef');
      if (cm && typeof cm === 'object' && !Array.isArray(cm)) add('ConfigMap', cm as Record<string, unknown>, 'name', [...ref.path, 'envFrom', i, 'configMapRef'], `envFrom of container "${ref.name}"`);
      if (sec && typeof sec === 'object' && !Array.isArray(sec)) add('Secret', sec as Record<string, unknown>, 'name', [...ref.path, 'envFrom', i, 'secretRef'], `envFrom of container "${ref.name}"`);
    }
  }
  for (const [i, v] of records(t.spec.volumes)) {
    const vpath = [...t.specPath, 'volumes', i];
    const vname = `volume "${str(v.name) ?? i}"`;
    const cm = get(v, 'configMap');
    const sec = get(v, 'secret');
    const pvc = get(v, 'persistentVolumeClaim');
    if (cm && typeof cm === 'object' && !Array.isArray(cm)) add('ConfigMap', cm as Record<string, unknown>, 'name', [...vpath, 'configMap'], vname);
    if (sec && typeof sec === 'object' && !Array.isArray(sec)) add('Secret', sec as Record<string, unknown>, 'secretName', [...vpath, 'secret'], vname);
    if (pvc && typeof pvc === 'object' && !Array.isArray(pvc)) {
      const claim = str((pvc as Record<string, unknown>).claimName);
      if (claim) out.push({ kind: 'PersistentVolumeClaim', name: claim, path: [...vpath, 'persistentVolumeClaim', 'claimName'], optional: false, via: vname });
    }
    for (const [j, s] of records(get(v, 'projected', 'sources'))) {
      const pcm = get(s, 'configMap');
      const psec = get(s, 'secret');
      if (pcm && typeof pcm === 'object' && !Array.isArray(pcm)) add('ConfigMap', pcm as Record<string, unknown>, 'name', [...vpath, 'projected', 'sources', j, 'configMap'], vname);
      if (psec && typeof psec === 'object' && !Array.isArray(psec)) add('Secret', psec as Record<string, unknown>, 'name', [...vpath, 'projected', 'sources', j, 'secret'], vname);
    }
  }
  const saField = typeof t.spec.serviceAccountName === 'string' ? 'serviceAccountName' : typeof t.spec.serviceAccount === 'string' ? 'serviceAccount' : undefined;
  if (saField) {
    const name = t.spec[saField] as string;
    if (name) out.push({ kind: 'ServiceAccount', name, path: [...t.specPath, saField], optional: false, via: saField });
  }
  cache.set(t, out);
  return out;
}
