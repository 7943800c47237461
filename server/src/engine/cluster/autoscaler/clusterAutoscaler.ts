/**
 * Cluster autoscaler (kubernetes/autoscaler: cluster-autoscaler/core/static_autoscaler.go),
 * every 10 s (--scan-interval) over the cluster file's NodePools:
 * - scale-up: pods the scheduler marked Unschedulable are bin-packed onto template nodes of the
 *   first pool (by name) where they fit — counting nodes already on their way — and the pool
 *   grows by that many, up to maxNodes; the nodes join Ready after provisioningSeconds
 *   (TriggeredScaleUp / NotTriggerScaleUp events on the pods);
 * - scale-down: a pool node whose requests stay under 50 % of its allocatable cpu and memory
 *   (--scale-down-utilization-threshold) for scaleDownUnneededSeconds, and whose pods fit on the
 *   other nodes, is drained and removed, never below minNodes.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { TimedAction } from '../clock/eventQueue';
import type { NodePool } from '../clusterFile';
import { Controller, type ControllerHost } from '../controllers/controller';
import { isPodTerminal, refOf, type KObject } from '../objects';
import { podRequests } from '../resources';
import { ClusterSnapshot, Scheduler } from '../scheduler';

export const SCAN_INTERVAL_SECONDS = 10;
export const SCALE_DOWN_UTILIZATION_THRESHOLD = 0.5;
export const POOL_LABEL = 'sim.kubeplan.dev/node-pool';

type PodObject = Pod & KObject;
type NodeObject = Node & KObject;

interface PoolState {
  pool: NodePool;
  /** Nodes being provisioned: name → ready time. */
  upcoming: Map<string, number>;
  /** Since when each pool node has been unneeded. */
  unneededSince: Map<string, number>;
}

export interface ScaleEvent {
  time: number;
  pool: string;
  from: number;
  to: number;
  kind: 'up' | 'down';
}

export class ClusterAutoscaler extends Controller {
  readonly name = 'cluster-autoscaler';
  readonly pools: PoolState[];
  readonly history: ScaleEvent[] = [];
  private readonly scheduler = new Scheduler({ seed: 1, percentageOfNodesToScore: 100 });
  private next: TimedAction | undefined;

