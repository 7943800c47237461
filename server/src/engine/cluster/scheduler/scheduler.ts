/**
 * One scheduling attempt, as kube-scheduler's `schedulePod` (pkg/scheduler/schedule_one.go) runs it:
 *
 * 1. PreFilter every plugin (a rejection ends the attempt with a FitError).
 * 2. Filter nodes in snapshot order starting where the previous attempt stopped, until
 *    `numFeasibleNodesToFind` feasible nodes are found (upstream's percentageOfNodesToScore sampling:
 *    all nodes below 100, else max(100, N × (50 − N/125)%, at least 5%)). Each node stops at its first failing plugin.
 * 3. None feasible → PostFilter (DefaultPreemption's verdict) and the FitError message.
 * 4. One feasible → chosen without scoring. Several → PreScore / Score / NormalizeScore per plugin,
 *    total = Σ weight × normalized score, and the highest total wins.
 *
 * Ties: upstream picks uniformly at random among the top nodes (reservoir sampling in `selectHost`).
 * We do the same reservoir walk over the feasible nodes in evaluation order, with a PRNG seeded from
 * (scheduler seed, pod namespace/name): the same seed, pod and cluster state always give the same node.
 *
 * The explanation records exactly what ran: filter results for the nodes that were evaluated (a node
 * stops at its first failing plugin, so later plugins are absent), scores only for plugins that did not
 * skip. Building it is optional, so the hot path allocates nothing per node.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { SchedulingExplanation } from '../result';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './framework/fitError';
import { NodeInfo } from './framework/nodeInfo';
import { PodInfo } from './framework/podInfo';
import { fnv1a, mulberry32Int, RANDOM_INT_RANGE } from './framework/random';
import type { ClusterSnapshot } from './framework/snapshot';
import { SKIP, statusMessage, unresolvable, type PluginCycle, type ProfilePlugin, type Status } from './framework/types';
import { postFilter, type DryRunFramework } from './preemption';
import { defaultProfile } from './profile';

export interface SchedulerOptions {
  /** Seed for tie-breaking among equally scored nodes. Default 0. */
  seed?: number;
  /** kube-scheduler's percentageOfNodesToScore: 0 (default) = upstream's adaptive percentage; 100 = always evaluate every node. */
  percentageOfNodesToScore?: number;
  /** Plugins and weights; defaults to kube-scheduler's default profile. */
  profile?: ProfilePlugin[];
}

export interface ScheduleOptions {
  /** Build per-node filter results and scores (costs allocations; off for bulk scheduling). */
  explain?: boolean;
}

export interface ScheduleResult extends SchedulingExplanation {
  /** The incoming pod, parsed; hand it to `snapshot.addPodInfo` after binding to skip re-parsing. */
  podInfo?: PodInfo;
}

/** The empty tables of an attempt that explains nothing. */
export const NOTHING: Record<string, never> = Object.freeze({}) as Record<string, never>;

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** `numFeasibleNodesToFind` (schedule_one.go). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct <= 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * Math.min(pct, 100)) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

type FilterFn = (node: NodeInfo) => Status | null;

interface ActiveCycle {
  name: string;
  weight: number;
  cycle: PluginCycle;
}

export class Scheduler {
  private readonly seed: number;
  private readonly percentage: number;
  private readonly profile: ProfilePlugin[];
  /** Upstream's nextStartNodeIndex: each attempt starts filtering where the last one stopped. */
  private nextStartNodeIndex = 0;
  /** Reused between attempts: the score loop allocates nothing per node. */
  private totalsBuffer = new Float64Array(0);
  private scoresBuffer = new Float64Array(0);
  private totalsView = new Float64Array(0);
  private scoresView = new Float64Array(0);
  private viewLength = 0;
  private feasibleBuffer: NodeInfo[] = [];
  private bulkBuffer: FilterFn[] = [];
  /** One entry per profile plugin, holding its cycle for the attempt under way (attempts run one at a time). */
  private readonly active: ActiveCycle[];
  /** The entries of `active` whose cycle filters, in profile order (the first `numFilters` of an attempt). */
  private readonly filtering: ActiveCycle[] = [];

  constructor(options: SchedulerOptions = {}) {
    this.seed = options.seed ?? 0;
    this.percentage = options.percentageOfNodesToScore ?? 0;
    this.profile = options.profile ?? defaultProfile();
    this.active = this.profile.map(({ plugin, weight }) => ({ name: plugin.name, weight, cycle: SKIP }));
  }

