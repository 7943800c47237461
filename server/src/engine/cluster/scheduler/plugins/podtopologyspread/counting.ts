/**
 * How many pods each topology domain holds for a set of constraints, kept incrementally.
 *
 * Upstream recounts every pod on every node in each PreFilter/PreScore (and since v1.35 memoizes the
 * per-node contributions by NodeInfo generation, scoring_memo.go). We do the same: each node's
 * contribution is cached with its generation and only changed nodes are recounted, so a cycle costs
 * O(nodes) instead of O(pods). `snapshot.useMemo = false` recomputes everything (the reference path).
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { countMatching, nodeHasAllKeys, type InclusionCheck, type SpreadConstraint } from './common';

interface NodeEntry {
  generation: number;
  seen: number;
  /** Per constraint: the node counts toward the domain (has the keys, passes the inclusion policies). */
  eligible: boolean[];
  /** Per constraint: the node's topology value ('' when it lacks the label). */
  values: string[];
  /** Per constraint: pods on the node the selector matches. */
  counts: number[];
}

export interface Domain {
  /** Eligible nodes in the domain. */
  nodes: number;
  /** Matching pods on them. */
  pods: number;
}

export class SpreadCounts {
  private readonly entries = new Map<NodeInfo, NodeEntry>();
  private pass = 0;
  /** Per constraint: topology value → domain totals over eligible nodes. */
  readonly domains: Map<string, Domain>[];

  constructor(
    private readonly constraints: readonly SpreadConstraint[],
    private readonly requireAllTopologies: boolean,
    private readonly inclusion: InclusionCheck,
    private readonly namespace: string,
  ) {
    this.domains = constraints.map(() => new Map());
  }

  static of(
    snapshot: ClusterSnapshot,
    key: string,
    constraints: readonly SpreadConstraint[],
    requireAllTopologies: boolean,
    inclusion: InclusionCheck,
    namespace: string,
  ): SpreadCounts {
    const counts = snapshot.memo(key, () => new SpreadCounts(constraints, requireAllTopologies, inclusion, namespace));
    counts.refresh(snapshot.nodeInfos());
    return counts;
  }

  refresh(nodes: readonly NodeInfo[]): void {
    const pass = ++this.pass;
    for (const node of nodes) {
      let e = this.entries.get(node);
      if (!e || e.generation !== node.generation) {
        if (e) this.apply(e, -1);
        e = this.compute(node);
        this.entries.set(node, e);
        this.apply(e, 1);
      }
      e.seen = pass;
    }
    if (this.entries.size !== nodes.length) {
      for (const [node, e] of this.entries) {
        if (e.seen !== pass) {
          this.apply(e, -1);
          this.entries.delete(node);
        }
      }
    }
  }

  /** Pods on `node` matching constraint `i` (valid after refresh). */
  nodeCount(node: NodeInfo, i: number): number {
    return this.entries.get(node)?.counts[i] ?? 0;
  }

  private compute(node: NodeInfo): NodeEntry {
    const hasAll = !this.requireAllTopologies || nodeHasAllKeys(node, this.constraints);
    const eligible: boolean[] = [];
    const values: string[] = [];
    const counts: number[] = [];
    for (const c of this.constraints) {
      eligible.push(hasAll && this.inclusion(node, c));
      values.push(node.labels[c.topologyKey] ?? '');
      counts.push(countMatching(node, c.selector, this.namespace));
    }
    return { generation: node.generation, seen: 0, eligible, values, counts };
  }

  private apply(e: NodeEntry, sign: 1 | -1): void {
    for (let i = 0; i < this.constraints.length; i++) {
      if (!e.eligible[i]) continue;
      const map = this.domains[i]!;
      const v = e.values[i]!;
      let d = map.get(v);
      if (!d) map.set(v, (d = { nodes: 0, pods: 0 }));
      d.nodes += sign;
      d.pods += sign * e.counts[i]!;
      if (d.nodes === 0) map.delete(v);
    }
  }
}
