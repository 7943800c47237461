/**
 * kube-scheduler's FitError message (`FitError.Error`, pkg/scheduler/framework/types.go):
 *
 *   0/<all nodes> nodes are available: <PreFilter message>.            when PreFilter rejected the pod
 *   0/<all nodes> nodes are available: <n> <reason>, <n> <reason>.     otherwise: a histogram of every
 *       failing node's reasons, each entry "<count> <reason>", sorted as strings (so "10 …" sorts before "2 …")
 *   … followed by " <PostFilter message>" (e.g. "preemption: 0/3 nodes are available: …") when there is one.
 */
export interface FitErrorInput {
  numAllNodes: number;
  preFilterMessage?: string;
  /** Each rejected node's reasons (a node may have several, e.g. "Insufficient cpu" and "Insufficient memory"). */
  nodeReasons: Iterable<readonly string[]>;
  /** Reasons shared by nodes that have no explicit status (not evaluated), and how many such nodes. */
  absent?: { reasons: readonly string[]; count: number };
  postFilterMessage?: string;
}

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(input: FitErrorInput): string {
  let msg = `0/${input.numAllNodes} nodes are available:`;
  if (input.preFilterMessage) {
    msg += ` ${input.preFilterMessage}.`;
  } else {
    const histogram = new Map<string, number>();
    for (const reasons of input.nodeReasons) for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
    if (input.absent && input.absent.count > 0) {
      for (const r of input.absent.reasons) histogram.set(r, (histogram.get(r) ?? 0) + input.absent.count);
    }
    const entries = [...histogram].map(([reason, count]) => `${count} ${reason}`);
    // Go's sort.Strings: byte order, which for these ASCII texts is UTF-16 code unit order.
    entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length > 0) msg += ` ${entries.join(', ')}.`;
  }
  if (input.postFilterMessage) msg += ` ${input.postFilterMessage}`;
  return msg;
}
