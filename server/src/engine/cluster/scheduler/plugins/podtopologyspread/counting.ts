/**
 * How many pods each topology domain holds for a set of constraints, kept incrementally.
 *
 * Upstream recounts every pod on every node in each PreFilter/PreScore (and since v1.35 memoizes the
 * per-node contributions by NodeInfo generation, scoring_memo.go). We do the same: each node's
 * contribution is cached (in flat arrays indexed by the node's slot) and only nodes the snapshot reports
 * as changed are recounted, so a cycle costs O(changed nodes) instead of O(pods).
 * `snapshot.useMemo = false` recomputes everything each cycle (the reference path the tests compare against).
 */
import type { NodeInfo } from '../../framework/nodeInfo';
import type { ClusterSnapshot } from '../../framework/snapshot';
import { countMatching, nodeHasAllKeys, type InclusionCheck, type SpreadConstraint } from './common';

export interface Domain {
  /** The topology value (the key of the domain in its map). */
  readonly value: string;
  /** Eligible nodes in the domain. */
  nodes: number;
  /** Matching pods on them. */
  pods: number;
  /** Scratch mark for callers counting distinct domains (e.g. PreScore's topology sizes). */
  stamp: number;
}

export class SpreadCounts {
  private readonly nc: number;
  /** Per slot: the node generation the entry reflects, -1 when empty. */
  private generation = new Float64Array(0);
  /** Per slot: the node's nodeVersion when its eligibility and topology values were worked out. */
  private versions = new Float64Array(0);
  /** Per slot × constraint: matching pods on the node. */
  private counts = new Int32Array(0);
  /** Per slot × constraint: the node counts toward its domain (has the keys, passes the inclusion policies). */
  private eligible = new Uint8Array(0);
  /** Per slot × constraint: the node carries the topology key. */
  hasKey = new Uint8Array(0);
  /** Per slot × constraint: the domain the node counts toward (when eligible and aggregated). */
  domainOf: (Domain | undefined)[] = [];
  /** How many times the arrays were built anew (a rebuild replaces every one of them; readers of `flat` check it). */
  rebuilds = 0;
  /** The snapshot change number this cache reflects (-1: never filled). */
  private seq = -1;
  /** Per constraint: topology value → domain totals over eligible nodes. */
  domains: Map<string, Domain>[];
  /** Per constraint: nodes that do not count toward any domain (ineligible), among the nodes held. */
  ineligible: number[];

  /** Per constraint: whether to keep per-domain totals (scoring reads hostname counts per node instead). */
  private readonly aggregate: boolean[];

  constructor(
    private readonly constraints: readonly SpreadConstraint[],
    private readonly requireAllTopologies: boolean,
    private readonly inclusion: InclusionCheck,
    private readonly namespace: string,
    perNodeOnly: (c: SpreadConstraint) => boolean = () => false,
  ) {
    this.nc = constraints.length;
    this.domains = constraints.map(() => new Map());
    this.ineligible = constraints.map(() => 0);
    this.aggregate = constraints.map((c) => !perNodeOnly(c));
  }

  static of(
    snapshot: ClusterSnapshot,
    key: string,
    constraints: readonly SpreadConstraint[],
    requireAllTopologies: boolean,
    /** Built only when the counts are new (the key covers everything it depends on). */
    inclusion: () => InclusionCheck,
    namespace: string,
    perNodeOnly?: (c: SpreadConstraint) => boolean,
  ): SpreadCounts {
    const counts = snapshot.memoized<SpreadCounts>(key) ?? snapshot.remember(key, new SpreadCounts(constraints, requireAllTopologies, inclusion(), namespace, perNodeOnly));
    counts.catchUp(snapshot);
    return counts;
  }

  /** Brings the counts up to date with the snapshot, recounting only the nodes that changed since last time. */
  catchUp(snapshot: ClusterSnapshot): void {
    if (this.seq < 0 || !snapshot.canCatchUp(this.seq)) this.rebuild(snapshot);
    else {
      // read in place: a copy of the changes since the last cycle can run to thousands of nodes, every cycle
      const list = snapshot.changeList;
      for (let i = snapshot.changeIndex(this.seq); i < list.length; i++) {
        const node = list[i]!;
        if (node.slot >= 0 && node.slot < this.generation.length) this.recount(node);
      }
    }
    this.seq = snapshot.changeSeq;
  }

  /** The flat index of (node, constraint i) into the per-node arrays, or -1 for a node this cache does not hold. */
  index(node: NodeInfo, i: number): number {
    return node.slot >= 0 && node.slot < this.generation.length ? node.slot * this.nc + i : -1;
  }

  /** Pods on `node` matching constraint `i` (valid after catchUp). */
  nodeCount(node: NodeInfo, i: number): number {
    return node.slot >= 0 && node.slot < this.generation.length ? this.counts[node.slot * this.nc + i]! : 0;
  }

