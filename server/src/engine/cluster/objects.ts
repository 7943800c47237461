/**
 * The objects the simulated API server holds: kubernetes-types objects with a typed
 * `metadata`, plus the small helpers every component needs (keys, owners, conditions).
 */
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';

/** kubernetes-types marks metadata read-only; the API server is the one place that writes it. */
export type MutableMeta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } & { name: string };

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: MutableMeta;
  spec?: unknown;
  status?: unknown;
}

/**
 * An object's key and ref, kept on its metadata once it is stored (a non-enumerable symbol key: invisible to JSON,
 * spreads and structuredClone). A stored object's name, namespace and kind never change, and every component
 * asks for them on each write: one string each, whose hash a Map computes once, instead of a new one per call.
 */
const NAMES = Symbol('names');
type Named = ObjectMeta & { [NAMES]?: { key: string; ref: string } };

/** Called by the store when it takes the object in (with its `keyOf`): from here on keyOf and refOf answer from the metadata. */
export function fixNames(o: { kind?: string; metadata: ObjectMeta }, key: string): void {
  Object.defineProperty(o.metadata, NAMES, { value: { key, ref: `${o.kind}/${key}` }, enumerable: false, configurable: true, writable: true });
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
export function keyOf(o: { metadata: ObjectMeta }): string {
  return (o.metadata as Named)[NAMES]?.key ?? buildKey(o.metadata);
}

function buildKey(meta: ObjectMeta): string {
  const ns = meta.namespace;
  return ns ? `${ns}/${meta.name}` : String(meta.name);
}

/** "Pod/shop/web-abc", "Node/worker-a": how objects are named in events and findings. */
export function refOf(o: { kind?: string; metadata: ObjectMeta }): string {
  return (o.metadata as Named)[NAMES]?.ref ?? `${o.kind}/${buildKey(o.metadata)}`;
}

export function controllerOf(o: { metadata: ObjectMeta }): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerReference(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  // a loop rather than find(): asked on every pod write (readiness), it allocates no closure
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isTerminating(o: { metadata: ObjectMeta }): boolean {
  return o.metadata.deletionTimestamp !== undefined;
}

export function isPodTerminal(pod: Pod): boolean {
  // (a Pod without metadata cannot be stored, so only status matters here)
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Pods a controller counts (pkg/controller/controller_utils.go IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata?.deletionTimestamp === undefined;
}

/** Virtual seconds as the RFC 3339 timestamps objects carry (epoch 2025-01-01T00:00:00Z). */
export const EPOCH_MS = Date.UTC(2025, 0, 1);

const stamps = new Map<number, string>();
const parsed = new Map<string, number>();

/** Memoised: a run writes the same few thousand instants over and over. */
export function timestamp(seconds: number): string {
  const whole = Math.floor(seconds);
  let s = stamps.get(whole);
  if (s === undefined) {
    s = new Date(EPOCH_MS + whole * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (stamps.size < 100_000) stamps.set(whole, s);
    if (parsed.size < 100_000) parsed.set(s, whole);
  }
  return s;
}

export function secondsOf(ts: string | undefined): number {
  if (!ts) return 0;
  const known = parsed.get(ts);
  return known !== undefined ? known : (Date.parse(ts) - EPOCH_MS) / 1000;
}
