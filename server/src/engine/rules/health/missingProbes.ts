import { containersOf, podSpecOf, RUN_TO_COMPLETION_KINDS, type ContainerRef } from '../../kube/podSpec';
import { probeFix } from '../../fix/containerFixes';
import { fixes } from '../../fix/yamlEdit';
import { containerAnchor, describeContainer } from '../anchors';
import type { ObjectContext, ObjectRule } from '../rule';

/**
 * Containers a probe makes sense for: app containers and sidecars of long-running
 * workloads. Plain init containers cannot have probes, and pods that run to
 * completion (Jobs, CronJobs, Pods with restartPolicy Never/OnFailure) are not
 * restarted or put behind a Service.
 */
function probedContainers(ctx: ObjectContext): ContainerRef[] {
  if (RUN_TO_COMPLETION_KINDS.has(ctx.id.kind)) return [];
  const pod = podSpecOf(ctx.id.kind, ctx.object);
  if (!pod) return [];
  if (ctx.id.kind === 'Pod' && (pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure')) return [];
  return containersOf(pod).filter((c) => c.role !== 'init');
}

export const missingLivenessProbe: ObjectRule = {
  id: 'missing-liveness-probe',
  severity: 'warning',
  category: 'health',
  title: 'A long-running container has no liveness probe.',
  docs: {
    why: 'Without a liveness probe the kubelet only restarts a container when its process exits; a deadlocked or wedged process keeps running, and serving errors, forever.',
    fix: 'Add a `livenessProbe` that checks the process is alive (an HTTP health endpoint or a TCP port), with a generous `failureThreshold`, and a `startupProbe` if the app starts slowly.',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    livenessProbe:\n      httpGet:\n        path: /healthz\n        port: 8080',
  },
  check(ctx) {
    for (const ref of probedContainers(ctx)) {
      if (ref.container.livenessProbe) continue;
      ctx.report(containerAnchor(ctx.doc, ref), `${describeContainer(ref)} has no liveness probe.`, { fixes: fixes(probeFix(ctx.doc, ref, 'livenessProbe')) });
    }
  },
};

export const missingReadinessProbe: ObjectRule = {
  id: 'missing-readiness-probe',
  severity: 'warning',
  category: 'health',
  title: 'A long-running container has no readiness probe.',
  docs: {
    why: 'Without a readiness probe a pod receives Service traffic as soon as its containers start, before the app can answer, and keeps receiving it while the app is overloaded or broken; rolling updates also proceed without waiting for the new pods to work.',
    fix: 'Add a `readinessProbe` that checks the app can serve (an HTTP endpoint or a TCP port).',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    readinessProbe:\n      httpGet:\n        path: /ready\n        port: 8080',
  },
  check(ctx) {
    for (const ref of probedContainers(ctx)) {
      if (ref.container.readinessProbe) continue;
      ctx.report(containerAnchor(ctx.doc, ref), `${describeContainer(ref)} has no readiness probe.`, { fixes: fixes(probeFix(ctx.doc, ref, 'readinessProbe')) });
    }
  },
};