  /** The flat per-(slot, constraint) arrays and how many slots they hold, for loops that read them directly. */
  get flat(): { counts: Int32Array; hasKey: Uint8Array; domainOf: (Domain | undefined)[]; slots: number } {
    return { counts: this.counts, hasKey: this.hasKey, domainOf: this.domainOf, slots: this.generation.length };
  }

  private rebuild(snapshot: ClusterSnapshot): void {
    this.rebuilds++;
    const slots = snapshot.slotCount;
    this.generation = new Float64Array(slots).fill(-1);
    this.versions = new Float64Array(slots);
    this.counts = new Int32Array(slots * this.nc);
    this.eligible = new Uint8Array(slots * this.nc);
    this.hasKey = new Uint8Array(slots * this.nc);
    this.domainOf = new Array<Domain | undefined>(slots * this.nc).fill(undefined);
    this.domains = this.constraints.map(() => new Map());
    this.ineligible = this.constraints.map(() => 0);
    // Count matching pods from the label index where the selector allows (usually: few or no candidates).
    const candidates = this.constraints.map((c) => snapshot.candidatePods(c.selector));
    for (let i = 0; i < this.nc; i++) {
      const set = candidates[i];
      if (!set) continue;
      const c = this.constraints[i]!;
      for (const p of set) {
        if (p.terminating || p.namespace !== this.namespace || !c.selector(p.labels)) continue;
        const node = snapshot.nodeInfo(snapshot.nodeOf(p.key) ?? '');
        if (node && node.slot >= 0 && node.slot < slots) this.counts[node.slot * this.nc + i]!++;
      }
    }
    for (const node of snapshot.nodeInfos()) {
      if (node.slot < 0 || node.slot >= slots) continue;
      this.compute(node, candidates);
      this.apply(node, 1);
    }
  }

  private recount(node: NodeInfo): void {
    if (this.generation[node.slot] === node.generation) return;
    if (this.generation[node.slot]! >= 0 && this.versions[node.slot] === node.nodeVersion) this.recountPods(node);
    else {
      if (this.generation[node.slot]! >= 0) this.apply(node, -1);
      this.compute(node);
      this.apply(node, 1);
    }
  }

  /**
   * Only the node's pods changed (the Node object is the one its eligibility and topology values came from): the
   * matching pods are recounted and the domain totals moved by the difference, as taking the node out of its domain
   * and putting it back would.
   */
  private recountPods(node: NodeInfo): void {
    const base = node.slot * this.nc;
    let lastSelector: SpreadConstraint['selector'] | undefined;
    let last = 0;
    for (let i = 0; i < this.nc; i++) {
      const selector = this.constraints[i]!.selector;
      // constraints of one selector (the system defaults share theirs) count the same pods
      const after = selector === lastSelector ? last : countMatching(node, selector, this.namespace);
      lastSelector = selector;
      last = after;
      const before = this.counts[base + i]!;
      if (after === before) continue;
      this.counts[base + i] = after;
      if (this.eligible[base + i] === 1 && this.aggregate[i]) this.domainOf[base + i]!.pods += after - before;
    }
    this.generation[node.slot] = node.generation;
  }

  /** `precounted[i]` set: counts[...] for constraint i were already filled from the label index. */
  private compute(node: NodeInfo, precounted?: (ReadonlySet<unknown> | undefined)[]): void {
    const hasAll = !this.requireAllTopologies || nodeHasAllKeys(node, this.constraints);
    const base = node.slot * this.nc;
    for (let i = 0; i < this.nc; i++) {
      const c = this.constraints[i]!;
      this.eligible[base + i] = hasAll && this.inclusion(node, c) ? 1 : 0;
      this.hasKey[base + i] = node.labels[c.topologyKey] === undefined ? 0 : 1;
      if (!precounted?.[i]) this.counts[base + i] = countMatching(node, c.selector, this.namespace);
    }
    this.generation[node.slot] = node.generation;
    this.versions[node.slot] = node.nodeVersion;
  }

  /**
   * Adds the node's contribution to its domains (sign 1, right after `compute`: the topology value is read from the
   * node then, '' when it lacks the label) or takes it away (sign -1: from the domain it was added to).
   */
  private apply(node: NodeInfo, sign: 1 | -1): void {
    const base = node.slot * this.nc;
    for (let i = 0; i < this.nc; i++) {
      const at = base + i;
      if (this.eligible[at] === 0) {
        this.ineligible[i]! += sign;
        continue;
      }
      if (!this.aggregate[i]) continue;
      const map = this.domains[i]!;
      if (sign > 0) {
        const v = node.labels[this.constraints[i]!.topologyKey] ?? '';
        let d = map.get(v);
        if (!d) map.set(v, (d = { value: v, nodes: 0, pods: 0, stamp: 0 }));
        d.nodes += 1;
        d.pods += this.counts[at]!;
        this.domainOf[at] = d;
      } else {
        const d = this.domainOf[at]!;
        d.nodes -= 1;
        d.pods -= this.counts[at]!;
        this.domainOf[at] = undefined;
        if (d.nodes === 0) map.delete(d.value);
      }
    }
  }
}
