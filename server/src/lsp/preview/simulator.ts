/**
 * The one place the language server calls the simulated cluster: builds its input from
 * workspace objects and the cluster file, and maps input problems to SimulationInputError
 * (shown to the user as a message, never as a crash).
 */
import type { SimulationResult } from '../../engine/cluster/result';
import type { WorkspaceObject } from '../../engine/rules/rule';
import type { PreviewScenario } from '../../protocol/preview';

export interface SimulationRequest {
  objects: readonly WorkspaceObject[];
  scenario: PreviewScenario;
  /** Workspace folders: the cluster file is looked up relative to them. */
  roots: readonly string[];
  clusterFile: string;
}

export interface SimulationRunOptions {
  signal: AbortSignal;
  /** fraction in 0…1 of the virtual time simulated, and a word on what happens. */
  onProgress?: (fraction: number, message: string) => void;
}

/** Input the user must fix (invalid cluster file, unknown node in a scenario): a message, not a stack trace. */
export class SimulationInputError extends Error {}

export async function runSimulation(request: SimulationRequest, options: SimulationRunOptions): Promise<SimulationResult> {
  void request;
  void options;
  throw new SimulationInputError('The simulated cluster is not part of this build yet.');
}
