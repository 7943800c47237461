/**
 * What a simulation takes: the user's objects (each with a way back to its source lines),
 * the cluster, the scenario, the seed and the budget. Helpers build it from the engine's
 * Workspace or from plain file texts.
 */
import { Workspace } from '../lint/workspace';
import type { Range } from '../model/finding';
import { shiftRange } from '../model/finding';
import type { WorkspaceObject } from '../rules/rule';
import type { Part, Path } from '../yaml/locate';
import type { ClusterSpec } from './clusterFile';

export interface SourceLocator {
  file: string;
  /** The range of a path inside the object, in file positions (0-based). */
  rangeOf(path: Path, part?: Part): Range;
  has(path: Path): boolean;
}

export interface ManifestObject {
  object: Record<string, unknown>;
  source?: SourceLocator;
}

export type ScenarioSpec =
  | { kind: 'apply' }
  /** Fail a node (default: the worker running the most pods) at `at` seconds (default 60). */
  | { kind: 'node-failure'; node?: string; at?: number }
  /** Drive the pods' cpu curves from t = 0; HPAs and the cluster autoscaler react. */
  | { kind: 'load' }
  /** Apply, wait until steady, then change Deployments' pod template (an image, or a restart annotation). */
  | { kind: 'rollout'; deployment?: string; image?: string; container?: string; at?: number };

export type ScenarioKind = ScenarioSpec['kind'];
export const SCENARIO_KINDS: readonly ScenarioKind[] = ['apply', 'node-failure', 'load', 'rollout'];

export interface SimulationBudget {
  /** Timed actions processed at most (default 2,000,000). */
  maxEvents?: number;
  /** Pods the simulated cluster holds at most (default 10,000); creating more is refused, as a full cluster would. */
  maxPods?: number;
  /** Virtual seconds at most (default 600: ten minutes). */
  maxSeconds?: number;
}

export interface SimulationInput {
  objects: readonly ManifestObject[];
  /** Default: the embedded cluster (defaultCluster.ts). */
  cluster?: ClusterSpec;
  scenario?: ScenarioSpec;
  /** Seeds names and tie-breaks (default 1). */
  seed?: number;
  budget?: SimulationBudget;
  /** Keep every placement's full filter/score table (default: only when ≤ 500 pods are expected). */
  explainPlacements?: boolean;
}

export function locatorOf(o: WorkspaceObject): SourceLocator {
  return {
    file: o.file,
    rangeOf: (path, part) => shiftRange(o.doc.rangeOf(path, part), o.lineOffset),
    has: (path) => o.doc.has(path),
  };
}

/** The simulation's objects from the engine's Workspace (what the language server holds). */
export function objectsFromWorkspace(objects: readonly WorkspaceObject[]): ManifestObject[] {
  return objects.map((o) => ({ object: o.object, source: locatorOf(o) }));
}

/** The simulation's objects from file texts (what the CLI and tests have). */
export function objectsFromTexts(files: Iterable<readonly [string, string]>): ManifestObject[] {
  const ws = new Workspace({ objectRules: [], workspaceRules: [] });
  for (const [file, text] of files) ws.setFile(file, text);
  return objectsFromWorkspace(ws.objects());
}
