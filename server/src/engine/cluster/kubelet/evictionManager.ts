/**
 * The kubelet's eviction manager under memory pressure (pkg/kubelet/eviction/eviction_manager.go,
 * helpers.go rankMemoryPressure): every 10 s housekeeping, when a node's memory.available falls
 * below the hard threshold (100Mi), the node reports MemoryPressure (and gets the
 * node.kubernetes.io/memory-pressure:NoSchedule taint) and the kubelet evicts one pod, ranked:
 * pods using more than their request first, then lower priority, then by how far use exceeds
 * the request. The condition clears 5 minutes after pressure ends (evictionPressureTransitionPeriod).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { bytes } from '../../kube/quantity';
import type { VirtualClock } from '../clock/clock';
import type { EventRecorder } from '../events';
import { refOf, timestamp, type KObject } from '../objects';
import { podRequests, qosClass } from '../resources';
import type { Store } from '../store/store';
import type { Kubelet } from './kubelet';

export const HOUSEKEEPING_SECONDS = 10;
export const MEMORY_AVAILABLE_THRESHOLD = 100 * 2 ** 20;
export const PRESSURE_TRANSITION_SECONDS = 300;
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';

type PodObject = Pod & KObject;
type NodeObject = Node & KObject;

export interface Eviction {
  time: number;
  node: string;
  pod: string;
  podUid: string;
  qos: string;
  usage: number;
  request: number;
  first: boolean;
}

export interface EvictionHost {
  readonly clock: VirtualClock;
  readonly store: Store;
  readonly events: EventRecorder;
}

/** Orders pods for eviction under memory pressure (rankMemoryPressure). */
export function rankForEviction(pods: { pod: Pod; usage: number }[]): { pod: Pod; usage: number }[] {
  const request = (p: Pod) => podRequests(p.spec).memory;
  return [...pods].sort((a, b) => {
    const ea = a.usage > request(a.pod) ? 0 : 1;
    const eb = b.usage > request(b.pod) ? 0 : 1;
    if (ea !== eb) return ea - eb;
    const pa = a.pod.spec?.priority ?? 0;
    const pb = b.pod.spec?.priority ?? 0;
    if (pa !== pb) return pa - pb;
    return b.usage - request(b.pod) - (a.usage - request(a.pod));
  });
}

export class EvictionManager {
  readonly evictions: Eviction[] = [];
  private scheduled = false;
  private pressureSince: number | undefined;
  private lastPressure = -Infinity;

  constructor(
    private readonly host: EvictionHost,
    private readonly kubelet: Kubelet,
  ) {}

  /** The last memory quantity parsed, and its bytes (the node's capacity rarely changes; it is read on every container start). */
  private parsedCapacity: { raw: unknown; bytes: number } | undefined;

  private capacity(): number {
    const node = this.host.store.get<NodeObject>('Node', this.kubelet.nodeName);
    const raw = node?.status?.capacity?.memory ?? node?.status?.allocatable?.memory;
    if (this.parsedCapacity?.raw !== raw) this.parsedCapacity = { raw, bytes: bytes(raw) ?? 0 };
    return this.parsedCapacity!.bytes;
  }

  private usage(): { total: number; pods: { pod: PodObject; usage: number }[] } {
    const pods = this.kubelet.runningPods().map((pod) => ({ pod, usage: this.kubelet.podUsage(pod).memory }));
    return { total: pods.reduce((s, p) => s + p.usage, 0), pods };
  }

  /** Memory use on the node changed: check at the next housekeeping tick. */
  usageChanged(): void {
    if (this.scheduled || !this.kubelet.alive) return;
    const cap = this.capacity();
    if (cap <= 0) return;
    // every pod here could run at full memory and leave the threshold free: no pressure, without walking the pods
    if (this.pressureSince === undefined && cap - this.kubelet.memoryCeiling >= MEMORY_AVAILABLE_THRESHOLD) return;
    const pressure = cap - this.kubelet.memoryInUse() < MEMORY_AVAILABLE_THRESHOLD;
    if (!pressure && this.pressureSince === undefined) return;
    this.scheduled = true;
    const at = (Math.floor(this.host.clock.now / HOUSEKEEPING_SECONDS) + 1) * HOUSEKEEPING_SECONDS;
    this.host.clock.at(at, () => {
      this.scheduled = false;
      this.housekeeping();
    });
  }

  private housekeeping(): void {
    if (!this.kubelet.alive) return;
    const now = this.host.clock.now;
    const cap = this.capacity();
    const { total, pods } = this.usage();
    const available = cap - total;
    if (available < MEMORY_AVAILABLE_THRESHOLD) {
      this.lastPressure = now;
      if (this.pressureSince === undefined) {
        this.pressureSince = now;
        this.setPressure(true);
      }
      const victim = rankForEviction(pods)[0];
      if (victim) {
        const pod = victim.pod as PodObject;
        const request = podRequests(pod.spec).memory;
        const container = pod.spec?.containers?.[0]?.name ?? '';
        const message = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${Math.max(0, Math.floor(available / 1024))}Ki. Container ${container} was using ${Math.floor(victim.usage / 1024)}Ki, request is ${request}, has larger consumption of memory. `;
        this.evictions.push({ time: now, node: this.kubelet.nodeName, pod: refOf(pod), podUid: pod.metadata.uid!, qos: qosClass(pod), usage: victim.usage, request, first: this.evictions.length === 0 });
        this.kubelet.evict(pod, message);
      }
      this.usageChanged();
      return;
    }
    if (this.pressureSince !== undefined) {
      if (now - this.lastPressure >= PRESSURE_TRANSITION_SECONDS) {
        this.pressureSince = undefined;
        this.setPressure(false);
        return;
      }
      this.scheduled = true;
      this.host.clock.at(this.lastPressure + PRESSURE_TRANSITION_SECONDS, () => {
        this.scheduled = false;
        this.housekeeping();
      });
    }
  }

  private setPressure(on: boolean): void {
    const node = this.host.store.get<NodeObject>('Node', this.kubelet.nodeName);
    if (!node) return;
    const now = this.host.clock.now;
    const conditions = (node.status?.conditions ?? []).filter((c) => c.type !== 'MemoryPressure');
    conditions.push(on
      ? { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', lastTransitionTime: timestamp(now) }
      : { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastTransitionTime: timestamp(now) });
    node.status = { ...(node.status ?? {}), conditions };
    const taints = (node.spec?.taints ?? []).filter((t) => t.key !== TAINT_MEMORY_PRESSURE);
    if (on) taints.push({ key: TAINT_MEMORY_PRESSURE, effect: 'NoSchedule', timeAdded: timestamp(now) });
    node.spec = { ...(node.spec ?? {}), taints };
    this.host.store.update(node);
    this.host.events.normal(refOf(node), on ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory', `Node ${node.metadata.name} status is now: ${on ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory'}`);
  }
}
