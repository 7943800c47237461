import type { Subject } from '../model/finding';
import type { ObjectIdentity } from '../kube/identity';
import { podSpecPath, valueAt } from '../kube/podSpec';
import type { Path } from '../yaml/locate';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * The container a finding is about, read from where the rule reported it: a path into
 * `…spec.containers[i]` (or init/ephemeral containers) names that container.
 */
export function containerAtPath(kind: string, object: unknown, path: Path): string | undefined {
  const spec = podSpecPath(kind);
  if (!spec || path.length < spec.length + 2) return undefined;
  for (let i = 0; i < spec.length; i++) if (path[i] !== spec[i]) return undefined;
  const list = path[spec.length];
  const index = path[spec.length + 1];
  if (typeof list !== 'string' || !CONTAINER_LISTS.has(list) || typeof index !== 'number') return undefined;
  const name = valueAt(object, [...spec, list, index, 'name']);
  return typeof name === 'string' ? name : `${list}[${index}]`;
}

export function subjectOf(id: ObjectIdentity, object: unknown, path: Path): Subject {
  const container = containerAtPath(id.kind, object, path);
  return {
    kind: id.kind,
    ...(id.name !== undefined ? { name: id.name } : {}),
    ...(id.namespace !== undefined ? { namespace: id.namespace } : {}),
    ...(container !== undefined ? { container } : {}),
  };
}

/** `Deployment "web"`, `container "app" of Deployment "web"` — for messages. */
export function describeSubject(s: Subject): string {
  const object = `${s.kind}${s.name ? ` "${s.name}"` : ''}`;
  return s.container ? `container "${s.container}" of ${object}` : object;
}
