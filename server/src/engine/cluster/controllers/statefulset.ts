/**
 * StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods with
 * stable names <set>-<ordinal>; with the default OrderedReady policy ordinal N+1 is created
 * only once 0..N are Running and Ready, and scale-down removes the highest ordinal first;
 * Parallel creates and deletes at once. A template change rolls pods from the highest
 * ordinal down, one at a time, each after the rest are Ready (RollingUpdate, partition 0).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { controllerOf, isPodReady, isTerminating, keyOf, refOf, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { createPod, templateHash, type PodObject } from './podTemplate';

export type StatefulSetObject = StatefulSet & KObject;

const REVISION_LABEL = 'controller-revision-hash';

export class StatefulSetController extends Controller {
  readonly name = 'statefulset';

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('StatefulSet', (type, o) => {
      if (type !== 'DELETED') this.enqueue(keyOf(o));
    });
    host.store.watch('Pod', (_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind === 'StatefulSet') this.enqueue(`${pod.metadata.namespace}/${owner.name}`);
    });
  }

  protected sync(key: string): void {
    const set = this.host.store.get<StatefulSetObject>('StatefulSet', key);
    if (!set) return;
    const ns = set.metadata.namespace ?? 'default';
    const replicas = set.spec?.replicas ?? 1;
    const parallel = set.spec?.podManagementPolicy === 'Parallel';
    const revision = `${set.metadata.name}-${templateHash(set.spec?.template)}`;
    const podAt = (i: number) => this.host.store.get<PodObject>('Pod', `${ns}/${set.metadata.name}-${i}`);
    const healthy = (p: PodObject | undefined) => p !== undefined && !isTerminating(p) && p.status?.phase === 'Running' && isPodReady(p);

    for (let i = 0; i < replicas; i++) {
      const pod = podAt(i);
      if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') && !isTerminating(pod)) {
        // a finished pod is replaced (the store lets its name go first)
        this.host.api.delete(pod);
        this.host.events.normal(refOf(set), 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
        if (!parallel) break;
        continue;
      }
      if (!pod) {
        const name = `${set.metadata.name}-${i}`;
        const r = createPod(this.host, set.spec?.template, set, {
          name,
          labels: { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i), [REVISION_LABEL]: revision },
          mutate: (p) => {
            p.spec!.hostname = name;
            if (set.spec?.serviceName) p.spec!.subdomain = set.spec.serviceName;
          },
          createdMessage: (n) => `create Pod ${n} in StatefulSet ${set.metadata.name} successful`,
        });
        if (r.error) {
          this.enqueueAfter(key, 10, true);
          break;
        }
        if (!parallel) break;
        continue;
      }
      if (!parallel && !healthy(pod)) break;
    }
    // scale down: highest ordinal first, one at a time unless Parallel
    const extra = [...this.host.store.byIndex<PodObject>('pod-owner', set.metadata.uid!)]
      .map((p) => ({ p, i: Number(p.metadata.labels?.['apps.kubernetes.io/pod-index'] ?? -1) }))
      .filter(({ p, i }) => i >= replicas && !isTerminating(p))
      .sort((a, b) => b.i - a.i);
    // a loop, not an array of `replicas` entries: `replicas: 1000000000` stops at the first missing pod
    const allHealthy = () => {
      for (let i = 0; i < replicas; i++) if (!healthy(podAt(i))) return false;
      return true;
    };
    for (const { p } of extra) {
      if (!parallel && !allHealthy()) break;
      this.host.api.delete(p);
      this.host.events.normal(refOf(set), 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      if (!parallel) break;
    }
    // rolling update: replace the highest-ordinal outdated pod once every pod is healthy
    if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && extra.length === 0 && allHealthy()) {
      for (let i = replicas - 1; i >= 0; i--) {
        const pod = podAt(i)!;
        if (pod.metadata.labels?.[REVISION_LABEL] !== revision) {
          this.host.api.delete(pod);
          this.host.events.normal(refOf(set), 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
          break;
        }
      }
    }
    this.updateStatus(set, revision);
  }

  private updateStatus(set: StatefulSetObject, revision: string): void {
    const pods = [...this.host.store.byIndex<PodObject>('pod-owner', set.metadata.uid!)].filter((p) => !isTerminating(p));
    const ready = pods.filter(isPodReady).length;
    const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
    const s = set.status;
    if (s && s.replicas === pods.length && s.readyReplicas === ready && s.updatedReplicas === updated) return;
    set.status = { replicas: pods.length, readyReplicas: ready, availableReplicas: ready, currentReplicas: updated, updatedReplicas: updated, updateRevision: revision, observedGeneration: set.metadata.generation };
    this.host.store.update(set);
  }
}