  schedule(pod: Pod, snapshot: ClusterSnapshot, options: ScheduleOptions = {}): ScheduleResult {
    const explain = options.explain === true;
    // without an explanation nothing writes the tables: every such attempt shares the same frozen empty ones
    const out: ScheduleResult = explain ? { filters: {}, scores: {}, totals: {}, selected: null } : { filters: NOTHING, scores: NOTHING, totals: NOTHING, selected: null };
    const allNodes = snapshot.nodeInfos();
    const numAll = allNodes.length;
    if (numAll === 0) {
      out.message = NO_NODES_AVAILABLE;
      return out;
    }
    const podInfo = new PodInfo(pod);
    out.podInfo = podInfo;

    // PreFilter. Every plugin's cycle goes into this scheduler's own list (one entry per profile plugin, reused by
    // every attempt), and the plugins that filter into a second one: an attempt allocates neither.
    const cycles = this.active;
    let allowed: Set<string> | undefined;
    let narrowing: string[] | undefined;
    const filterCycles = this.filtering;
    let numFilters = 0;
    for (let i = 0; i < cycles.length; i++) {
      const entry = cycles[i]!;
      const plugin = this.profile[i]!.plugin;
      const cycle = plugin.cycle(podInfo, snapshot);
      entry.cycle = cycle;
      if (cycle.rejected) return this.preFilterFailure(out, podInfo, snapshot, plugin.name, cycle.rejected, explain);
      if (cycle.nodeNames) {
        (narrowing ??= []).push(plugin.name);
        allowed = allowed === undefined ? new Set(cycle.nodeNames) : new Set([...allowed].filter((n) => cycle.nodeNames!.has(n)));
        if (allowed.size === 0) {
          const msg = narrowing.length === 1
            ? `node(s) didn't satisfy plugin ${narrowing[0]}`
            : `node(s) didn't satisfy plugin(s) [${[...narrowing].sort().join(' ')}] simultaneously`;
          return this.preFilterFailure(out, podInfo, snapshot, plugin.name, unresolvable(msg), explain);
        }
      }
      if (cycle.filter !== undefined) filterCycles[numFilters++] = entry;
    }

    // The nodes to evaluate: a PreFilterResult narrows them (the rest count as rejected by those plugins).
    let nodes: readonly NodeInfo[] = allNodes;
    let absent: { reasons: readonly string[]; count: number } | undefined;
    if (allowed !== undefined && narrowing !== undefined) {
      nodes = allNodes.filter((n) => allowed!.has(n.name));
      const reason = `node(s) didn't satisfy plugin(s) [${[...narrowing].sort().join(' ')}]`;
      absent = { reasons: [reason], count: numAll - nodes.length };
      if (explain) for (const n of allNodes) if (!allowed.has(n.name)) out.filters[n.name] = Object.fromEntries(narrowing.map((p) => [p, reason]));
    }

    // Filter. The hot loop: plain arrays of functions, no allocation unless a node fails or we explain.
    // The bulk loop runs only the filters that could reject some node; with one left, its call site sees one function.
    // (Kept in a buffer of the scheduler's: the attempt reads it only in its own filter loop below.)
    const bulkFns = this.bulkBuffer;
    let numBulk = 0;
    for (let j = 0; j < numFilters; j++) if (!filterCycles[j]!.cycle.passesEveryNode) bulkFns[numBulk++] = filterCycles[j]!.cycle.filter!;
    const onlyFilter = numBulk === 1 ? bulkFns[0]! : undefined;
    // Pods nominated to a node (their victims are terminating) count as if they were on it: every node goes through
    // the full filter run then, as it does for an explanation.
    const nominatedAware = snapshot.hasNominations;
    // The filter runs that record, count nominated pods or serve preemption, built when one of them happens.
    let full = explain || nominatedAware ? this.fullFilters(out, numFilters, podInfo, snapshot) : undefined;

    // A node nominated by an earlier preemption is tried first; if it fits, it is the choice (evaluateNominatedNode).
    if (podInfo.nominatedNodeName !== '') {
      const nominated = snapshot.nodeInfo(podInfo.nominatedNodeName);
      if (nominated && (allowed === undefined || allowed.has(nominated.name))) {
        const record: Record<string, string> | undefined = explain ? (out.filters[nominated.name] = {}) : undefined;
        full ??= this.fullFilters(out, numFilters, podInfo, snapshot);
        if (full.filterNode(nominated, record) === null) {
          out.selected = nominated.name;
          return out;
        }
        if (explain) delete out.filters[nominated.name];
      }
    }

    const numNodes = nodes.length;
    const numToFind = numFeasibleNodesToFind(numNodes, this.percentage);
    // A buffer that only grows (setting an array's length to 0 would free its storage every attempt).
    const buffer = this.feasibleBuffer;
    let found = 0;
    // the nodes that failed, with why: kept for the FitError, allocated when the first one fails
    let failed: { node: NodeInfo; status: Status }[] | undefined;
    const start = allowed === undefined ? this.nextStartNodeIndex % numNodes : 0;
    let processed = 0;
    // the node index wraps by a compare, not a division per node
    for (let i = 0, at = start; i < numNodes && found < numToFind; i++, at = at + 1 === numNodes ? 0 : at + 1) {
      const node = nodes[at]!;
      processed++;
      let status: Status | null = null;
      if (full !== undefined) status = full.filterNode(node, explain ? (out.filters[node.name] = {}) : undefined);
      else if (onlyFilter !== undefined) status = onlyFilter(node);
      else {
        for (let j = 0; j < numBulk; j++) {
          status = bulkFns[j]!(node);
          if (status !== null) break;
        }
      }
      if (status === null) {
        if (found < buffer.length) buffer[found] = node;
        else buffer.push(node);
        found++;
      }
      else (failed ??= []).push({ node, status });
    }
    if (allowed === undefined && numNodes > 0) this.nextStartNodeIndex = (start + processed) % numNodes;
    if (explain && processed < numNodes) out.sampling = { evaluatedNodes: processed, totalNodes: numAll };

    // In steady state `found` is the same every attempt, so this length never changes and nothing is reallocated.
    if (buffer.length !== found) buffer.length = found;
    const feasible: readonly NodeInfo[] = buffer;
    if (feasible.length === 0) {
      // Preemption's dry run needs the filters and the PreFilter extensions (AddPod/RemovePod) of this cycle.
      full ??= this.fullFilters(out, numFilters, podInfo, snapshot);
      const post = postFilter(podInfo, snapshot, failed ?? [], absent && { ...absent, unresolvable: true }, numAll, full);
      if (post.nomination) out.preemption = post.nomination;
      out.message = fitErrorMessage({
        numAllNodes: numAll,
        nodeReasons: (failed ?? []).map((f) => f.status.reasons),
        absent,
        postFilterMessage: post.message,
      });
      return out;
    }
    if (feasible.length === 1) {
      out.selected = feasible[0]!.name;
      return out;
    }

    // Score.
    const n = feasible.length;
    if (this.totalsBuffer.length < n) {
      this.totalsBuffer = new Float64Array(n * 2);
      this.scoresBuffer = new Float64Array(n * 2);
      this.viewLength = -1;
    }
    // Views of exactly n scores (plugins' NormalizeScore reads the length), kept while n stays the same.
    if (this.viewLength !== n) {
      this.totalsView = this.totalsBuffer.subarray(0, n);
      this.scoresView = this.scoresBuffer.subarray(0, n);
      this.viewLength = n;
    }
    const totals = this.totalsView.fill(0);
    const scores = this.scoresView;
    for (let ci = 0; ci < cycles.length; ci++) {
      const c = cycles[ci]!;
      const { cycle, weight } = c;
      const score = cycle.score;
      if (score === undefined || weight === 0) continue;
      const pre = cycle.preScore ? cycle.preScore(feasible) : true;
      if (pre === false) continue;
      // Every node gets the same score: it adds the same integer to every total (normalized scores and weights
      // are integers, exact in a double), so it cannot change which totals are highest or tied; only an
      // explanation shows it.
      if (pre !== true && !explain && Number.isInteger(weight * pre)) continue;
      if (pre === true && !explain) {
        if (cycle.addScores !== undefined && cycle.normalize === undefined) {
          cycle.addScores(feasible, totals, weight);
          continue;
        }
        if (cycle.addNormalizedScores !== undefined) {
          cycle.addNormalizedScores(feasible, totals, weight, scores);
          continue;
        }
      }
      if (pre === true) {
        for (let i = 0; i < n; i++) scores[i] = score(feasible[i]!);
        cycle.normalize?.(scores);
      } else scores.fill(pre);
      for (let i = 0; i < n; i++) totals[i]! += weight * scores[i]!;
      if (explain) for (let i = 0; i < n; i++) (out.scores[feasible[i]!.name] ??= {})[c.name] = scores[i]!;
    }
    if (explain) for (let i = 0; i < n; i++) out.totals[feasible[i]!.name] = totals[i]!;

    // selectHost: reservoir sampling among the highest totals.
    const random = mulberry32Int(fnv1a(podInfo.key, (this.seed ^ 0x811c9dc5) >>> 0));
    let best = 0;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        // Keep the i-th tied node with probability 1/ties (reservoir sampling).
        if (random() < RANDOM_INT_RANGE / ties) best = i;
      }
    }
    out.selected = feasible[best]!.name;
    return out;
  }

  /** This attempt's filter runs beyond the bulk loop, over its first `numFilters` filtering cycles. */
  private fullFilters(out: ScheduleResult, numFilters: number, podInfo: PodInfo, snapshot: ClusterSnapshot): FullFilters {
    return new FullFilters(out, this.filtering.slice(0, numFilters), this.active, podInfo, snapshot, snapshot.hasNominations);
  }

  private preFilterFailure(
    out: ScheduleResult,
    pod: PodInfo,
    snapshot: ClusterSnapshot,
    plugin: string,
    status: Status,
    explain: boolean,
  ): ScheduleResult {
    const nodes = snapshot.nodeInfos();
    const message = statusMessage(status);
    if (explain) for (const n of nodes) out.filters[n.name] = { [plugin]: message };
    // Every node carries the PreFilter status (upstream sets it as the status of all nodes).
    const post = postFilter(pod, snapshot, [], { reasons: status.reasons, count: nodes.length, unresolvable: status.unresolvable }, nodes.length);
    out.message = fitErrorMessage({ numAllNodes: nodes.length, preFilterMessage: message, nodeReasons: [], postFilterMessage: post.message });
    return out;
  }
}

