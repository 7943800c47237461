import type { ContainerRef } from '../kube/podSpec';
import type { ParsedDocument } from '../yaml/parse';
import type { Path } from '../yaml/locate';

/**
 * The narrowest place to mark for a finding about a container: the first of
 * `fields` (relative to the container) that exists, else the container's `name:` key.
 */
export function containerAnchor(doc: ParsedDocument, ref: ContainerRef, ...fields: Path[]): Path {
  for (const f of fields) {
    const p = [...ref.path, ...f];
    if (doc.has(p)) return p;
  }
  const name = [...ref.path, 'name'];
  return doc.has(name) ? name : ref.path;
}

/** Human form of a container for messages: `container "web"`, `init container "migrate"`. */
export function describeContainer(ref: ContainerRef): string {
  const role = ref.role === 'init' ? 'Init container' : ref.role === 'sidecar' ? 'Sidecar container' : 'Container';
  return `${role} "${ref.name}"`;
}

/** The first of `paths` that exists in the document, else the last one (its deepest existing ancestor is marked). */
export function firstExisting(doc: ParsedDocument, ...paths: Path[]): Path {
  for (const p of paths) if (doc.has(p)) return p;
  return paths[paths.length - 1]!;
}

/** True when the pod spec says it runs on Windows, where Linux security settings do not apply. */
export function isWindowsPod(spec: Record<string, unknown>): boolean {
  const os = spec.os;
  return os !== null && typeof os === 'object' && !Array.isArray(os) && (os as Record<string, unknown>).name === 'windows';
}
