import type { Path } from '../yaml/locate';
import { labelsOf, type Labels } from './labels';
import { containersOf, podMetadataPath, podSpecOf, type ContainerRef } from './podSpec';
import { get, int, isRecord } from './read';

/** The pods an object creates (or is): their spec, labels and containers, read once per object. */
export interface PodTemplate {
  readonly spec: Record<string, unknown>;
  readonly specPath: Path;
  readonly labels: Labels;
  /** The template's (or Pod's) `metadata` path. */
  readonly metadataPath: Path;
  readonly containers: readonly ContainerRef[];
}

const cache = new WeakMap<object, PodTemplate | null>();

/** Cached per object value: parsed documents are reused while their text is unchanged. */
export function podTemplateOf(kind: string, object: Record<string, unknown>): PodTemplate | undefined {
  const hit = cache.get(object);
  if (hit !== undefined) return hit ?? undefined;
  const pod = podSpecOf(kind, object);
  let out: PodTemplate | null = null;
  if (pod) {
    const metadataPath = kind === 'Pod' ? ['metadata'] : podMetadataPath(kind)!;
    out = {
      spec: pod.spec as unknown as Record<string, unknown>,
      specPath: pod.path,
      labels: labelsOf(get(object, ...metadataPath, 'labels')),
      metadataPath,
      containers: containersOf(pod),
    };
  }
  cache.set(object, out);
  return out ?? undefined;
}

/** Kinds with a `spec.replicas` field that defaults to 1. */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** `spec.replicas` as declared: a number, 1 when unset (the API default), undefined when it is not a number. */
export function declaredReplicas(kind: string, object: Record<string, unknown>): number | undefined {
  if (!REPLICATED_KINDS.has(kind)) return undefined;
  const spec = get(object, 'spec');
  if (!isRecord(spec)) return undefined;
  if (spec.replicas === undefined || spec.replicas === null) return 1;
  return int(spec.replicas);
}

/** The raw fields of a container, for type-checked reads. */
export function fieldsOf(ref: ContainerRef): Record<string, unknown> {
  return ref.container as unknown as Record<string, unknown>;
}
