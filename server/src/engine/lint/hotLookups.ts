import { podSpecPath } from '../kube/podSpec';
import type { Part, Path } from '../yaml/locate';

type Lookup = readonly [Path, Part];

const NAME_KEY: Lookup = [['metadata', 'name'], 'key'];
const NAME_VALUE: Lookup = [['metadata', 'name'], 'value'];
const NAMESPACE_KEY: Lookup = [['metadata', 'namespace'], 'key'];
const REPLICAS_KEY: Lookup = [['spec', 'replicas'], 'key'];
const COMMON: readonly Lookup[] = [NAME_KEY, NAME_VALUE, NAMESPACE_KEY];
const byKind = new Map<string, readonly Lookup[]>();

/**
 * The source ranges later work asks of most documents of a kind — workspace rules on every
 * pass (missing-network-policy, no-pod-disruption-budget: the name; no-anti-affinity: the pod
 * spec; single-replica: replicas) and the simulator on every run (apply errors: name and
 * namespace; findings without a place: the name). Taken while the document's syntax tree is
 * still there, so those runs don't re-parse thousands of documents.
 */
export function hotLookups(kind: string | undefined): readonly Lookup[] {
  if (!kind) return COMMON;
  let list = byKind.get(kind);
  if (!list) {
    const spec = podSpecPath(kind);
    list = spec ? [...COMMON, REPLICAS_KEY, [spec, 'key']] : COMMON;
    byKind.set(kind, list);
  }
  return list;
}
