/**
 * Simulated application behaviour, declared on the pod template with annotations (the
 * simulator cannot run the image, so the manifest says how the app behaves):
 *
 *   sim.kubeplan.dev/startup-seconds     seconds from container start until the app answers probes (default 5)
 *   sim.kubeplan.dev/memory              memory the app uses once started (default: half the request, else 64Mi)
 *   sim.kubeplan.dev/cpu                 CPU the app uses (default: half the request, else 50m)
 *   sim.kubeplan.dev/exit-after-seconds  the process exits this long after it starts (a crash for long-running pods)
 *   sim.kubeplan.dev/exit-code           its exit code (default 1; 0 for Job pods and restartPolicy Never/OnFailure)
 *   sim.kubeplan.dev/cpu-curve           CPU use over time for load scenarios: "0:100m,60:900m,300:200m"
 *   sim.kubeplan.dev/image-pull-seconds  how long pulling each image takes (default 3)
 *
 * Each key also works per container with the container's name appended: `sim.kubeplan.dev/memory.web`.
 * Malformed values are reported (sim-bad-annotation) and the default is used.
 */
import { bytes, cpuMillis } from '../../kube/quantity';

export const SIM_PREFIX = 'sim.kubeplan.dev/';

export const SIM_ANNOTATIONS = ['startup-seconds', 'memory', 'cpu', 'exit-after-seconds', 'exit-code', 'cpu-curve', 'image-pull-seconds'] as const;
export type SimAnnotation = (typeof SIM_ANNOTATIONS)[number];

export interface AnnotationProblem {
  /** The annotation key as written. */
  key: string;
  message: string;
}

export interface CpuPoint {
  /** Seconds since the scenario's load starts. */
  at: number;
  millicores: number;
}

/** What one container of the app does, after defaults. */
export interface AppBehaviour {
  startupSeconds: number;
  memoryBytes: number;
  cpuMillicores: number;
  exitAfterSeconds: number | undefined;
  exitCode: number;
  cpuCurve: CpuPoint[] | undefined;
  imagePullSeconds: number;
}

export const DEFAULT_STARTUP_SECONDS = 5;
export const DEFAULT_IMAGE_PULL_SECONDS = 3;
export const DEFAULT_MEMORY_WITHOUT_REQUEST = 64 * 2 ** 20;
export const DEFAULT_CPU_WITHOUT_REQUEST = 50;
/** Run-to-completion pods without exit-after-seconds finish after this long. */
export const DEFAULT_RUN_TO_COMPLETION_SECONDS = 30;

const NON_NEGATIVE_SECONDS = /^\d+(\.\d+)?$/;

function parseSeconds(v: string): number | undefined {
  return NON_NEGATIVE_SECONDS.test(v.trim()) ? Number(v) : undefined;
}

/** Parses a cpu curve "t:cpu,t:cpu" with strictly increasing times. */
export function parseCpuCurve(v: string): CpuPoint[] | string {
  const points: CpuPoint[] = [];
  for (const part of v.split(',')) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\S+)\s*$/.exec(part);
    if (!m) return `"${part.trim()}" is not "seconds:cpu" (e.g. 60:900m)`;
    const millicores = cpuMillis(m[2]);
    if (millicores === undefined || millicores < 0) return `"${m[2]}" is not a CPU quantity (e.g. 250m or 1.5)`;
    const at = Number(m[1]);
    if (points.length && at <= points[points.length - 1]!.at) return `times must increase: ${at} comes after ${points[points.length - 1]!.at}`;
    points.push({ at, millicores });
  }
  return points;
}

/** CPU use of a curve at `t` seconds into the load: the last point at or before t (a step function). */
export function cpuAt(curve: readonly CpuPoint[], t: number): number {
  let value = curve[0]?.millicores ?? 0;
  for (const p of curve) {
    if (p.at <= t) value = p.millicores;
    else break;
  }
  return value;
}

export interface ContainerResourcesForApp {
  name: string;
  cpuRequest: number;
  memoryRequest: number;
}

