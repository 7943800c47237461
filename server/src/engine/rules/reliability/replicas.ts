import { declaredReplicas } from '../../kube/podTemplate';
import { get, int, str } from '../../kube/read';
import { sameNamespace } from '../../lint/workspaceIndex';
import type { WorkspaceContext, WorkspaceObject } from '../rule';

export interface HpaTarget {
  readonly hpa: WorkspaceObject;
  readonly kind: string;
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number | undefined;
}

/** HorizontalPodAutoscalers by the `kind\0name` they scale, built once per run. */
export function hpaTargets(ctx: WorkspaceContext): Map<string, HpaTarget[]> {
  return ctx.index.derived('hpaTargets', () => {
    const out = new Map<string, HpaTarget[]>();
    for (const hpa of ctx.index.ofKind('HorizontalPodAutoscaler')) {
      const ref = get(hpa.object, 'spec', 'scaleTargetRef');
      const kind = str(get(ref, 'kind'));
      const name = str(get(ref, 'name'));
      if (!kind || !name) continue;
      const target: HpaTarget = {
        hpa,
        kind,
        name,
        minReplicas: int(get(hpa.object, 'spec', 'minReplicas')) ?? 1,
        maxReplicas: int(get(hpa.object, 'spec', 'maxReplicas')),
      };
      const key = `${kind}\0${name}`;
      const list = out.get(key);
      if (list) list.push(target);
      else out.set(key, [target]);
    }
    return out;
  });
}

export function hpaFor(ctx: WorkspaceContext, o: WorkspaceObject): HpaTarget | undefined {
  if (!o.id.name) return undefined;
  return hpaTargets(ctx).get(`${o.id.kind}\0${o.id.name}`)?.find((t) => sameNamespace(t.hpa.id.namespace, o.id.namespace));
}

/**
 * How many pods a workload runs: its `replicas`, or the autoscaler's range when an HPA
 * scales it (the HPA then owns `replicas`). Undefined for kinds without replicas.
 */
export function replicaRange(ctx: WorkspaceContext, o: WorkspaceObject): { min: number; max: number; hpa?: HpaTarget } | undefined {
  const declared = declaredReplicas(o.id.kind, o.object);
  if (declared === undefined) return undefined;
  const hpa = hpaFor(ctx, o);
  if (hpa) return { min: hpa.minReplicas, max: Math.max(hpa.maxReplicas ?? hpa.minReplicas, hpa.minReplicas), hpa };
  return { min: declared, max: declared };
}
