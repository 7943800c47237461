import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectsFromTexts, type ScenarioSpec } from '../../server/src/engine/cluster/input';
import type { SimulationResult } from '../../server/src/engine/cluster/result';
import { simulate } from '../../server/src/engine/cluster/simulate';
import { ROOT } from './lspClient';

/** Runs the real simulator on files (paths relative to the repository, as the CLI would name them). */
export function simulateFiles(files: readonly string[], scenario?: ScenarioSpec): SimulationResult {
  return simulate({ objects: objectsFromTexts(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const)), scenario });
}

/** Runs the real simulator on manifest texts. */
export function simulateTexts(files: Record<string, string>, scenario?: ScenarioSpec): SimulationResult {
  return simulate({ objects: objectsFromTexts(Object.entries(files)), scenario });
}
