import type { PodTemplate } from '../../kube/podTemplate';
import { get, records, str } from '../../kube/read';
import type { Path } from '../../yaml/locate';

export interface HostPathVolume {
  name: string;
  hostPath: string;
  /** Path of the volume's `hostPath` key. */
  path: Path;
}

/** Sockets of container runtimes: mounting one is root on the node. */
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/var\/run\/docker\/?$|^\/run\/containerd\/?$/;

export function hostPathVolumes(t: PodTemplate): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const [i, v] of records(t.spec.volumes)) {
    if (v.hostPath === undefined || v.hostPath === null) continue;
    const p = str(get(v, 'hostPath', 'path')) ?? '';
    out.push({ name: str(v.name) ?? `volumes[${i}]`, hostPath: p, path: [...t.specPath, 'volumes', i, 'hostPath'] });
  }
  return out;
}

export function isRuntimeSocket(hostPath: string): boolean {
  const p = hostPath.replace(/\/+$/, '') || hostPath;
  return RUNTIME_SOCKET.test(p) || RUNTIME_SOCKET.test(hostPath);
}
