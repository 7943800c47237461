/**
 * Taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): when a node
 * gets a NoExecute taint, each pod on it that does not tolerate the taint is deleted at once,
 * and one that tolerates it for tolerationSeconds is deleted when that time has passed since
 * the taint was added ("Marking for deletion Pod ns/name"). Tolerating forever means staying.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { Controller, type ControllerHost } from '../controllers/controller';
import { tolerates } from '../controllers/daemonset';
import { keyOf, refOf, secondsOf, type KObject } from '../objects';

type NodeObject = Node & KObject;
type PodObject = Pod & KObject;

/** Seconds the pod may stay on a node with these NoExecute taints: 0 = now, Infinity = forever. */
export function tolerationWindow(pod: Pod, taints: readonly Taint[]): number {
  const used = [];
  for (const taint of taints) {
    const matching = (pod.spec?.tolerations ?? []).filter((t) => tolerates([t], taint));
    if (matching.length === 0) return 0;
    used.push(...matching);
  }
  // getMinTolerationTime: the shortest bounded toleration; none bounded = forever
  const bounded = used.filter((t) => typeof t.tolerationSeconds === 'number').map((t) => Math.max(0, t.tolerationSeconds!));
  return bounded.length ? Math.min(...bounded) : Infinity;
}

export class TaintEvictionController extends Controller {
  readonly name = 'tainteviction';
  private readonly scheduled = new Set<string>();
  /** Nodes with a NoExecute taint, as of their last write (every taint change is written): a pod write looks here, not up its node. */
  private readonly noExecute = new Set<string>();

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('Node', (type, node) => {
      const name = node.metadata.name;
      if (type !== 'DELETED' && ((node as NodeObject).spec?.taints ?? []).some((t) => t.effect === 'NoExecute')) {
        this.noExecute.add(name);
        this.enqueue(name);
      } else this.noExecute.delete(name);
    });
    host.store.watch('Pod', (_type, pod) => {
      const n = (pod as PodObject).spec?.nodeName;
      if (n && this.noExecute.has(n)) this.enqueue(n);
    });
  }

  protected sync(nodeName: string): void {
    const node = this.host.store.get<NodeObject>('Node', nodeName);
    if (!node) return;
    const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return;
    const since = Math.max(...taints.map((t) => secondsOf(t.timeAdded)));
    for (const pod of [...this.host.store.byIndex<PodObject>('pod-node', nodeName)]) {
      if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || this.scheduled.has(pod.metadata.uid!)) continue;
      const window = tolerationWindow(pod, taints);
      if (window === Infinity) continue;
      this.scheduled.add(pod.metadata.uid!);
      const uid = pod.metadata.uid!;
      const key = keyOf(pod);
      this.host.clock.at(since + window, () => {
        const current = this.host.store.get<PodObject>('Pod', key);
        if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return;
        this.host.events.normal(refOf(current), 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
        this.host.api.delete(current);
      });
    }
  }
}
