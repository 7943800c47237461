/**
 * Pod QoS class, as `pkg/apis/core/v1/helper/qos/qos.go` (GetPodQOS) computes it on the
 * defaulted pod (a container's missing requests default to its limits):
 * - BestEffort: no container (app or init) sets a positive cpu or memory request or limit;
 * - Guaranteed: every container has positive cpu and memory limits, and the summed requests equal the summed limits;
 * - Burstable: anything else.
 * With pod-level resources (`spec.resources`) set, those decide instead of the containers.
 * Invalid quantities count as unset.
 */
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { add, compare, parseResourceList, ZERO, type ExactList } from './exact';
import { resourceKey } from './requests';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

// Pods stamped from one template share their resources, hence their class: computed once per shape.
const cache = new Map<string, QOSClass>();

/** `key`: the spec's `resourceKey`, when the caller already built it. */
export function qosClass(pod: Pod | { spec?: PodSpec }, key: string | undefined = resourceKey(pod.spec)): QOSClass {
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const computed = computeQosClass(pod);
  if (key !== undefined) {
    if (cache.size >= 2048) cache.delete(cache.keys().next().value!);
    cache.set(key, computed);
  }
  return computed;
}

function computeQosClass(pod: Pod | { spec?: PodSpec }): QOSClass {
  const spec = (pod.spec ?? {}) as PodSpec & { resources?: { requests?: unknown; limits?: unknown } };
  const requests: ExactList = new Map();
  const limits: ExactList = new Map();
  let guaranteed = true;

  const account = (requestList: unknown, limitList: unknown, declaredRequests: unknown) => {
    const req = parseResourceList(requestList, ignore);
    const lim = parseResourceList(limitList, ignore);
    const declared = isRecord(declaredRequests) ? declaredRequests : {};
    for (const [k, v] of lim) if (!(k in declared)) req.set(k, v);
    for (const name of QOS_RESOURCES) {
      const r = req.get(name);
      if (r && compare(r, ZERO) > 0) requests.set(name, add(requests.get(name) ?? ZERO, r));
    }
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const l = lim.get(name);
      if (l && compare(l, ZERO) > 0) {
        limitsFound++;
        limits.set(name, add(limits.get(name) ?? ZERO, l));
      }
    }
    if (limitsFound < QOS_RESOURCES.length) guaranteed = false;
  };

  if (podLevelResourcesSet(spec.resources)) {
    account(spec.resources?.requests, spec.resources?.limits, spec.resources?.requests);
  } else {
    for (const c of [...containersOf(spec.containers), ...containersOf(spec.initContainers)]) {
      const r = (c.resources ?? {}) as { requests?: unknown; limits?: unknown };
      account(r.requests, r.limits, r.requests);
    }
  }

  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compare(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function podLevelResourcesSet(r: { requests?: unknown; limits?: unknown } | undefined): boolean {
  if (!isRecord(r)) return false;
  const has = (list: unknown) =>
    isRecord(list) && Object.keys(list).some((k) => QOS_RESOURCES.includes(k) || k.startsWith('hugepages-'));
  return has(r.requests) || has(r.limits);
}

function ignore(): void {}

function containersOf(v: unknown): Container[] {
  return Array.isArray(v) ? v.filter(isRecord).map((c) => c as unknown as Container) : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
