import type { ContainerRef } from './podSpec';
import { fieldsOf, type PodTemplate } from './podTemplate';
import { get, int, list } from './read';

/**
 * The security settings a container runs with. Kubernetes merges the pod's securityContext
 * into each container's: for the fields both have (runAsUser, runAsNonRoot, runAsGroup,
 * seLinuxOptions, seccompProfile, appArmorProfile, windowsOptions) the container's value wins
 * (pkg/securitycontext/util.go, DetermineEffectiveSecurityContext). privileged,
 * allowPrivilegeEscalation, readOnlyRootFilesystem, capabilities and procMount exist only on
 * the container, so pod-level values of those names are ignored.
 */
export interface EffectiveSecurity {
  runAsNonRoot: unknown;
  runAsUser: unknown;
  /** Where each merged value came from, to point a finding at it. */
  runAsNonRootFrom: 'container' | 'pod' | undefined;
  runAsUserFrom: 'container' | 'pod' | undefined;
  seccompType: unknown;
  seccompFrom: 'container' | 'pod' | undefined;
}

function merged(container: unknown, pod: unknown, field: string): [unknown, 'container' | 'pod' | undefined] {
  const c = get(container, field);
  if (c !== undefined && c !== null) return [c, 'container'];
  const p = get(pod, field);
  if (p !== undefined && p !== null) return [p, 'pod'];
  return [undefined, undefined];
}

export function effectiveSecurity(template: PodTemplate, ref: ContainerRef): EffectiveSecurity {
  const csc = fieldsOf(ref).securityContext;
  const psc = template.spec.securityContext;
  const [runAsNonRoot, runAsNonRootFrom] = merged(csc, psc, 'runAsNonRoot');
  const [runAsUser, runAsUserFrom] = merged(csc, psc, 'runAsUser');
  const [seccomp, seccompFrom] = merged(csc, psc, 'seccompProfile');
  return { runAsNonRoot, runAsUser, runAsNonRootFrom, runAsUserFrom, seccompType: get(seccomp, 'type'), seccompFrom };
}

/** A container-only securityContext field. */
export function containerSecurity(ref: ContainerRef, field: string): unknown {
  return get(fieldsOf(ref).securityContext, field);
}

/** A capability name as the runtime reads it: case-insensitive, with or without `CAP_`. */
export function normalizeCapability(c: unknown): string | undefined {
  if (typeof c !== 'string') return undefined;
  const up = c.trim().toUpperCase();
  return up.startsWith('CAP_') ? up.slice(4) : up;
}

export function capabilityList(ref: ContainerRef, which: 'add' | 'drop'): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  list(get(fieldsOf(ref).securityContext, 'capabilities', which)).forEach((c, index) => {
    const name = normalizeCapability(c);
    if (name) out.push({ name, index });
  });
  return out;
}

/** UID the container runs as when declared, else undefined (the image decides). */
export function declaredUid(sec: EffectiveSecurity): number | undefined {
  return int(sec.runAsUser);
}
