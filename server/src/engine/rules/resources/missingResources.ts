import { containersOf, podSpecOf } from '../../kube/podSpec';
import { DEFAULT_CPU_LIMIT, DEFAULT_CPU_REQUEST, DEFAULT_MEMORY, resourcesFix, resourcesPatch } from '../../fix/containerFixes';
import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { deepEqual, get } from '../../kube/read';
import { containerAnchor, describeContainer } from '../anchors';
import type { ObjectContext, ObjectRule } from '../rule';

type Kind = 'requests' | 'limits';
type Resource = 'cpu' | 'memory';

function hasResource(res: unknown, kind: Kind, resource: Resource): boolean {
  if (!res || typeof res !== 'object') return false;
  const block = (res as Record<string, unknown>)[kind];
  if (!block || typeof block !== 'object') return false;
  const v = (block as Record<string, unknown>)[resource];
  return v !== undefined && v !== null && v !== '';
}

function resourceRule(kind: Kind, resource: Resource, meta: Omit<ObjectRule, 'check' | 'category'>): ObjectRule {
  return {
    ...meta,
    category: 'resources',
    check(ctx: ObjectContext) {
      const pod = podSpecOf(ctx.id.kind, ctx.object);
      if (!pod) return;
      for (const ref of containersOf(pod)) {
        const res = ref.container.resources;
        if (hasResource(res, kind, resource)) continue;
        // Kubernetes defaults a missing request to the limit, so a set limit is a set request.
        if (kind === 'requests' && hasResource(res, 'limits', resource)) continue;
        const anchor = containerAnchor(ctx.doc, ref, ['resources', kind], ['resources']);
        const what = `${resource === 'cpu' ? 'CPU' : 'memory'} ${kind === 'requests' ? 'request' : 'limit'}`;
        const all = resourcesFix(ctx.doc, ref);
        // The single-value fix: a limit copies the request when there is one, so it is never below it.
        const request = get(res, 'requests', resource);
        const amount = kind === 'limits' && (typeof request === 'string' || typeof request === 'number') ? request : resource === 'memory' ? DEFAULT_MEMORY : kind === 'requests' ? DEFAULT_CPU_REQUEST : DEFAULT_CPU_LIMIT;
        const singlePatch = { resources: { [kind]: { [resource]: amount } } };
        const single = deepEqual(resourcesPatch(ref), singlePatch) ? undefined : quickFix(`Set the ${what} of "${ref.name}" to ${amount}`, () => patchEdits(ctx.doc, ref.path, singlePatch));
        ctx.report(anchor, `${describeContainer(ref)} has no ${what}.`, { fixes: fixes(all, single) });
      }
    },
  };
}

export const missingCpuRequest = resourceRule('requests', 'cpu', {
  id: 'missing-cpu-request',
  severity: 'warning',
  title: 'A container has no CPU request.',
  docs: {
    why: 'The scheduler places pods by their requests. Without a CPU request the pod counts as needing no CPU, so nodes get overcommitted, the pod is among the first to be throttled, and a HorizontalPodAutoscaler cannot compute CPU utilization.',
    fix: 'Set `resources.requests.cpu` to what the container typically uses, for example `100m`.',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: 100m',
  },
});

export const missingMemoryRequest = resourceRule('requests', 'memory', {
  id: 'missing-memory-request',
  severity: 'warning',
  title: 'A container has no memory request.',
  docs: {
    why: 'Without a memory request the scheduler assumes the container needs no memory and may place it on a node that cannot hold it; under memory pressure such pods are evicted first.',
    fix: 'Set `resources.requests.memory` to the working set the container needs, for example `128Mi`.',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      requests:\n        memory: 128Mi',
  },
});

export const missingMemoryLimit = resourceRule('limits', 'memory', {
  id: 'missing-memory-limit',
  severity: 'warning',
  title: 'A container has no memory limit.',
  docs: {
    why: 'A container without a memory limit can use all of the node\'s memory, pushing the node into memory pressure and getting its neighbours evicted or OOM-killed.',
    fix: 'Set `resources.limits.memory`, usually equal to the memory request.',
    bad: 'resources:\n  requests:\n    memory: 128Mi',
    good: 'resources:\n  requests:\n    memory: 128Mi\n  limits:\n    memory: 128Mi',
  },
});

export const missingCpuLimit = resourceRule('limits', 'cpu', {
  id: 'missing-cpu-limit',
  severity: 'info',
  title: 'A container has no CPU limit.',
  docs: {
    why: 'Without a CPU limit a busy container can take spare CPU from its node. Many teams choose this on purpose (limits cause throttling), so this is informational: decide, then suppress it if you do not want limits.',
    fix: 'Set `resources.limits.cpu`, or suppress the rule with `kubeplan.dev/ignore: missing-cpu-limit`.',
    bad: 'resources:\n  requests:\n    cpu: 100m',
    good: 'resources:\n  requests:\n    cpu: 100m\n  limits:\n    cpu: 500m',
  },
});
