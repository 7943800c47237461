/**
 * The entry points: `simulate(input)` runs a whole simulation synchronously (CLI, tests);
 * `simulateAsync(input, { signal, onProgress })` runs it in slices of a few milliseconds of wall
 * time, yielding to the event loop between them, reporting progress and stopping when the signal
 * aborts (the language server re-runs on every edit and cancels stale runs). Both always terminate: the budget bounds
 * events and virtual time, and hitting it is a finding, not a hang.
 */
import { defaultClusterNodes } from './defaultCluster';
import type { ClusterSpec } from './clusterFile';
import type { ScenarioSpec, SimulationInput } from './input';
import type { SimFinding, SimulationResult } from './result';
import { buildResult } from './report/buildResult';
import { applyScenario } from './scenarios/apply';
import { loadScenario } from './scenarios/load';
import { nodeFailureScenario } from './scenarios/nodeFailure';
import { rolloutScenario } from './scenarios/rollout';
import type { Scenario } from './scenarios/scenario';
import { Simulation } from './simulation';
import { plural } from '../text/plural';

export const DEFAULT_MAX_EVENTS = 2_000_000;
export const DEFAULT_MAX_SECONDS = 600;
/** A hundred well-filled nodes' worth; more pods cost seconds and hundreds of MB per run. */
export const DEFAULT_MAX_PODS = 10_000;

export function defaultCluster(): ClusterSpec {
  return { nodes: defaultClusterNodes(), objects: [], nodePools: [], origin: 'default' };
}

export class SimulationCancelled extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
}

function makeScenario(spec: ScenarioSpec | undefined, maxSeconds: number): Scenario & { error?: string } {
  switch (spec?.kind ?? 'apply') {
    case 'node-failure': {
      const s = spec as Extract<ScenarioSpec, { kind: 'node-failure' }>;
      return nodeFailureScenario({ node: s.node, at: s.at });
    }
    case 'rollout': {
      const s = spec as Extract<ScenarioSpec, { kind: 'rollout' }>;
      return rolloutScenario({ deployment: s.deployment, image: s.image, container: s.container, at: s.at });
    }
    case 'load':
      return loadScenario(maxSeconds);
    default:
      return applyScenario();
  }
}

/** A simulation in progress: `advance` runs a slice; `finish` builds the result. */
class Run {
  readonly sim: Simulation;
  readonly scenario: Scenario & { error?: string };
  readonly maxEvents: number;
  readonly maxSeconds: number;
  processed = 0;
  done = false;
  private stopReason: 'steady' | 'time' | 'events' | undefined;

  constructor(input: SimulationInput) {
    this.maxEvents = input.budget?.maxEvents ?? DEFAULT_MAX_EVENTS;
    this.maxSeconds = input.budget?.maxSeconds ?? DEFAULT_MAX_SECONDS;
    const expectedPods = input.objects.reduce((s, o) => s + (typeof (o.object.spec as { replicas?: unknown } | undefined)?.replicas === 'number' ? ((o.object.spec as { replicas: number }).replicas) : 1), 0);
    this.sim = new Simulation({ seed: input.seed ?? 1, explainPlacements: input.explainPlacements ?? expectedPods <= 500, maxPods: input.budget?.maxPods ?? DEFAULT_MAX_PODS, horizon: this.maxSeconds });
    this.sim.addCluster(input.cluster ?? defaultCluster());
    this.scenario = makeScenario(input.scenario, this.maxSeconds);
    this.sim.apply(input.objects);
    this.sim.startBackground();
    this.scenario.start(this.sim);
    if (this.scenario.runUntil !== undefined) this.sim.clock.at(Math.min(this.scenario.runUntil, this.maxSeconds), () => undefined);
  }

  /** The virtual time whose timed actions are being run, while some of them are still to run. */
  private instant: number | undefined;

