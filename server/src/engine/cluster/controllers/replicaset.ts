/**
 * ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps the number of
 * active pods equal to spec.replicas — creating in slow-start batches of up to 500
 * (burstReplicas), deleting the least valuable pods first (controller_utils.go
 * ActivePodsWithRanks) — and reports replicas / ready / available in status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { controllerOf, isPodActive, isPodReady, isTerminating, keyOf, podCondition, refOf, secondsOf, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { createPod, slowStartBatch, type PodObject } from './podTemplate';

export type ReplicaSetObject = ReplicaSet & KObject;

const BURST_REPLICAS = 500;
const FAILED_CREATE_RETRY_SECONDS = 10;

export class ReplicaSetController extends Controller {
  readonly name = 'replicaset';
  private readonly createFailures = new Map<string, number>();

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('ReplicaSet', (type, rs) => {
      if (type !== 'DELETED') this.enqueue(keyOf(rs));
    });
    host.store.watch('Pod', (_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind === 'ReplicaSet') this.enqueue(`${pod.metadata.namespace}/${owner.name}`);
    });
  }

  protected sync(key: string): void {
    const rs = this.host.store.get<ReplicaSetObject>('ReplicaSet', key);
    if (!rs) return;
    const owned = [...this.host.store.byIndex<PodObject>('pod-owner', rs.metadata.uid!)];
    const active = owned.filter(isPodActive);
    const want = rs.spec?.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      let failed = false;
      // one options object for the batch: each pod keeps its generateName string for the whole run
      const options = { generateName: `${rs.metadata.name}-` };
      slowStartBatch(count, () => {
        const r = createPod(this.host, rs.spec?.template, rs, options);
        if (r.error) failed = true;
        return !r.error;
      });
      if (failed) {
        const n = (this.createFailures.get(key) ?? 0) + 1;
        this.createFailures.set(key, n);
        // the workqueue's rate limiter retries a failing sync with exponential back-off
        this.enqueueAfter(key, Math.min(FAILED_CREATE_RETRY_SECONDS * 2 ** (n - 1), 300), true);
      } else this.createFailures.delete(key);
    } else if (diff > 0) {
      for (const pod of podsToDelete(active, diff)) {
        this.host.api.delete(pod);
        this.host.events.normal(refOf(rs), 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }
    }
    this.updateStatus(rs);
  }

  private updateStatus(rs: ReplicaSetObject): void {
    const now = this.host.clock.now;
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const active = [...this.host.store.byIndex<PodObject>('pod-owner', rs.metadata.uid!)].filter(isPodActive);
    let ready = 0;
    let available = 0;
    let nextAvailableCheck = Infinity;
    for (const p of active) {
      if (!isPodReady(p)) continue;
      ready++;
      if (minReady === 0) {
        available++;
        continue;
      }
      const since = secondsOf(podCondition(p, 'Ready')?.lastTransitionTime);
      if (now - since >= minReady) available++;
      else nextAvailableCheck = Math.min(nextAvailableCheck, since + minReady);
    }
    if (nextAvailableCheck < Infinity) this.enqueueAfter(keyOf(rs), nextAvailableCheck - now);
    const s = rs.status;
    const replicas = active.length;
    if (s && s.replicas === replicas && s.readyReplicas === ready && s.availableReplicas === available && s.observedGeneration === rs.metadata.generation) return;
    rs.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: available, observedGeneration: rs.metadata.generation };
    this.host.store.updateStatus(rs);
  }
}

/** Pods to delete when scaling down: the `count` least valuable (ActivePodsWithRanks order). */
export function podsToDelete(pods: readonly PodObject[], count: number): PodObject[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec?.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const phaseRank = (p: PodObject) => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : p.status?.phase === 'Running' ? 2 : 3);
  const restarts = (p: PodObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const readySince = (p: PodObject) => secondsOf(podCondition(p, 'Ready')?.lastTransitionTime);
  const sorted = [...pods].sort((a, b) => {
    const assigned = Number(Boolean(a.spec?.nodeName)) - Number(Boolean(b.spec?.nodeName));
    if (assigned) return assigned;
    const phase = phaseRank(a) - phaseRank(b);
    if (phase) return phase;
    const ready = Number(isPodReady(a)) - Number(isPodReady(b));
    if (ready) return ready;
    const colocated = (perNode.get(b.spec?.nodeName ?? '') ?? 0) - (perNode.get(a.spec?.nodeName ?? '') ?? 0);
    if (colocated) return colocated;
    if (isPodReady(a) && isPodReady(b)) {
      const since = readySince(b) - readySince(a);
      if (since) return since;
    }
    const r = restarts(b) - restarts(a);
    if (r) return r;
    const created = secondsOf(b.metadata.creationTimestamp) - secondsOf(a.metadata.creationTimestamp);
    if (created) return created;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
  return sorted.filter((p) => !isTerminating(p)).slice(0, count);
}