  constructor(
    host: ControllerHost,
    pools: readonly NodePool[],
    private readonly addNode: (node: Node) => void,
    private readonly removeNode: (name: string) => void,
    private readonly allocatableOf: (name: string) => { cpu: number; memory: number } | undefined,
    /** The scheduler's view of the cluster now, to leave out pods that fit existing nodes. */
    private readonly clusterSnapshot: () => ClusterSnapshot,
  ) {
    super(host);
    this.pools = [...pools].sort((a, b) => (a.name < b.name ? -1 : 1)).map((pool) => ({ pool, upcoming: new Map(), unneededSince: new Map() }));
    host.store.watch('Pod', (_type, pod) => {
      const p = pod as PodObject;
      if (!p.spec?.nodeName && p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')) this.wake();
    });
  }

  /** Creates each pool's minNodes at once (they exist when the simulation starts). */
  start(): void {
    for (const st of this.pools) for (let i = this.size(st); i < st.pool.minNodes; i++) this.addNode(this.makeNode(st));
    if (this.pools.length) this.tick(true);
  }

  /** A pod turned Unschedulable: make sure a scan comes that keeps the run alive. */
  private wake(): void {
    if (this.pools.length) this.tick(false);
  }

  /**
   * One scan pending at a time: a foreground one keeps the run alive (pods wait for capacity),
   * a background one only observes a run that goes on anyway (scale-down of idle nodes).
   */
  private tick(background: boolean): void {
    const pending = this.next;
    if (pending && !pending.cancelled) {
      if (background || !pending.background) return;
      this.host.clock.cancel(pending);
    }
    // scans fall on multiples of the interval
    const at = (Math.floor(this.host.clock.now / SCAN_INTERVAL_SECONDS) + 1) * SCAN_INTERVAL_SECONDS;
    this.next = this.host.clock.at(at, () => this.enqueue('scan'), { background });
  }

  private poolNodes(st: PoolState): NodeObject[] {
    return this.host.store.list<NodeObject>('Node').filter((n) => n.metadata.labels?.[POOL_LABEL] === st.pool.name);
  }

  private size(st: PoolState): number {
    return this.poolNodes(st).length + st.upcoming.size;
  }

  private makeNode(st: PoolState): Node {
    const node = structuredClone(st.pool.template);
    const name = `${st.pool.name}-${this.host.random.nameSuffix(5)}`;
    node.metadata = { ...(node.metadata ?? {}), name, labels: { ...(node.metadata?.labels ?? {}), 'kubernetes.io/hostname': name, [POOL_LABEL]: st.pool.name } };
    return node;
  }

  protected sync(): void {
    const now = this.host.clock.now;
    const pending = this.host.store
      .list<PodObject>('Pod')
      .filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable'));
    // pods that fit an existing node are only waiting for the scheduler (filterOutSchedulable)
    const live = this.clusterSnapshot();
    const stuck = pending.filter((p) => this.scheduler.schedule(p, live).selected === null);
    const scaledUp = stuck.length > 0 && this.scaleUp(stuck, now);
    this.scaleDown(now);
    // keep scanning in the foreground while pods wait for capacity we can still add
    this.tick(!scaledUp);
  }

  private scaleUp(pending: PodObject[], now: number): boolean {
    let scaled = false;
    let left = pending;
    for (const st of this.pools) {
      if (left.length === 0) break;
      const snapshot = new ClusterSnapshot();
      const planned: string[] = [];
      for (const name of st.upcoming.keys()) {
        const n = structuredClone(st.pool.template);
        n.metadata = { ...(n.metadata ?? {}), name };
        snapshot.addNode(n);
      }
      const room = st.pool.maxNodes - this.size(st);
      const fitsNowhere: PodObject[] = [];
      for (const pod of left) {
        let r = this.scheduler.schedule(pod, snapshot);
        if (!r.selected && planned.length < room) {
          const probe = structuredClone(st.pool.template);
          const name = `${st.pool.name}-planned-${planned.length}`;
          probe.metadata = { ...(probe.metadata ?? {}), name };
          snapshot.addNode(probe);
          r = this.scheduler.schedule(pod, snapshot);
          if (r.selected) planned.push(name);
          else snapshot.removeNode(name);
        }
        if (r.selected) snapshot.addPod({ ...pod, spec: { ...pod.spec!, nodeName: r.selected } });
        else fitsNowhere.push(pod);
      }
      if (planned.length > 0) {
        const from = this.size(st);
        const to = from + planned.length;
        for (let i = 0; i < planned.length; i++) {
          const node = this.makeNode(st);
          const name = node.metadata!.name!;
          st.upcoming.set(name, now + st.pool.provisioningSeconds);
          this.host.clock.at(now + st.pool.provisioningSeconds, () => {
            st.upcoming.delete(name);
            this.addNode(node);
          });
        }
        this.history.push({ time: now, pool: st.pool.name, from, to, kind: 'up' });
        for (const pod of left.filter((p) => !fitsNowhere.includes(p))) {
          this.host.events.normal(refOf(pod), 'TriggeredScaleUp', `pod triggered scale-up: [{${st.pool.name} ${from}->${to} (max: ${st.pool.maxNodes})}]`);
        }
        scaled = true;
      }
      left = fitsNowhere;
    }
    for (const pod of left) {
      const full = this.pools.every((st) => this.size(st) >= st.pool.maxNodes);
      this.host.events.normal(refOf(pod), 'NotTriggerScaleUp', `pod didn't trigger scale-up: ${full ? `${this.pools.length} max node group size reached` : `${this.pools.length} node(s) didn't fit the pod (its requests, selectors or taints)`}`);
    }
    return scaled;
  }

  private scaleDown(now: number): void {
    for (const st of this.pools) {
      const nodes = this.poolNodes(st);
      let size = nodes.length + st.upcoming.size;
      for (const node of nodes) {
        const name = node.metadata.name;
        const pods = [...this.host.store.byIndex<PodObject>('pod-node', name)].filter((p) => !isPodTerminal(p) && !p.metadata.deletionTimestamp);
        const alloc = this.allocatableOf(name) ?? { cpu: 0, memory: 0 };
        const req = pods.reduce((s, p) => { const r = podRequests(p.spec); return { cpu: s.cpu + r.cpu, memory: s.memory + r.memory }; }, { cpu: 0, memory: 0 });
        const utilization = Math.max(alloc.cpu ? req.cpu / alloc.cpu : 0, alloc.memory ? req.memory / alloc.memory : 0);
        if (utilization >= SCALE_DOWN_UTILIZATION_THRESHOLD) {
          st.unneededSince.delete(name);
          continue;
        }
        const since = st.unneededSince.get(name) ?? now;
        st.unneededSince.set(name, since);
        if (now - since < st.pool.scaleDownUnneededSeconds || size <= st.pool.minNodes) continue;
        // drain: pods are deleted and their controllers recreate them elsewhere
        for (const p of pods) this.host.api.delete(p);
        this.host.events.normal(refOf(node), 'ScaleDown', `node removed by cluster autoscaler: unneeded for ${Math.round(now - since)}s (requests ${Math.round(utilization * 100)}% of allocatable)`);
        this.history.push({ time: now, pool: st.pool.name, from: size, to: size - 1, kind: 'down' });
        this.removeNode(name);
        st.unneededSince.delete(name);
        size--;
      }
    }
  }
}
