/**
 * A pod's resource requests exactly as the scheduler and kubelet count them.
 *
 * Upstream: `staging/src/k8s.io/component-helpers/resource/helpers.go` (PodRequests,
 * AggregateContainerRequests), container defaulting in `pkg/apis/core/v1/defaults.go`
 * (requests default to limits), non-zero scoring defaults in `pkg/scheduler/util/pod_resources.go`
 * and `pkg/scheduler/framework/types.go` (CalculateResource).
 *
 * effective request = max( Σ app containers + Σ restartable init (sidecar) containers,
 *                          for each init container: its request + the sidecars declared before it )
 *                     (pod-level `spec.resources.requests` replace cpu/memory when set)
 *                     + pod overhead
 *
 * Invalid quantities never throw: they count as unset and are listed in `invalid` for the caller to report.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { addInto, maxInto, parseResourceList, toUnits, type Exact, type ExactList } from './exact';

/** cpu in millicores; memory, ephemeral-storage and extended resources in whole units (bytes, devices). */
export interface PodRequests {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages-*, attachable-volumes-*: everything but cpu, memory, ephemeral-storage, pods. */
  extended: Record<string, number>;
}

export interface InvalidQuantity {
  /** Container name, or "pod" for pod-level resources and overhead. */
  container: string;
  field: 'requests' | 'limits' | 'overhead';
  resource: string;
  value: unknown;
}

export interface PodResources {
  /** The resourceKey these were worked out for (one string shared by every pod of the shape), when there was one. */
  key?: string;
  requests: PodRequests;
  /** cpu/memory with 100m / 200Mi substituted for each container that leaves them unset (scoring only). */
  nonZero: { cpu: number; memory: number };
  invalid: InvalidQuantity[];
}

/** `pkg/scheduler/util/pod_resources.go`: DefaultMilliCPURequest, DefaultMemoryRequest. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NON_ZERO_DEFAULTS: ReadonlyArray<[string, Exact]> = [
  ['cpu', { n: BigInt(DEFAULT_MILLI_CPU_REQUEST), d: 1000n }],
  ['memory', { n: BigInt(DEFAULT_MEMORY_REQUEST), d: 1n }],
];

/** Pod-level resources (PodLevelResources, beta and on by default since v1.34) cover cpu and memory. */
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

// Pods stamped from one template repeat the same resources thousands of times; results are immutable, so share them.
const cache = new Map<string, PodResources>();

/** `key`: the spec's `resourceKey`, when the caller already built it. */
export function podResources(spec: PodSpec | undefined, key: string | undefined = resourceKey(spec)): PodResources {
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit) return hit;
  const computed = computePodResources(spec);
  if (key !== undefined) {
    computed.key = key;
    if (cache.size >= 2048) cache.delete(cache.keys().next().value!);
    cache.set(key, computed);
  }
  return computed;
}

/** Everything podResources reads, as a string; undefined for shapes not worth caching. (QoS reads the same fields.) */
export function resourceKey(spec: PodSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const s = spec as PodSpec & { resources?: unknown };
  const part = (list: unknown) =>
    Array.isArray(list) ? list.map((c: Container) => (isRecord(c) ? [c.name, c.restartPolicy, c.resources] : null)) : null;
  try {
    return JSON.stringify([part(s.containers), part(s.initContainers), s.overhead ?? null, s.resources ?? null]);
  } catch {
    return undefined;
  }
}

