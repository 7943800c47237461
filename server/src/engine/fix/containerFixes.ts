/**
 * Quick fixes shared by the container rules: a resources block, probe skeletons and
 * securityContext hardening, each built as one edit set on the container's mapping.
 */
import type { QuickFix } from '../model/finding';
import type { ContainerRef } from '../kube/podSpec';
import { fieldsOf, type PodTemplate } from '../kube/podTemplate';
import { effectiveSecurity } from '../kube/securityContext';
import { get, int, isRecord, records, str } from '../kube/read';
import type { ParsedDocument } from '../yaml/parse';
import { patchEdits, quickFix, type Patch } from './yamlEdit';

export const DEFAULT_CPU_REQUEST = '100m';
export const DEFAULT_CPU_LIMIT = '500m';
export const DEFAULT_MEMORY = '128Mi';

function declared(res: unknown, kind: 'requests' | 'limits', resource: 'cpu' | 'memory'): unknown {
  const v = get(res, kind, resource);
  return v === null || v === '' ? undefined : v;
}

/**
 * What the container's `resources` lacks, with defaults that never contradict what is there:
 * a missing request is only added when no limit exists (the limit would be copied into it), and
 * a missing limit takes the request's value when there is one (a limit below the request is rejected).
 */
export function resourcesPatch(ref: ContainerRef): Patch | undefined {
  const res = fieldsOf(ref).resources;
  if (res !== undefined && res !== null && !isRecord(res)) return undefined;
  if (isRecord(res) && ((res.requests !== undefined && res.requests !== null && !isRecord(res.requests)) || (res.limits !== undefined && res.limits !== null && !isRecord(res.limits)))) return undefined;
  const requests: Record<string, string | number> = {};
  const limits: Record<string, string | number> = {};
  for (const [resource, dflt, dfltLimit] of [['cpu', DEFAULT_CPU_REQUEST, DEFAULT_CPU_LIMIT], ['memory', DEFAULT_MEMORY, DEFAULT_MEMORY]] as const) {
    const req = declared(res, 'requests', resource);
    const lim = declared(res, 'limits', resource);
    if (req === undefined && lim === undefined) requests[resource] = dflt;
    if (lim === undefined) limits[resource] = typeof req === 'string' || typeof req === 'number' ? req : dfltLimit;
  }
  const patch: Record<string, Patch> = {};
  if (Object.keys(requests).length) patch.requests = requests;
  if (Object.keys(limits).length) patch.limits = limits;
  return Object.keys(patch).length ? { resources: patch } : undefined;
}

export function resourcesFix(doc: ParsedDocument, ref: ContainerRef): QuickFix | undefined {
  const patch = resourcesPatch(ref);
  if (!patch) return undefined;
  return quickFix(`Add resource requests and limits to "${ref.name}"`, () => patchEdits(doc, ref.path, patch), true);
}

/** The port a probe skeleton should check: a port named http*, else the first declared port. */
function probeTarget(ref: ContainerRef): { http: boolean; port: string | number } {
  const ports = records(fieldsOf(ref).ports);
  const named = ports.find(([, p]) => typeof p.name === 'string' && /^http/i.test(p.name));
  if (named) return { http: true, port: named[1].name as string };
  for (const [, p] of ports) {
    const n = int(p.containerPort);
    if (n !== undefined) return { http: false, port: str(p.name) ?? n };
  }
  return { http: false, port: 8080 };
}

/**
 * A probe skeleton matched to the container's ports: httpGet on a port named http*, else
 * tcpSocket on the first port. Liveness is more patient than readiness, so a slow app is taken
 * out of the Service before it is restarted (and the two probes are not identical).
 */
export function probePatch(ref: ContainerRef, which: 'livenessProbe' | 'readinessProbe'): Patch {
  const t = probeTarget(ref);
  const handler: Patch = t.http ? { httpGet: { path: '/', port: t.port } } : { tcpSocket: { port: t.port } };
  const timing: Patch = which === 'livenessProbe' ? { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 6 } : { periodSeconds: 5, failureThreshold: 3 };
  return { [which]: { ...handler, ...timing } };
}

export function probeFix(doc: ParsedDocument, ref: ContainerRef, which: 'livenessProbe' | 'readinessProbe'): QuickFix | undefined {
  const t = probeTarget(ref);
  const what = t.http ? `HTTP GET / on port ${t.port}` : `TCP port ${t.port}`;
  const name = which === 'livenessProbe' ? 'liveness' : 'readiness';
  return quickFix(`Add a ${name} probe to "${ref.name}" (${what})`, () => patchEdits(doc, ref.path, probePatch(ref, which)), true);
}

/**
 * The restricted-profile securityContext (Pod Security Standards) for one container. A UID 0
 * inherited from the pod would contradict runAsNonRoot, so the container then gets its own UID.
 */
export function hardeningPatch(ref: ContainerRef, template: PodTemplate): Patch | undefined {
  const sc = fieldsOf(ref).securityContext;
  if (sc !== undefined && sc !== null && !isRecord(sc)) return undefined;
  const patch: Record<string, string | number | boolean | Patch> = {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
  if (get(sc, 'privileged') === true) patch.privileged = false;
  if (int(effectiveSecurity(template, ref).runAsUser) === 0) patch.runAsUser = 10001;
  const caps = get(sc, 'capabilities');
  if (caps !== undefined && caps !== null && !isRecord(caps)) return undefined;
  const drop = get(caps, 'drop');
  if (drop !== undefined && drop !== null && !Array.isArray(drop)) return undefined;
  return { securityContext: patch };
}

export function hardeningFix(doc: ParsedDocument, ref: ContainerRef, template: PodTemplate): QuickFix | undefined {
  const patch = hardeningPatch(ref, template);
  if (!patch) return undefined;
  return quickFix(`Harden the securityContext of "${ref.name}" (non-root, read-only, no escalation, drop ALL)`, () => patchEdits(doc, ref.path, patch));
}

/** One securityContext field set on the container (e.g. `allowPrivilegeEscalation: false`). */
export function securityFieldFix(doc: ParsedDocument, ref: ContainerRef, patch: Patch, title: string): QuickFix | undefined {
  const sc = fieldsOf(ref).securityContext;
  if (sc !== undefined && sc !== null && !isRecord(sc)) return undefined;
  return quickFix(title, () => patchEdits(doc, ref.path, { securityContext: patch }), true);
}
