/**
 * The custom LSP messages of Preview Apply, shared by the language server and the VS Code
 * client (types and names only: no imports from either side's libraries).
 */
import type { SimulationResult } from '../engine/cluster/result';

/** What the user asked to see (the simulator's scenarios, as the page can choose them). */
export type PreviewScenario =
  | { kind: 'apply' }
  /** Apply, then the node (default: the busiest worker) stops heartbeating. */
  | { kind: 'node-failure'; node?: string }
  /** Apply, then drive the pods' CPU curves (sim.kubeplan.dev/cpu-curve): HPAs react. */
  | { kind: 'load' }
  /** Apply, wait until steady, then roll out a new template of the Deployment ("namespace/name"; default: all). */
  | { kind: 'rollout'; deployment?: string };

export type PreviewScope = 'file' | 'folder' | 'workspace';

export interface SimulateParams {
  scope: PreviewScope;
  /** The file or folder for scope file/folder; ignored for workspace. */
  uri?: string;
  scenario?: PreviewScenario;
  /** LSP work-done progress token (the client shows it in its progress notification). */
  workDoneToken?: string | number;
}

export interface SimulateResponse {
  /** Absent when the simulation could not run at all (see `error`). */
  result?: SimulationResult;
  /** Why it could not run, in words for the user (invalid cluster file, nothing to simulate). */
  error?: string;
  /** Files whose objects took part, as URIs. */
  files: string[];
  /** How long the run took on the wall clock, milliseconds. */
  elapsedMs: number;
}

export const SIMULATE_REQUEST = 'kubeplan/simulate';

/** Error code a cancelled simulate request answers with (LSP's RequestCancelled). */
export const REQUEST_CANCELLED = -32800;

/** Server → client after every on-type simulation: pod counts per manifest file, for the status bar. */
export const SIMULATION_SUMMARY_NOTIFICATION = 'kubeplan/simulationSummary';

export interface FilePodCounts {
  total: number;
  pending: number;
  ready: number;
  failing: number;
}

export interface SimulationSummaryParams {
  /** Per file URI: the pods its manifests created. Files without pods are absent. */
  files: Record<string, FilePodCounts>;
  /** Why the simulation could not run, when it could not. */
  error?: string;
}

/** The settings Preview Apply reads (section `kubeplan`). */
export interface PreviewSettings {
  /** Run the simulation after edits and show its findings as diagnostics. */
  onType: boolean;
  /** Cluster file, relative to the workspace folder (or absolute). */
  clusterFile: string;
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { onType: true, clusterFile: '.kubeplan/cluster.yaml' };
