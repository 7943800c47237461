/**
 * Node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go):
 * every nodeMonitorPeriod (5 s) it checks each node's last heartbeat; one older than
 * node-monitor-grace-period (50 s since v1.32) turns the node's conditions Unknown
 * ("Kubelet stopped posting node status."), marks its pods not Ready (MarkPodsNotReady) and
 * taints it node.kubernetes.io/unreachable with NoSchedule and NoExecute; the taint eviction
 * controller then evicts pods once their toleration runs out.
 * Healthy nodes are not polled (nothing would change), so a quiet cluster costs no events.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { TAINT_UNREACHABLE } from '../admission/defaultTolerationSeconds';
import { Controller, type ControllerHost } from '../controllers/controller';
import { refOf, timestamp, type KObject } from '../objects';

export const NODE_MONITOR_PERIOD_SECONDS = 5;
export const NODE_MONITOR_GRACE_PERIOD_SECONDS = 50;

type NodeObject = Node & KObject;
type PodObject = Pod & KObject;

export class NodeLifecycleController extends Controller {
  readonly name = 'nodelifecycle';
  private readonly lastHeartbeat = new Map<string, number>();

  constructor(
    host: ControllerHost,
    private readonly gracePeriod = NODE_MONITOR_GRACE_PERIOD_SECONDS,
  ) {
    super(host);
  }

  /** The node's kubelet stopped at `at`: its last heartbeat. Schedules the monitor tick that notices. */
  heartbeatsStopped(nodeName: string, at: number): void {
    this.lastHeartbeat.set(nodeName, at);
    // the first monitor tick (a multiple of the period) at which the heartbeat is older than the grace period
    const due = (Math.floor((at + this.gracePeriod) / NODE_MONITOR_PERIOD_SECONDS) + 1) * NODE_MONITOR_PERIOD_SECONDS;
    this.host.clock.at(due, () => this.enqueue(nodeName));
  }

  protected sync(nodeName: string): void {
    const node = this.host.store.get<NodeObject>('Node', nodeName);
    const last = this.lastHeartbeat.get(nodeName);
    if (!node || last === undefined || this.host.clock.now - last <= this.gracePeriod) return;
    const now = this.host.clock.now;
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown') return;
    node.status = {
      ...(node.status ?? {}),
      conditions: ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({
        type,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: timestamp(last),
        lastTransitionTime: timestamp(now),
      })),
    };
    const taints = (node.spec ??= {}).taints ?? [];
    node.spec.taints = [
      ...taints.filter((t) => t.key !== TAINT_UNREACHABLE),
      { key: TAINT_UNREACHABLE, effect: 'NoSchedule', timeAdded: timestamp(now) },
      { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: timestamp(now) },
    ];
    this.host.store.update(node);
    this.host.events.normal(refOf(node), 'NodeNotReady', `Node ${nodeName} status is now: NodeNotReady`);
    for (const pod of [...this.host.store.byIndex<PodObject>('pod-node', nodeName)]) {
      const conditions = pod.status?.conditions;
      const at = conditions?.findIndex((c) => c.type === 'Ready') ?? -1;
      if (!conditions || at < 0 || conditions[at]!.status === 'False') continue;
      // a new condition in a new list (the kubelet's conditions are shared between pods, and never changed in place)
      const notReady = { ...conditions[at]!, status: 'False', lastTransitionTime: timestamp(now) };
      pod.status!.conditions = conditions.map((c, i) => (i === at ? notReady : c));
      this.host.events.warning(refOf(pod), 'NodeNotReady', 'Node is not ready');
      this.host.store.update(pod);
    }
  }
}
