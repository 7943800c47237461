/**
 * At most one run of a kind at a time: starting a new one aborts the one before, so a
 * stale simulation never finishes after a newer edit (or a newer Preview request).
 */
export class LatestRun {
  private current: AbortController | undefined;

  /** Aborts the previous run (if any) and returns the new run's controller (abort it to cancel just this run). */
  start(): AbortController {
    this.current?.abort(new StaleRunError());
    this.current = new AbortController();
    return this.current;
  }

  /** Aborts the running one, if any. */
  cancel(reason: unknown = new StaleRunError()): void {
    this.current?.abort(reason);
    this.current = undefined;
  }

  /** True while `signal` belongs to the newest run and nobody aborted it. */
  isCurrent(signal: AbortSignal): boolean {
    return this.current?.signal === signal && !signal.aborted;
  }
}

export class StaleRunError extends Error {
  constructor() {
    super('superseded by a newer run');
    this.name = 'AbortError';
  }
}

export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (e instanceof Error && e.name === 'AbortError');
}
