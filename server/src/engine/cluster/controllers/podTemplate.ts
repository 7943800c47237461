/**
 * Creating pods from a template, as pkg/controller/controller_utils.go (RealPodControl) does:
 * copy the template's labels, annotations and spec, set the owner reference, create through
 * the API server (so admission applies), and record SuccessfulCreate / FailedCreate.
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { clonePlain } from '../clone';
import { ownerReference, refOf, type KObject } from '../objects';
import { fnv32a, safeEncode } from '../random';
import type { ControllerHost } from './controller';

export type PodObject = Pod & KObject;

export interface PodOptions {
  name?: string;
  generateName?: string;
  labels?: Record<string, string>;
  mutate?: (pod: PodObject) => void;
  /** Event message on success; default "Created pod: <name>". */
  createdMessage?: (name: string) => string;
}

export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KObject, options: PodOptions): PodObject {
  const meta = template?.metadata ?? {};
  // the keys in this order, optional ones only when set, built without conditional spreads (a throw-away object each)
  const metadata: PodObject['metadata'] = { name: options.name ?? '' };
  if (options.generateName) metadata.generateName = options.generateName;
  metadata.namespace = owner.metadata.namespace ?? 'default';
  metadata.labels = { ...meta.labels, ...options.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  metadata.ownerReferences = [ownerReference(owner)];
  const pod: PodObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec: clonePlain(template?.spec ?? { containers: [] }) };
  options.mutate?.(pod);
  return pod;
}

/** Creates the pod; on refusal records FailedCreate on the owner and returns the error. */
export function createPod(host: ControllerHost, template: PodTemplateSpec | undefined, owner: KObject, options: PodOptions): { pod?: PodObject; error?: string } {
  const pod = podFromTemplate(template, owner, options);
  const r = host.api.create(pod);
  if (r.error !== undefined) {
    host.events.warning(refOf(owner), 'FailedCreate', `Error creating: ${r.error}`);
    return { error: r.error };
  }
  host.events.normal(refOf(owner), 'SuccessfulCreate', options.createdMessage ? options.createdMessage(r.object.metadata.name) : `Created pod: ${r.object.metadata.name}`);
  return { pod: r.object };
}

/** JSON with sorted keys: the same template always serialises the same way. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * pod-template-hash (controller_utils.go ComputeHash): FNV-32a over the template (and the
 * collision count), written with the name alphabet. Upstream hashes Go's dump of the struct;
 * we hash its canonical JSON, so values differ from a real cluster's but are just as stable.
 */
export function templateHash(template: PodTemplateSpec | undefined, collisionCount = 0): string {
  return safeEncode(String(fnv32a(stableJson(template ?? {}) + (collisionCount ? String(collisionCount) : ''))));
}

/** Runs `create` in batches of 1, 2, 4, ... and stops at the first failure (controller_utils slowStartBatch). */
export function slowStartBatch(count: number, create: () => boolean): number {
  let created = 0;
  let batch = 1;
  while (created < count) {
    const size = Math.min(batch, count - created);
    let ok = 0;
    for (let i = 0; i < size; i++) if (create()) ok++;
    created += ok;
    if (ok < size) return created;
    batch *= 2;
  }
  return created;
}