  /**
   * Runs the simulation until it is over (returns true) or `stop` says so (returns false; the next
   * call carries on exactly there, so a run split into any number of calls is the same run).
   */
  advance(stop?: () => boolean): boolean {
    const { sim } = this;
    while (!this.done) {
      // everything due at one instant runs before the control loops react (one settle per instant)
      if (this.instant !== undefined) {
        for (let same = sim.clock.nextAt(this.instant); same && this.processed < this.maxEvents; same = sim.clock.nextAt(this.instant)) {
          this.processed++;
          same.run();
          if (stop?.()) return false;
        }
        this.instant = undefined;
      }
      if (!sim.settleSome(stop)) return false;
      if (sim.clock.queue.pendingForeground === 0) {
        if (this.scenario.onSteady(sim)) continue;
        this.stop('steady');
        break;
      }
      if (this.processed >= this.maxEvents) {
        this.stop('events');
        break;
      }
      const action = sim.clock.next(this.maxSeconds);
      if (!action) {
        sim.clock.advanceTo(this.maxSeconds);
        this.stop('time');
        break;
      }
      this.processed++;
      action.run();
      this.instant = action.time;
      if (stop?.()) return false;
    }
    return true;
  }

  private stop(reason: 'steady' | 'time' | 'events'): void {
    this.done = true;
    this.stopReason = reason;
    this.sim.settle();
  }

  get progress(): number {
    return Math.min(0.99, this.sim.clock.now / this.maxSeconds);
  }

  finish(): SimulationResult {
    const extra: SimFinding[] = [];
    if (this.stopReason === 'events') {
      extra.push({ rule: 'sim-budget-exceeded', severity: 'warning', message: `the simulation stopped after ${this.processed.toLocaleString('en-US')} events at ${Math.round(this.sim.clock.now)} s (the event budget); later behaviour is not shown`, object: 'Simulation' });
    }
    if (this.sim.api.podLimitReached) {
      extra.push({ rule: 'sim-budget-exceeded', severity: 'warning', message: `the workloads ask for more pods than the simulation holds (${this.sim.api.maxPodCount.toLocaleString('en-US')}); pods beyond that were not created`, object: 'Simulation' });
    }
    if (this.sim.settleOverflow) {
      extra.push({ rule: 'sim-budget-exceeded', severity: 'warning', message: 'controllers kept changing objects without time passing (a loop between controllers); the simulation cut it short', object: 'Simulation' });
    }
    if (this.scenario.error) extra.push({ rule: 'sim-apply-error', severity: 'error', message: `scenario ${this.scenario.name}: ${this.scenario.error}`, object: 'Simulation' });
    return buildResult(this.sim, this.scenario.name, extra);
  }
}

export function simulate(input: SimulationInput): SimulationResult {
  const run = new Run(input);
  run.advance();
  return run.finish();
}

export interface AsyncOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  /**
   * Wall time a slice may run before yielding to the event loop (default 10 ms). The run can stop
   * between any two keys a controller syncs, pods the scheduler tries or timed actions, so even one
   * instant with thousands of pods is spread over many slices; 0 yields at every such point.
   */
  sliceMs?: number;
  /** Least wall time between two progress reports (default 50 ms: each is a notification to the editor). */
  progressMs?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const DEFAULT_SLICE_MS = 10;
const PROGRESS_MS = 50;

export async function simulateAsync(input: SimulationInput, options: AsyncOptions = {}): Promise<SimulationResult> {
  const check = () => {
    if (options.signal?.aborted) throw new SimulationCancelled();
  };
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  check();
  const run = new Run(input);
  let reported = -Infinity;
  for (;;) {
    check();
    const end = performance.now() + sliceMs;
    const done = run.advance(() => performance.now() >= end);
    if (done || performance.now() - reported >= (options.progressMs ?? PROGRESS_MS)) {
      reported = performance.now();
      options.onProgress?.(done ? 1 : run.progress, `simulated ${Math.round(run.sim.clock.now)} s, ${plural(run.processed, 'event')}`);
    }
    if (done) break;
    await yieldToEventLoop();
  }
  check();
  return run.finish();
}