/**
 * Reads the app behaviour of one container from pod annotations. Problems are collected,
 * never thrown; a bad value falls back to the default.
 */
export function appBehaviour(
  annotations: Readonly<Record<string, string>> | undefined,
  container: ContainerResourcesForApp,
  runsToCompletion: boolean,
  problems?: AnnotationProblem[],
): AppBehaviour {
  const lookup = (name: SimAnnotation): [string, string] | undefined => {
    const specific = `${SIM_PREFIX}${name}.${container.name}`;
    if (annotations?.[specific] !== undefined) return [specific, String(annotations[specific])];
    const general = `${SIM_PREFIX}${name}`;
    if (annotations?.[general] !== undefined) return [general, String(annotations[general])];
    return undefined;
  };
  const report = (key: string, message: string) => problems?.push({ key, message });
  const seconds = (name: SimAnnotation): number | undefined => {
    const kv = lookup(name);
    if (!kv) return undefined;
    const n = parseSeconds(kv[1]);
    if (n === undefined) report(kv[0], `${kv[0]}: "${kv[1]}" is not a number of seconds (e.g. "30")`);
    return n;
  };
  const quantity = (name: SimAnnotation, parse: (v: string) => number | undefined, example: string): number | undefined => {
    const kv = lookup(name);
    if (!kv) return undefined;
    const n = parse(kv[1]);
    if (n === undefined || n < 0) {
      report(kv[0], `${kv[0]}: "${kv[1]}" is not a ${name === 'cpu' ? 'CPU' : 'memory'} quantity (e.g. "${example}")`);
      return undefined;
    }
    return n;
  };
  const exitCodeKv = lookup('exit-code');
  let exitCode = runsToCompletion ? 0 : 1;
  if (exitCodeKv) {
    if (/^\d{1,3}$/.test(exitCodeKv[1].trim()) && Number(exitCodeKv[1]) <= 255) exitCode = Number(exitCodeKv[1]);
    else report(exitCodeKv[0], `${exitCodeKv[0]}: "${exitCodeKv[1]}" is not an exit code (0-255)`);
  }
  let cpuCurve: CpuPoint[] | undefined;
  const curveKv = lookup('cpu-curve');
  if (curveKv) {
    const parsed = parseCpuCurve(curveKv[1]);
    if (typeof parsed === 'string') report(curveKv[0], `${curveKv[0]}: ${parsed}`);
    else cpuCurve = parsed;
  }
  const exitAfter = seconds('exit-after-seconds');
  return {
    startupSeconds: seconds('startup-seconds') ?? DEFAULT_STARTUP_SECONDS,
    memoryBytes: quantity('memory', bytes, '256Mi') ?? (container.memoryRequest > 0 ? Math.floor(container.memoryRequest / 2) : DEFAULT_MEMORY_WITHOUT_REQUEST),
    cpuMillicores: quantity('cpu', cpuMillis, '250m') ?? (container.cpuRequest > 0 ? Math.floor(container.cpuRequest / 2) : DEFAULT_CPU_WITHOUT_REQUEST),
    exitAfterSeconds: exitAfter ?? (runsToCompletion ? DEFAULT_RUN_TO_COMPLETION_SECONDS : undefined),
    exitCode,
    cpuCurve,
    imagePullSeconds: seconds('image-pull-seconds') ?? DEFAULT_IMAGE_PULL_SECONDS,
  };
}

/** Keys under the sim prefix that are not known annotations (typos). */
export function unknownSimAnnotations(annotations: Readonly<Record<string, string>> | undefined, containerNames: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of Object.keys(annotations ?? {})) {
    if (!key.startsWith(SIM_PREFIX)) continue;
    const rest = key.slice(SIM_PREFIX.length);
    const ok = SIM_ANNOTATIONS.some((a) => rest === a || (rest.startsWith(`${a}.`) && containerNames.includes(rest.slice(a.length + 1))));
    if (!ok) out.push(key);
  }
  return out;
}
