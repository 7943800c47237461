/**
 * ResourceQuota (plugin/pkg/admission/resourcequota, pkg/quota/v1/evaluator/core/pods.go):
 * refuses an object whose usage would push a namespace's quota over its hard limits, with
 * the `exceeded quota: <name>, requested: ..., used: ..., limited: ...` message, and pods that
 * omit a request or limit the quota tracks (`must specify ...`).
 */
import type { Container, Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import { bytes, cpuMillis, formatBytes, formatMillicpu } from '../../kube/quantity';
import { isPodTerminal, type KObject } from '../objects';
import type { Store } from '../store/store';
import { forbidden, type AdmissionPlugin } from './admission';

const OBJECT_COUNTS: Record<string, string> = { services: 'Service', configmaps: 'ConfigMap', secrets: 'Secret', persistentvolumeclaims: 'PersistentVolumeClaim', replicationcontrollers: 'ReplicationController', resourcequotas: 'ResourceQuota' };

function containerAmount(c: Container, field: 'requests' | 'limits', resource: 'cpu' | 'memory'): number | undefined {
  const q = c.resources?.[field]?.[resource] ?? (field === 'requests' ? c.resources?.limits?.[resource] : undefined);
  if (q === undefined) return undefined;
  return resource === 'cpu' ? cpuMillis(q) : bytes(q);
}

/** A pod's quota usage: Σ app containers vs max over init containers, per tracked resource. */
export function podUsage(pod: Pod): Record<string, number> {
  const apps = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const out: Record<string, number> = { pods: 1 };
  for (const field of ['requests', 'limits'] as const) {
    for (const r of ['cpu', 'memory'] as const) {
      const total = apps.reduce((s, c) => s + (containerAmount(c, field, r) ?? 0), 0);
      const init = inits.reduce((m, c) => Math.max(m, containerAmount(c, field, r) ?? 0), 0);
      out[`${field}.${r}`] = Math.max(total, init);
    }
  }
  out.cpu = out['requests.cpu']!;
  out.memory = out['requests.memory']!;
  return out;
}

function format(resource: string, n: number): string {
  if (resource.endsWith('cpu')) return formatMillicpu(n);
  if (resource.endsWith('memory')) return formatBytes(n);
  return String(n);
}

function hardAmount(resource: string, q: string): number {
  if (resource.endsWith('cpu')) return cpuMillis(q) ?? 0;
  return bytes(q) ?? 0;
}

function countKind(resource: string): string | undefined {
  if (OBJECT_COUNTS[resource]) return OBJECT_COUNTS[resource];
  const m = /^count\/([a-z]+)(?:\.(.+))?$/.exec(resource);
  if (!m) return undefined;
  const known: Record<string, string> = { pods: 'Pod', services: 'Service', deployments: 'Deployment', replicasets: 'ReplicaSet', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', jobs: 'Job', cronjobs: 'CronJob', configmaps: 'ConfigMap', secrets: 'Secret', ingresses: 'Ingress' };
  return known[m[1]!];
}

/** Current usage of the namespace for the quota's resources. */
export function namespaceUsage(store: Store, namespace: string, resources: readonly string[]): Record<string, number> {
  const used: Record<string, number> = {};
  for (const r of resources) used[r] = 0;
  for (const pod of store.byIndex<Pod & KObject>('pod-namespace', namespace)) {
    if (isPodTerminal(pod)) continue;
    const u = podUsage(pod);
    for (const r of resources) if (r in u) used[r]! += u[r]!;
  }
  for (const r of resources) {
    const kind = countKind(r);
    if (kind && kind !== 'Pod') used[r] = store.list(kind).filter((o) => (o.metadata.namespace ?? 'default') === namespace).length;
    if (kind === 'Pod') used[r] = used.pods ?? [...store.byIndex<Pod & KObject>('pod-namespace', namespace)].filter((p) => !isPodTerminal(p)).length;
  }
  return used;
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  admit(obj, ctx) {
    const ns = obj.metadata.namespace;
    if (!ns) return undefined;
    const quotas = ctx.store.list<ResourceQuota & KObject>('ResourceQuota').filter((q) => q.metadata.namespace === ns);
    if (quotas.length === 0) return undefined;
    for (const quota of quotas) {
      const hard = (quota.spec?.hard ?? {}) as Record<string, string>;
      const tracked = Object.keys(hard).sort();
      let requested: Record<string, number> = {};
      if (obj.kind === 'Pod') {
        const pod = obj as unknown as Pod;
        const missing: string[] = [];
        for (const r of tracked) {
          const m = /^(requests|limits)\.(cpu|memory)$|^(cpu|memory)$/.exec(r);
          if (!m) continue;
          const field = (m[1] ?? 'requests') as 'requests' | 'limits';
          const res = (m[2] ?? m[3]) as 'cpu' | 'memory';
          const lacking = (pod.spec?.containers ?? []).filter((c) => containerAmount(c, field, res) === undefined).map((c) => c.name);
          if (lacking.length) missing.push(`${r} for: ${lacking.join(',')}`);
        }
        if (missing.length) return forbidden(obj, `failed quota: ${quota.metadata.name}: must specify ${missing.join('; ')}`);
        requested = podUsage(pod);
        for (const r of tracked) if (countKind(r) === 'Pod') requested[r] = 1;
      } else {
        for (const r of tracked) if (countKind(r) === obj.kind) requested[r] = 1;
      }
      const relevant = tracked.filter((r) => requested[r] !== undefined && requested[r]! > 0);
      if (relevant.length === 0) continue;
      const used = namespaceUsage(ctx.store, ns, relevant);
      const exceeded = relevant.filter((r) => used[r]! + requested[r]! > hardAmount(r, String(hard[r])));
      if (exceeded.length) {
        const list = (f: (r: string) => string) => exceeded.map((r) => `${r}=${f(r)}`).join(',');
        return forbidden(
          obj,
          `exceeded quota: ${quota.metadata.name}, requested: ${list((r) => format(r, requested[r]!))}, used: ${list((r) => format(r, used[r]!))}, limited: ${list((r) => String(hard[r]))}`,
        );
      }
    }
    return undefined;
  },
};

