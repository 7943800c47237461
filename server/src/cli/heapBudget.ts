import { getHeapStatistics } from 'node:v8';

/**
 * The share of V8's heap limit a lint run may fill before it stops with a message. Past it,
 * Node would die with "JavaScript heap out of memory" and a native stack trace; stopping
 * first lets the CLI say what happened and what to do (lint in parts, or raise the limit).
 */
const BUDGET_SHARE = 0.65;

export interface HeapUse {
  usedMb: number;
  limitMb: number;
}

/** The heap in use when it is over budget, else undefined. Cheap enough to call between slices of work. */
export function overHeapBudget(): HeapUse | undefined {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  if (used < limit * BUDGET_SHARE) return undefined;
  return { usedMb: Math.round(used / 2 ** 20), limitMb: Math.round(limit / 2 ** 20) };
}

export class HeapBudgetError extends Error {
  constructor(what: string, use: HeapUse) {
    super(
      `stopped: ${what} filled ${use.usedMb} MB of the ${use.limitMb} MB heap Node allows. ` +
        'Lint the files in smaller parts, or allow more memory: NODE_OPTIONS=--max-old-space-size=8192 kubeplan lint …',
    );
  }
}
