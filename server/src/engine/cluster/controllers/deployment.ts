/**
 * Deployment controller (pkg/controller/deployment/): one ReplicaSet per pod template
 * (named <deployment>-<pod-template-hash>), rolling updates bounded by maxSurge (rounded up)
 * and maxUnavailable (rounded down), both 25 % by default (rolling.go, util/deployment_util.go
 * NewRSNewReplicas / ResolveFenceposts), Recreate (recreate.go), and status/conditions (sync.go).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { controllerOf, keyOf, ownerReference, refOf, secondsOf, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { templateHash, type PodObject } from './podTemplate';
import type { ReplicaSetObject } from './replicaset';

export type DeploymentObject = Deployment & KObject;

/** An int-or-percent scaled against `total` (apimachinery intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const value = v ?? fallback;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value.trim());
  if (!m) return Number(value) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable for a deployment; both zero is not allowed, so unavailable becomes 1. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, replicas, true, '25%');
  let unavailable = scaledValue(ru?.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const specReplicas = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;
const available = (rs: ReplicaSet) => rs.status?.availableReplicas ?? 0;

/** How many replicas the new ReplicaSet may have now (deployment_util.go NewRSNewReplicas, RollingUpdate). */
export function newRSNewReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const replicas = d.spec?.replicas ?? 1;
  const current = newRS ? specReplicas(newRS) : 0;
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicas;
  const { surge } = fenceposts(d);
  const total = all.reduce((s, rs) => s + specReplicas(rs), 0);
  const maxTotal = replicas + surge;
  if (total >= maxTotal) return current;
  return current + Math.max(0, Math.min(maxTotal - total, replicas - current));
}

