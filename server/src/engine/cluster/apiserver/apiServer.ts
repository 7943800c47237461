/**
 * The simulated API server: names objects with generateName, applies the API's defaulting,
 * runs admission, and stores. Deleting a pod that runs on a node sets its deletion timestamp
 * and leaves the rest to the kubelet (graceful termination), as upstream.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { scopeOfKind } from '../../kube/identity';
import type { AdmissionContext, AdmissionPlugin } from '../admission/admission';
import { keyOf, timestamp, type KObject } from '../objects';
import type { SeededRandom } from '../random';
import type { Store } from '../store/store';
import { validate } from './validation';

/** Namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export type CreateResult<T> = { object: T; error?: undefined } | { object?: undefined; error: string };

export class ApiServer implements AdmissionContext {
  /** A create was refused because the simulation already holds `maxPodCount` pods. */
  podLimitReached = false;

  constructor(
    readonly store: Store,
    private readonly random: SeededRandom,
    private readonly plugins: readonly AdmissionPlugin[],
    private readonly now: () => number,
    /** Bounds the simulation's memory and time: `replicas: 1000000000` must not create a billion pods. */
    readonly maxPodCount = Infinity,
  ) {}

  namespaceExists(name: string): boolean {
    return SYSTEM_NAMESPACES.includes(name) || this.store.get('Namespace', name) !== undefined;
  }

  create<T extends KObject>(obj: T): CreateResult<T> {
    if (!obj.metadata.name && obj.metadata.generateName) {
      // names.SimpleNameGenerator: the prefix plus 5 random characters; retry on the rare clash
      for (let i = 0; i < 10; i++) {
        const name = `${obj.metadata.generateName}${this.random.nameSuffix(5)}`;
        if (!this.store.get(obj.kind, obj.metadata.namespace ? `${obj.metadata.namespace}/${name}` : name)) {
          obj.metadata.name = name;
          break;
        }
      }
    }
    if (!obj.metadata.name) return { error: `${obj.kind}: name or generateName is required` };
    if (obj.kind === 'Pod' && this.store.count('Pod') >= this.maxPodCount) {
      this.podLimitReached = true;
      return { error: `pods "${obj.metadata.name}" is forbidden: the simulated cluster holds at most ${this.maxPodCount.toLocaleString('en-US')} pods` };
    }
    if (scopeOfKind(obj.kind) !== 'Cluster' && !obj.metadata.namespace) obj.metadata.namespace = 'default';
    if (obj.kind === 'Pod') defaultPod(obj as unknown as Pod);
    const invalid = validate(obj);
    if (invalid !== undefined) return { error: invalid };
    for (const plugin of this.plugins) {
      const error = plugin.admit(obj, this);
      if (error) return { error };
    }
    if (this.store.get(obj.kind, keyOf(obj))) return { error: `${resourceOf(obj.kind)} "${obj.metadata.name}" already exists` };
    return { object: this.store.create(obj) };
  }

  /** Deletes an object: a pod on a node terminates gracefully; everything else goes at once. */
  delete(obj: KObject): void {
    if (!this.store.get(obj.kind, keyOf(obj))) return;
    if (obj.kind === 'Pod' && (obj as unknown as Pod).spec?.nodeName && !(obj as unknown as Pod).status?.phase?.match(/Succeeded|Failed/)) {
      if (obj.metadata.deletionTimestamp) return;
      obj.metadata.deletionTimestamp = timestamp(this.now());
      obj.metadata.deletionGracePeriodSeconds = (obj as unknown as Pod).spec?.terminationGracePeriodSeconds ?? 30;
      this.store.update(obj);
      return;
    }
    this.store.remove(obj);
  }
}

function resourceOf(kind: string): string {
  return `${kind.toLowerCase()}s`;
}

/** The API's defaulting for pods (pkg/apis/core/v1/defaults.go): requests from limits, restart policy, grace period. */
function defaultPod(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.dnsPolicy ??= 'ClusterFirst';
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [r, q] of Object.entries(limits)) if (requests[r] === undefined) requests[r] = q;
  }
}
