/**
 * When a container's probes fire and what they find, computed ahead from the simulated
 * app's timeline (it answers from `upAt` until it exits), so the kubelet schedules only the
 * moments that change something instead of ticking every probe period.
 *
 * Probe semantics (pkg/kubelet/prober/worker.go, prober_manager.go):
 * - a probe fires at containerStart + initialDelaySeconds + k × periodSeconds;
 * - while a startup probe has not succeeded, liveness and readiness results are ignored;
 * - failureThreshold consecutive failures: liveness/startup → the container is killed and
 *   restarted; readiness → not Ready; successThreshold consecutive successes → Ready;
 * - without a readiness probe the container is Ready once started.
 * Defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe): initialDelay 0, period 10,
 * timeout 1, successThreshold 1, failureThreshold 3.
 *
 * Deliberately deterministic: upstream's probe worker (prober/worker.go run) sleeps a random part of
 * periodSeconds before its first probe when the kubelet started less than a period ago, and ticks from
 * the worker's start rather than the container's. We tick from the container start with no jitter, so
 * a seed always gives the same timeline; a real cluster's probes can fall up to one period later.
 */
import type { Probe } from 'kubernetes-types/core/v1';

export interface ProbeTiming {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeTiming(p: Probe | undefined): ProbeTiming | undefined {
  if (!p) return undefined;
  const pos = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
  return {
    initialDelaySeconds: typeof p.initialDelaySeconds === 'number' && p.initialDelaySeconds > 0 ? p.initialDelaySeconds : 0,
    periodSeconds: pos(p.periodSeconds, 10),
    timeoutSeconds: pos(p.timeoutSeconds, 1),
    successThreshold: pos(p.successThreshold, 1),
    failureThreshold: pos(p.failureThreshold, 3),
  };
}

export type ProbeKind = 'Startup' | 'Liveness' | 'Readiness';

export type EndReason = 'Liveness' | 'Startup' | 'Exited' | 'OOMKilled';

export type RunStep =
  | { at: number; kind: 'unhealthy'; probe: ProbeKind }
  /** The startup probe succeeded (or there is none): liveness and readiness start to count. */
  | { at: number; kind: 'started' }
  | { at: number; kind: 'ready' }
  | { at: number; kind: 'end'; reason: EndReason; exitCode: number };

export interface RunInput {
  start: number;
  /** When the app answers probes. */
  upAt: number;
  /** When the process exits by itself, if it does. */
  exitAt?: number;
  exitCode?: number;
  /** When it is OOM-killed, if it is. */
  oomAt?: number;
  startup?: ProbeTiming;
  liveness?: ProbeTiming;
  readiness?: ProbeTiming;
}

/** Far enough for any 10-minute scenario; bounds every loop below. */
const MAX_TICKS = 100_000;

function ticks(start: number, t: ProbeTiming, from: number, until: number, visit: (at: number) => boolean): void {
  const first = start + t.initialDelaySeconds;
  let k = from > first ? Math.ceil((from - first) / t.periodSeconds - 1e-9) : 0;
  for (let n = 0; n < MAX_TICKS; n++, k++) {
    const at = first + k * t.periodSeconds;
    if (at > until) return;
    if (!visit(at)) return;
  }
}

/** Steps of one container run, in time order, ending with `end` when the run ends by itself. */
export function planContainerRun(input: RunInput): RunStep[] {
  const steps: RunStep[] = [];
  let endAt = Infinity;
  let end: RunStep | undefined;
  const setEnd = (at: number, reason: EndReason, exitCode: number) => {
    if (at < endAt) {
      endAt = at;
      end = { at, kind: 'end', reason, exitCode };
    }
  };
  if (input.exitAt !== undefined) setEnd(input.exitAt, 'Exited', input.exitCode ?? 1);
  if (input.oomAt !== undefined) setEnd(input.oomAt, 'OOMKilled', 137);

  // startup probe
  let startedAt: number | undefined = input.start;
  if (input.startup) {
    startedAt = undefined;
    const t = input.startup;
    let failures = 0;
    ticks(input.start, t, input.start, endAt, (at) => {
      if (at >= input.upAt) {
        startedAt = at;
        return false;
      }
      steps.push({ at, kind: 'unhealthy', probe: 'Startup' });
      if (++failures >= t.failureThreshold) {
        setEnd(at, 'Startup', 137);
        return false;
      }
      return true;
    });
  }
  if (startedAt !== undefined && startedAt < endAt) steps.push({ at: startedAt, kind: 'started' });

  if (startedAt !== undefined && input.liveness) {
    const t = input.liveness;
    let failures = 0;
    ticks(input.start, t, startedAt, endAt, (at) => {
      if (at >= input.upAt) return false; // healthy from here on
      steps.push({ at, kind: 'unhealthy', probe: 'Liveness' });
      if (++failures >= t.failureThreshold) {
        setEnd(at, 'Liveness', 137);
        return false;
      }
      return true;
    });
  }

  if (startedAt !== undefined) {
    if (!input.readiness) {
      if (startedAt < endAt) steps.push({ at: startedAt, kind: 'ready' });
    } else {
      const t = input.readiness;
      let successes = 0;
      ticks(input.start, t, startedAt, endAt, (at) => {
        if (at >= endAt) return false;
        if (at < input.upAt) {
          successes = 0;
          steps.push({ at, kind: 'unhealthy', probe: 'Readiness' });
          return true;
        }
        if (++successes >= t.successThreshold) {
          steps.push({ at, kind: 'ready' });
          return false;
        }
        return true;
      });
    }
  }

  const kept = endAt === Infinity ? steps : steps.filter((s) => s.at < endAt || (s.kind === 'unhealthy' && s.at === endAt));
  if (end) kept.push(end);
  // stable: ties keep insertion order (startup, liveness, readiness, end); most runs (no probes, or one) are in order already
  if (inTimeOrder(kept)) return kept;
  return kept.map((s, i) => [s, i] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([s]) => s);
}

function inTimeOrder(steps: readonly RunStep[]): boolean {
  for (let i = 1; i < steps.length; i++) if (steps[i]!.at < steps[i - 1]!.at) return false;
  return true;
}