export class DeploymentController extends Controller {
  readonly name = 'deployment';

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('Deployment', (type, d) => {
      if (type !== 'DELETED') this.enqueue(keyOf(d));
    });
    host.store.watch('ReplicaSet', (_type, rs) => {
      const owner = controllerOf(rs);
      if (owner?.kind === 'Deployment') this.enqueue(`${rs.metadata.namespace}/${owner.name}`);
    });
    // Recreate waits for old pods to be gone
    host.store.watch('Pod', (type, pod) => {
      if (type !== 'DELETED') return;
      const rsRef = controllerOf(pod);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = host.store.get<ReplicaSetObject>('ReplicaSet', `${pod.metadata.namespace}/${rsRef.name}`);
      const d = rs && controllerOf(rs);
      if (d?.kind === 'Deployment') this.enqueue(`${pod.metadata.namespace}/${d.name}`);
    });
  }

  private readonly hashes = new Map<string, { generation: number; hash: string }>();

  /** The pod-template-hash, recomputed only when the Deployment's spec changed (its generation). */
  private hashOf(d: DeploymentObject): string {
    const generation = d.metadata.generation ?? 1;
    const cached = this.hashes.get(d.metadata.uid!);
    if (cached && cached.generation === generation) return cached.hash;
    const hash = templateHash(d.spec?.template);
    this.hashes.set(d.metadata.uid!, { generation, hash });
    return hash;
  }

  protected sync(key: string): void {
    const d = this.host.store.get<DeploymentObject>('Deployment', key);
    if (!d) return;
    const all = [...this.host.store.byIndex<ReplicaSetObject>('owner', d.metadata.uid!)].sort(byCreation);
    const hash = this.hashOf(d);
    let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const old = all.filter((rs) => rs !== newRS);
    if (d.spec?.paused) return this.syncStatus(d, all, newRS);
    if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') {
      this.recreate(d, all, old, newRS, hash);
      return;
    }
    if (!newRS) {
      newRS = this.createReplicaSet(d, hash, newRSNewReplicas(d, all, undefined), all);
      if (!newRS) return;
      all.push(newRS);
    }
    this.reconcileNew(d, all, newRS);
    this.reconcileOld(d, all, old, newRS);
    this.syncStatus(d, all, newRS);
  }

  private recreate(d: DeploymentObject, all: ReplicaSetObject[], old: ReplicaSetObject[], newRS: ReplicaSetObject | undefined, hash: string): void {
    for (const rs of old) if (specReplicas(rs) > 0) this.scale(d, rs, 0);
    const oldPodsRunning = old.some((rs) => [...this.host.store.byIndex<PodObject>('pod-owner', rs.metadata.uid!)].some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'));
    if (oldPodsRunning) return this.syncStatus(d, all, newRS);
    const replicas = d.spec?.replicas ?? 1;
    if (!newRS) {
      newRS = this.createReplicaSet(d, hash, replicas, all);
      if (newRS) all.push(newRS);
    } else if (specReplicas(newRS) !== replicas) this.scale(d, newRS, replicas);
    this.syncStatus(d, all, newRS);
  }

  private createReplicaSet(d: DeploymentObject, hash: string, replicas: number, all: readonly ReplicaSetObject[]): ReplicaSetObject | undefined {
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
    const revision = 1 + Math.max(0, ...all.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)));
    const rs: ReplicaSetObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1), 'deployment.kubernetes.io/max-replicas': String((d.spec?.replicas ?? 1) + fenceposts(d).surge), 'deployment.kubernetes.io/revision': String(revision) },
        ownerReferences: [ownerReference(d)],
      },
      spec: {
        replicas,
        minReadySeconds: d.spec?.minReadySeconds ?? 0,
        selector: { ...(d.spec?.selector ?? {}), matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
        template,
      },
    };
    const r = this.host.api.create(rs);
    if (r.error !== undefined) {
      this.host.events.warning(refOf(d), 'FailedCreate', `Failed to create new replica set "${rs.metadata.name}": ${r.error}`);
      return undefined;
    }
    if (replicas > 0) this.host.events.normal(refOf(d), 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to ${replicas}`);
    return r.object;
  }

  /** rolling.go reconcileNewReplicaSet */
  private reconcileNew(d: DeploymentObject, all: ReplicaSetObject[], newRS: ReplicaSetObject): void {
    const replicas = d.spec?.replicas ?? 1;
    if (specReplicas(newRS) === replicas) return;
    if (specReplicas(newRS) > replicas) {
      this.scale(d, newRS, replicas);
      return;
    }
    const next = newRSNewReplicas(d, all, newRS);
    if (next !== specReplicas(newRS)) this.scale(d, newRS, next);
  }

  /** rolling.go reconcileOldReplicaSets: scale old ReplicaSets down without going below minAvailable. */
  private reconcileOld(d: DeploymentObject, all: ReplicaSetObject[], old: ReplicaSetObject[], newRS: ReplicaSetObject): void {
    const oldCount = old.reduce((s, rs) => s + specReplicas(rs), 0);
    if (oldCount === 0) return;
    const replicas = d.spec?.replicas ?? 1;
    const allCount = all.reduce((s, rs) => s + specReplicas(rs), 0);
    const minAvailable = replicas - fenceposts(d).unavailable;
    const newUnavailable = specReplicas(newRS) - available(newRS);
    const maxScaledDown = allCount - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // first drop old replicas that are not available anyway (cleanupUnhealthyReplicas)
    let cleaned = 0;
    for (const rs of old) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = specReplicas(rs) - available(rs);
      if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scale(d, rs, specReplicas(rs) - down);
      cleaned += down;
    }
    // then scale down available ones while staying at or above minAvailable
    const availableCount = all.reduce((s, rs) => s + available(rs), 0);
    if (availableCount <= minAvailable) return;
    const total = availableCount - minAvailable;
    let done = 0;
    for (const rs of old) {
      if (done >= total) break;
      if (specReplicas(rs) === 0) continue;
      const down = Math.min(specReplicas(rs), total - done);
      this.scale(d, rs, specReplicas(rs) - down);
      done += down;
    }
  }

  private scale(d: DeploymentObject, rs: ReplicaSetObject, to: number): void {
    const from = specReplicas(rs);
    if (from === to) return;
    rs.spec = { ...(rs.spec ?? { selector: {} }), replicas: to };
    rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1) };
    this.host.store.update(rs, { specChanged: true });
    this.host.events.normal(refOf(d), 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`);
  }

  private syncStatus(d: DeploymentObject, all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined): void {
    const sum = (f: (rs: ReplicaSet) => number) => all.reduce((s, rs) => s + f(rs), 0);
    const replicas = sum((rs) => rs.status?.replicas ?? 0);
    const availableReplicas = sum(available);
    const readyReplicas = sum((rs) => rs.status?.readyReplicas ?? 0);
    const updatedReplicas = newRS?.status?.replicas ?? 0;
    const want = d.spec?.replicas ?? 1;
    const unavailableReplicas = Math.max(0, sum(specReplicas) - availableReplicas);
    const minAvailable = want - fenceposts(d).unavailable;
    const s = d.status;
    if (s && s.replicas === replicas && s.availableReplicas === availableReplicas && s.readyReplicas === readyReplicas && s.updatedReplicas === updatedReplicas && s.observedGeneration === d.metadata.generation) return;
    d.status = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas,
      readyReplicas,
      availableReplicas,
      unavailableReplicas,
      conditions: [
        availableReplicas >= minAvailable
          ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
          : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      ],
    };
    this.host.store.update(d);
  }
}

function byCreation(a: KObject, b: KObject): number {
  return secondsOf(a.metadata.creationTimestamp) - secondsOf(b.metadata.creationTimestamp) || (a.metadata.name < b.metadata.name ? -1 : 1);
}
