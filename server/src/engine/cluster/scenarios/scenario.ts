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
