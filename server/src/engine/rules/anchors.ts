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
