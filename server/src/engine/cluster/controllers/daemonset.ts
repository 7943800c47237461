/**
 * DaemonSet controller (pkg/controller/daemon/daemon_controller.go): one pod per node that
 * the pod fits by node selector/affinity and taints — counting the tolerations the controller
 * adds itself (daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations) — pinned with a
 * required node affinity on metadata.name and placed by the scheduler.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { controllerOf, isPodActive, keyOf, refOf, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { createPod, type PodObject } from './podTemplate';

export type DaemonSetObject = DaemonSet & KObject;

/** The tolerations every daemon pod gets, so node trouble does not evict it. */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (!t.key) return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

function exprMatches(e: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (e.operator) {
    case 'In': return value !== undefined && (e.values ?? []).includes(value);
    case 'NotIn': return value === undefined || !(e.values ?? []).includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(e.values?.[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(e.values?.[0]);
    default: return false;
  }
}

/** Whether a daemon pod should run on the node (daemon_controller.go NodeShouldRunDaemonPod). */
export function shouldRunOn(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => (t.matchExpressions ?? []).every((e) => exprMatches(e, labels[e.key])) && (t.matchFields ?? []).every((e) => exprMatches(e, e.key === 'metadata.name' ? node.metadata?.name : undefined)))) return false;
  const tolerations = [...(pod.spec?.tolerations ?? []), ...daemonTolerations(Boolean(pod.spec?.hostNetwork))];
  return (node.spec?.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tolerates(tolerations, t));
}

function targetNode(pod: Pod): string | undefined {
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.[0];
  }
  return pod.spec?.nodeName;
}

export class DaemonSetController extends Controller {
  readonly name = 'daemonset';

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('DaemonSet', (type, o) => {
      if (type !== 'DELETED') this.enqueue(keyOf(o));
    });
    host.store.watch('Node', () => {
      for (const ds of host.store.list('DaemonSet')) this.enqueue(keyOf(ds));
    });
    host.store.watch('Pod', (_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind === 'DaemonSet') this.enqueue(`${pod.metadata.namespace}/${owner.name}`);
    });
  }

  protected sync(key: string): void {
    const ds = this.host.store.get<DaemonSetObject>('DaemonSet', key);
    if (!ds) return;
    const byNode = new Map<string, PodObject[]>();
    for (const p of this.host.store.byIndex<PodObject>('pod-owner', ds.metadata.uid!)) {
      const n = targetNode(p);
      if (!n) continue;
      const list = byNode.get(n) ?? [];
      list.push(p);
      byNode.set(n, list);
    }
    const templatePod = { spec: ds.spec?.template?.spec } as Pod;
    let desired = 0;
    let ready = 0;
    let current = 0;
    for (const node of this.host.store.list<Node & KObject>('Node')) {
      const name = node.metadata.name;
      const pods = (byNode.get(name) ?? []).filter(isPodActive);
      const failed = (byNode.get(name) ?? []).filter((p) => p.status?.phase === 'Failed' && !p.metadata.deletionTimestamp);
      for (const p of failed) this.host.api.delete(p);
      if (shouldRunOn(templatePod, node)) {
        desired++;
        if (pods.length === 0) {
          createPod(this.host, ds.spec?.template, ds, {
            generateName: `${ds.metadata.name}-`,
            mutate: (p) => pinToNode(p, name),
          });
        } else {
          current++;
          if (pods.some((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))) ready++;
          for (const extra of pods.slice(1)) {
            this.host.api.delete(extra);
            this.host.events.normal(refOf(ds), 'SuccessfulDelete', `Deleted pod: ${extra.metadata.name}`);
          }
        }
      } else {
        for (const p of pods) {
          this.host.api.delete(p);
          this.host.events.normal(refOf(ds), 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
      }
    }
    const s = ds.status;
    if (s && s.desiredNumberScheduled === desired && s.numberReady === ready && s.currentNumberScheduled === current) return;
    ds.status = { desiredNumberScheduled: desired, currentNumberScheduled: current, numberReady: ready, numberAvailable: ready, numberMisscheduled: 0, updatedNumberScheduled: current, observedGeneration: ds.metadata.generation };
    this.host.store.update(ds);
  }
}

/** Required node affinity on the node's name plus the daemon tolerations (daemonset_util.go ReplaceDaemonSetPodNodeNameNodeAffinity). */
function pinToNode(pod: PodObject, node: string): void {
  const spec = pod.spec!;
  spec.affinity = {
    ...(spec.affinity ?? {}),
    nodeAffinity: {
      ...(spec.affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] },
    },
  };
  const existing = spec.tolerations ?? [];
  spec.tolerations = [...existing, ...daemonTolerations(Boolean(spec.hostNetwork)).filter((t) => !existing.some((e) => e.key === t.key && e.effect === t.effect))];
}