function computePodResources(spec: PodSpec | undefined): PodResources {
  const invalid: InvalidQuantity[] = [];
  const s = (spec ?? {}) as PodSpec & { resources?: { requests?: unknown } };
  const containers = listOf(s.containers);
  const initContainers = listOf(s.initContainers);

  const perContainer = (c: Container, i: number, field: string) => containerRequests(c, `${field}[${i}]`, invalid);
  const app = containers.map((c, i) => perContainer(c, i, 'containers'));
  const init = initContainers.map((c, i) => perContainer(c, i, 'initContainers'));
  const sidecar = initContainers.map(isRestartable);

  const podLevel = parseResourceList(s.resources?.requests, (resource, value) =>
    invalid.push({ container: 'pod', field: 'requests', resource, value }),
  );
  for (const name of [...podLevel.keys()]) if (!POD_LEVEL_RESOURCES.has(name)) podLevel.delete(name);
  const overhead = parseResourceList(s.overhead, (resource, value) =>
    invalid.push({ container: 'pod', field: 'overhead', resource, value }),
  );

  const requests = aggregate(app, init, sidecar, undefined);
  for (const [k, v] of podLevel) requests.set(k, v);
  // With pod-level requests the 100m/200Mi fallback applies only to what the pod level leaves unset.
  const nonMissing = podLevel.size === 0 ? NON_ZERO_DEFAULTS : NON_ZERO_DEFAULTS.filter(([k]) => !requests.has(k));
  const nonZero = aggregate(app, init, sidecar, nonMissing);
  for (const [k, v] of podLevel) nonZero.set(k, v);
  addInto(requests, overhead);
  addInto(nonZero, overhead);

  return { requests: toPodRequests(requests), nonZero: { cpu: units(nonZero, 'cpu'), memory: units(nonZero, 'memory') }, invalid };
}

export function podRequests(spec: PodSpec | undefined): PodRequests {
  return podResources(spec).requests;
}

export function nonZeroRequests(spec: PodSpec | undefined): { cpu: number; memory: number } {
  return podResources(spec).nonZero;
}

/** A container's requests after API defaulting: a resource with a limit but no request requests its limit. */
function containerRequests(c: Container, where: string, invalid: InvalidQuantity[]): ExactList {
  const name = typeof c.name === 'string' ? c.name : where;
  const resources = (c.resources ?? {}) as { requests?: unknown; limits?: unknown };
  const requests = parseResourceList(resources.requests, (resource, value) =>
    invalid.push({ container: name, field: 'requests', resource, value }),
  );
  const limits = parseResourceList(resources.limits, (resource, value) =>
    invalid.push({ container: name, field: 'limits', resource, value }),
  );
  const declared = isRecord(resources.requests) ? resources.requests : {};
  for (const [k, v] of limits) if (!(k in declared)) requests.set(k, v);
  return requests;
}

function aggregate(
  app: ExactList[],
  init: ExactList[],
  sidecar: boolean[],
  nonMissing: ReadonlyArray<[string, Exact]> | undefined,
): ExactList {
  const fill = (list: ExactList): ExactList => {
    if (!nonMissing || nonMissing.length === 0) return list;
    const out = new Map(list);
    for (const [k, v] of nonMissing) if (!out.has(k)) out.set(k, v);
    return out;
  };
  const result: ExactList = new Map();
  for (const c of app) addInto(result, fill(c));
  const sidecarsSoFar: ExactList = new Map();
  const initPeak: ExactList = new Map();
  init.forEach((raw, i) => {
    const c = fill(raw);
    if (sidecar[i]) {
      addInto(result, c);
      addInto(sidecarsSoFar, c);
      maxInto(initPeak, sidecarsSoFar);
    } else {
      const during: ExactList = new Map(c);
      addInto(during, sidecarsSoFar);
      maxInto(initPeak, during);
    }
  });
  maxInto(result, initPeak);
  return result;
}

function toPodRequests(list: ExactList): PodRequests {
  const extended: Record<string, number> = {};
  for (const [k, v] of list) {
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage' || k === 'pods') continue;
    extended[k] = toUnits(k, v);
  }
  return { cpu: units(list, 'cpu'), memory: units(list, 'memory'), ephemeralStorage: units(list, 'ephemeral-storage'), extended };
}

function units(list: ExactList, name: string): number {
  const v = list.get(name);
  return v === undefined ? 0 : toUnits(name, v);
}

function isRestartable(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function listOf(v: unknown): Container[] {
  return Array.isArray(v) ? v.filter(isRecord).map((c) => c as unknown as Container) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
