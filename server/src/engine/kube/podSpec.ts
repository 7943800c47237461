import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { Path } from '../yaml/locate';
import { isRecord } from './identity';

/** Where each pod-bearing kind keeps its pod spec. A Map: a manifest's `kind: toString` must not find Object's methods. */
const POD_SPEC_PATH: ReadonlyMap<string, Path> = new Map<string, Path>([
  ['Pod', ['spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['ReplicationController', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
]);

export const POD_BEARING_KINDS: readonly string[] = [...POD_SPEC_PATH.keys()];

/** Kinds whose pods run to completion: no Service traffic, so no readiness to gate. */
export const RUN_TO_COMPLETION_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

export function podSpecPath(kind: string): Path | undefined {
  return POD_SPEC_PATH.get(kind);
}

/** The pod template's metadata path (labels, annotations), for kinds that have a template. */
export function podMetadataPath(kind: string): Path | undefined {
  const spec = POD_SPEC_PATH.get(kind);
  return spec ? [...spec.slice(0, -1), 'metadata'] : undefined;
}

function at(value: unknown, path: Path): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

export { at as valueAt };

export interface PodSpecRef {
  spec: PodSpec;
  path: Path;
}

export function podSpecOf(kind: string, object: unknown): PodSpecRef | undefined {
  const path = POD_SPEC_PATH.get(kind);
  if (!path) return undefined;
  const spec = at(object, path);
  return isRecord(spec) ? { spec: spec as unknown as PodSpec, path } : undefined;
}

/** `container`: an app container; `sidecar`: an init container with restartPolicy Always; `init`: a plain init container. */
export type ContainerRole = 'container' | 'sidecar' | 'init';

export interface ContainerRef {
  container: Container;
  path: Path;
  role: ContainerRole;
  /** Display name; falls back to the position when `name` is missing. */
  name: string;
}

export function containersOf(pod: PodSpecRef): ContainerRef[] {
  const out: ContainerRef[] = [];
  const add = (list: unknown, field: string, roleOf: (c: Container) => ContainerRole) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      if (!isRecord(c)) return;
      const container = c as unknown as Container;
      const name = typeof container.name === 'string' ? container.name : `${field}[${i}]`;
      out.push({ container, path: [...pod.path, field, i], role: roleOf(container), name });
    });
  };
  add(pod.spec.initContainers, 'initContainers', (c) => (c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
  add(pod.spec.containers, 'containers', () => 'container');
  return out;
}
