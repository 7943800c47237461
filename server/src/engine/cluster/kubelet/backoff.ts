/**
 * Container restart back-off (pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff with
 * client-go's flowcontrol.Backoff): the first restart after a crash is immediate and arms a
 * 10 s back-off; each later crash waits out the current back-off, which then doubles up to
 * 300 s. An entry not touched for 2 × 300 s is forgotten (back to 10 s).
 */
export const INITIAL_BACKOFF_SECONDS = 10;
export const MAX_BACKOFF_SECONDS = 300;

export interface BackoffEntry {
  delay: number;
  lastUpdate: number;
}

/** Seconds to wait after a crash at `finishedAt` before restarting, and the entry after the restart. */
export function restartDelay(entry: BackoffEntry | undefined, finishedAt: number): { wait: number; next: (restartAt: number) => BackoffEntry } {
  const expired = entry === undefined || finishedAt - entry.lastUpdate > 2 * MAX_BACKOFF_SECONDS;
  if (expired) return { wait: 0, next: (at) => ({ delay: INITIAL_BACKOFF_SECONDS, lastUpdate: at }) };
  return { wait: entry.delay, next: (at) => ({ delay: Math.min(entry.delay * 2, MAX_BACKOFF_SECONDS), lastUpdate: at }) };
}

/** Go's time.Duration formatting for messages: 10s, 1m20s, 5m0s, 500ms. */
export function goDuration(seconds: number): string {
  if (seconds < 1 && seconds > 0) return `${Math.round(seconds * 1000)}ms`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
