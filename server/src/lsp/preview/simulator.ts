/**
 * The one place the language server calls the simulated cluster: builds its input from
 * workspace objects and the cluster file, and maps input problems to SimulationInputError
 * (shown to the user as a message, never as a crash).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { formatClusterFileError, parseClusterFile, type ClusterSpec } from '../../engine/cluster/clusterFile';
import { objectsFromWorkspace, type SimulationBudget } from '../../engine/cluster/input';
import type { SimulationResult } from '../../engine/cluster/result';
import { simulateAsync } from '../../engine/cluster/simulate';
import type { WorkspaceObject } from '../../engine/rules/rule';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewScenario } from '../../protocol/preview';

export interface SimulationRequest {
  objects: readonly WorkspaceObject[];
  scenario: PreviewScenario;
  /** Workspace folders: a relative cluster file is looked up in each. */
  roots: readonly string[];
  clusterFile: string;
  /** The text of a file as the editor has it (unsaved edits included), else undefined. */
  openText?: (path: string) => string | undefined;
  /** Bounds for runs nobody asked for explicitly (on-type); default: the simulator's. */
  budget?: SimulationBudget;
}

export interface SimulationRunOptions {
  signal: AbortSignal;
  /** fraction in 0…1 of the virtual time simulated, and a word on what happens. */
  onProgress?: (fraction: number, message: string) => void;
}

/** Input the user must fix (invalid cluster file, …): a message, not a stack trace. */
export class SimulationInputError extends Error {}

export async function runSimulation(request: SimulationRequest, options: SimulationRunOptions): Promise<SimulationResult> {
  const cluster = await loadCluster(request);
  // the cluster file describes the cluster; it is not something to apply to it
  const objects = cluster ? request.objects.filter((o) => resolve(o.file) !== cluster.path) : request.objects;
  return simulateAsync(
    { objects: objectsFromWorkspace(objects), cluster: cluster?.spec, scenario: request.scenario, ...(request.budget ? { budget: request.budget } : {}) },
    // slices of a few ms: between two of them the server reads new messages (edits, lint, $/cancelRequest)
    { signal: options.signal, onProgress: options.onProgress },
  );
}

async function loadCluster(request: SimulationRequest): Promise<{ spec: ClusterSpec; path: string } | undefined> {
  const setting = request.clusterFile;
  const candidates = isAbsolute(setting) ? [setting] : request.roots.map((r) => join(r, setting));
  for (const candidate of candidates) {
    const path = resolve(candidate);
    let text = request.openText?.(path);
    if (text === undefined) {
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        throw new SimulationInputError(`Cannot read the cluster file ${path}: ${(e as Error).message}`);
      }
    }
    const parsed = parseClusterFile(path, text);
    if (!parsed.cluster) throw new SimulationInputError(`Invalid cluster file (setting kubeplan.clusterFile):\n${parsed.errors.map(formatClusterFileError).join('\n')}`);
    return { spec: parsed.cluster, path };
  }
  // No file at the default place: the embedded default cluster. A path the user chose must exist.
  if (setting !== DEFAULT_PREVIEW_SETTINGS.clusterFile) throw new SimulationInputError(`The cluster file "${setting}" (setting kubeplan.clusterFile) does not exist${candidates.length ? `: looked for ${candidates.join(', ')}` : ''}.`);
  return undefined;
}
