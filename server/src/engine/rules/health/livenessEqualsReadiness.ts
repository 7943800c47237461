import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { fieldsOf, podTemplateOf } from '../../kube/podTemplate';
import { deepEqual, int, isRecord } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

/** Probe timing defaults (pkg/apis/core/v1/defaults.go, SetDefaults_Probe). */
const DEFAULTS: Record<string, number> = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

function normalized(probe: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...probe };
  for (const [k, v] of Object.entries(DEFAULTS)) if (out[k] === undefined || out[k] === null) out[k] = v;
  return out;
}

export const livenessEqualsReadiness: ObjectRule = {
  id: 'liveness-equals-readiness',
  severity: 'warning',
  category: 'health',
  title: 'A container\'s liveness and readiness probes are identical.',
  docs: {
    why: 'Readiness answers "can I take traffic now?", liveness "am I stuck beyond repair?". With the same check and the same thresholds, a pod that is merely busy is removed from the Service and killed at the same moment, so a load spike turns into a restart storm instead of shedding load. Probes that differ only in unset vs default timing count as identical.',
    fix: 'Make the liveness probe more tolerant (a higher `failureThreshold` or `periodSeconds`), or check a cheaper endpoint that only fails when the process is wedged.',
    bad: 'livenessProbe:\n  httpGet: { path: /health, port: http }\nreadinessProbe:\n  httpGet: { path: /health, port: http }',
    good: 'livenessProbe:\n  httpGet: { path: /health, port: http }\n  failureThreshold: 6\nreadinessProbe:\n  httpGet: { path: /health, port: http }',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      const c = fieldsOf(ref);
      if (!isRecord(c.livenessProbe) || !isRecord(c.readinessProbe)) continue;
      if (!deepEqual(normalized(c.livenessProbe), normalized(c.readinessProbe))) continue;
      const threshold = (int(c.livenessProbe.failureThreshold) ?? 3) * 2;
      ctx.report([...ref.path, 'livenessProbe'], `${describeContainer(ref)} has identical liveness and readiness probes: a busy pod is restarted as soon as it is taken out of traffic.`, {
        fixes: fixes(quickFix(`Make the liveness probe more tolerant (failureThreshold: ${threshold})`, () => patchEdits(ctx.doc, [...ref.path, 'livenessProbe'], { failureThreshold: threshold }), true)),
      });
    }
  },
};
