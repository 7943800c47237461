/**
 * INTERIM: pod requests and QoS until cluster/resources/ lands on main (built by the
 * scheduler helper); then this file goes and the imports point there.
 * Upstream: pkg/api/v1/resource/helpers.go (PodRequests), pkg/apis/core/v1/helper/qos/qos.go.
 */
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { bytes, cpuMillis } from '../../kube/quantity';

export interface Amounts {
  cpu: number;
  memory: number;
}

function containerRequests(c: Container): Amounts {
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  // a limit without a request defaults the request (pkg/apis/core/v1/defaults.go)
  return { cpu: cpuMillis(req.cpu ?? lim.cpu) ?? 0, memory: bytes(req.memory ?? lim.memory) ?? 0 };
}

/** max(Σ app + Σ sidecars, max over init containers) + overhead, in millicores and bytes. */
export function podRequests(spec: PodSpec | undefined): Amounts {
  const sum: Amounts = { cpu: 0, memory: 0 };
  let initMax: Amounts = { cpu: 0, memory: 0 };
  let sidecars: Amounts = { cpu: 0, memory: 0 };
  for (const c of spec?.containers ?? []) {
    const r = containerRequests(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
  }
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      sidecars = { cpu: sidecars.cpu + r.cpu, memory: sidecars.memory + r.memory };
      sum.cpu += r.cpu;
      sum.memory += r.memory;
    } else {
      initMax = { cpu: Math.max(initMax.cpu, r.cpu + sidecars.cpu), memory: Math.max(initMax.memory, r.memory + sidecars.memory) };
    }
  }
  const overhead = spec?.overhead ?? {};
  return {
    cpu: Math.max(sum.cpu, initMax.cpu) + (cpuMillis(overhead.cpu) ?? 0),
    memory: Math.max(sum.memory, initMax.memory) + (bytes(overhead.memory) ?? 0),
  };
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export function qosClass(pod: Pod): QosClass {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory'] as const) {
      const q = req[r] ?? lim[r];
      if (q !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || q === undefined) guaranteed = false;
      else if (r === 'cpu' ? cpuMillis(q) !== cpuMillis(lim[r]) : bytes(q) !== bytes(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
