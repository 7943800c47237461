/** A scenario drives the simulated cluster beyond the plain apply. */
import type { Simulation } from '../simulation';

export interface Scenario {
  readonly name: string;
  /** After the manifests are applied at t = 0. */
  start(sim: Simulation): void;
  /** When nothing is left to happen: returns true when it set something new in motion. */
  onSteady(sim: Simulation): boolean;
  /** Keeps the run going to this virtual time even when steady (load curves). */
  readonly runUntil?: number;
}

/**
 * Scenarios that act "once the cluster is steady" (node-failure, rollout without `at`) act at the first
 * steady instant, or at this virtual time if the cluster never gets there (a crash loop restarts a
 * container forever, so timers never run out): the rest of the time budget shows the reaction.
 */
export const SETTLE_LIMIT_SECONDS = 120;

/**
 * Calls `act` once, when the cluster is first steady or at SETTLE_LIMIT_SECONDS, whichever comes first.
 * Returns the scenario hooks (`start`, `onSteady`) that arrange it.
 */
export function onceSettled(act: (sim: Simulation) => boolean): Pick<Scenario, 'start' | 'onSteady'> {
  let done = false;
  const fire = (sim: Simulation): boolean => {
    if (done) return false;
    done = true;
    return act(sim);
  };
  return {
    start(sim) {
      // background: this deadline alone does not keep a finished run going
      sim.clock.at(SETTLE_LIMIT_SECONDS, () => fire(sim), { background: true });
    },
    onSteady: fire,
  };
}