/**
 * The filter runs beyond the bulk loop: recording each plugin's verdict (explain), counting nominated pods, and serving
 * preemption's dry run (a DryRunFramework over this attempt's cycles).
 */
class FullFilters implements DryRunFramework {
  constructor(
    private readonly out: ScheduleResult,
    private readonly filterCycles: readonly ActiveCycle[],
    private readonly cycles: readonly ActiveCycle[],
    private readonly podInfo: PodInfo,
    private readonly snapshot: ClusterSnapshot,
    private readonly nominatedAware: boolean,
  ) {}

  /** Runs every filter on `target` until one fails; `record` receives each plugin's verdict (explain). */
  run(target: NodeInfo, record?: Record<string, string>): Status | null {
    for (const { name, cycle } of this.filterCycles) {
      const status = cycle.filter!(target);
      if (status !== null) {
        if (record) {
          record[name] = statusMessage(status);
          if (status.detail) ((this.out.details ??= {})[target.name] ??= {})[name] = status.detail;
        }
        return status;
      }
      if (record) record[name] = 'passed';
    }
    return null;
  }

  /**
   * Pods nominated to a node (their victims are terminating) of equal or higher priority count as if they were on it;
   * a node passes only when it passes both with and without them
   * (RunFilterPluginsWithNominatedPods / addGENominatedPods, pkg/scheduler/framework/runtime/framework.go).
   */
  filterNode(node: NodeInfo, record?: Record<string, string>): Status | null {
    if (!this.nominatedAware) return this.run(node, record);
    const { podInfo } = this;
    const nominated = this.snapshot.nominatedPods(node.name).filter((p) => p.priority >= podInfo.priority && p.key !== podInfo.key);
    if (nominated.length === 0) return this.run(node, record);
    const withNominated = new NodeInfo(node.node);
    for (const p of node.pods) withNominated.addPod(p);
    for (const p of nominated) {
      withNominated.addPod(p);
      this.update(p, node, 1);
    }
    const status = this.run(withNominated, record);
    for (const p of nominated) this.update(p, node, -1);
    return status ?? this.run(node, record);
  }

  filter(node: NodeInfo): Status | null {
    return this.filterNode(node);
  }

  update(pod: PodInfo, node: NodeInfo, delta: 1 | -1): void {
    for (const c of this.cycles) c.cycle.updateWithPod?.(pod, node, delta);
  }
}
