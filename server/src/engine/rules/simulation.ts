/**
 * The rules the simulated cluster reports (Preview Apply, `kubeplan preview`). They are not
 * checked per object: the simulation produces them, and they live here so that every sim- id
 * has its docs entry in docs/rules.md like every other rule.
 */
import type { RuleMeta } from './rule';

const sim = (id: string, severity: RuleMeta['severity'], title: string, docs: RuleMeta['docs']): RuleMeta => ({ id, severity, category: 'simulation', title, docs });

export const SIMULATION_RULES: readonly RuleMeta[] = [
  sim('sim-apply-error', 'error', 'The simulated API server refuses an object, or a controller cannot create its pods.', {
    why: 'The API server runs admission on every object: a namespace that does not exist, a LimitRange min/max the containers break, a ServiceAccount that is missing. The object (or its pods) is never created, and the workload never runs.',
    fix: 'Read the API server message in the finding: create the namespace or ServiceAccount, or bring requests and limits within the LimitRange.',
    bad: 'metadata:\n  name: web\n  namespace: shop   # no Namespace "shop" anywhere',
    good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
  }),
  sim('sim-quota-exceeded', 'error', 'A ResourceQuota refuses some of the pods.', {
    why: 'When the namespace quota is used up, the ReplicaSet controller cannot create more pods ("exceeded quota"); the Deployment stays below its replica count with no pod to show for it, only FailedCreate events.',
    fix: 'Lower the replicas or the requests, or raise the quota (the finding names the quota and the resource).',
    bad: 'spec:\n  hard:\n    requests.cpu: "2"\n# and a Deployment of 4 replicas × 1 CPU',
    good: 'spec:\n  hard:\n    requests.cpu: "4"',
  }),
  sim('sim-unschedulable', 'error', 'Pods stay Pending: no node fits them (kube-scheduler\'s reason).', {
    why: 'The scheduler finds no node with enough free cpu/memory, an untolerated taint, or a node selector/affinity nothing matches; the pods wait forever (or until the cluster changes).',
    fix: 'Lower the requests or replicas, add nodes (or a NodePool for the cluster autoscaler), or fix the selector/tolerations named in the message.',
    bad: 'resources:\n  requests:\n    cpu: "3"   # × 4 replicas on three 4-CPU nodes',
    good: 'resources:\n  requests:\n    cpu: 500m',
  }),
  sim('sim-liveness-kills-startup', 'error', 'The liveness probe kills the container before the app finishes starting.', {
    why: 'Liveness probes start counting as soon as the container starts; an app slower to start than initialDelaySeconds + failureThreshold × periodSeconds is killed and restarted forever (CrashLoopBackOff) without ever serving.',
    fix: 'Add a startupProbe that allows the start-up time (liveness and readiness wait for it), or raise initialDelaySeconds / failureThreshold.',
    bad: 'annotations:\n  sim.kubeplan.dev/startup-seconds: "30"\n...\nlivenessProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  initialDelaySeconds: 5',
    good: 'startupProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  failureThreshold: 12\n  periodSeconds: 5',
  }),
  sim('sim-startup-probe-fails', 'error', 'The startup probe gives up before the app has started.', {
    why: 'A startup probe kills the container after failureThreshold × periodSeconds without success; an app that needs longer never starts.',
    fix: 'Raise failureThreshold (or periodSeconds) so that their product exceeds the start-up time.',
    bad: 'startupProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  failureThreshold: 3   # 30 s, the app needs 60 s',
    good: 'startupProbe:\n  httpGet: { path: /healthz, port: 8080 }\n  failureThreshold: 12',
  }),
  sim('sim-crash-loop', 'error', 'A container keeps exiting and restarts in CrashLoopBackOff.', {
    why: 'The kubelet restarts a crashed container with a back-off of 10 s doubling to 5 minutes; the pod is rarely Ready and its Service loses the endpoint.',
    fix: 'Fix the crash (the simulation follows sim.kubeplan.dev/exit-after-seconds); for run-to-completion work use a Job.',
    bad: 'annotations:\n  sim.kubeplan.dev/exit-after-seconds: "20"',
    good: 'annotations:\n  sim.kubeplan.dev/startup-seconds: "5"',
  }),
  sim('sim-oom-killed', 'error', 'A container uses more memory than its limit and is OOM-killed.', {
    why: 'The kernel kills a container that exceeds its memory limit (OOMKilled, exit code 137); it restarts into CrashLoopBackOff.',
    fix: 'Raise resources.limits.memory above what the app uses (sim.kubeplan.dev/memory), or make the app use less.',
    bad: 'annotations:\n  sim.kubeplan.dev/memory: 300Mi\n...\nlimits:\n  memory: 128Mi',
    good: 'limits:\n  memory: 512Mi',
  }),
  sim('sim-no-ready-endpoints', 'warning', 'A Service has no ready endpoints (never, for a long start, or during a disruption).', {
    why: 'Traffic to a Service with no ready endpoint fails: its selector matches no pod, the pods never become Ready, or they all go away at once during a rollout or a node failure.',
    fix: 'Check the selector against the pod labels, fix readiness, and keep enough replicas (and maxUnavailable low) to survive disruptions.',
    bad: 'spec:\n  selector:\n    app: web-frontend   # pods are labelled app: web',
    good: 'spec:\n  selector:\n    app: web',
  }),
  sim('sim-hpa-no-metrics', 'warning', 'A HorizontalPodAutoscaler cannot compute its metric.', {
    why: 'CPU or memory utilization is measured against the pods\' requests; without requests the HPA reports FailedGetResourceMetric and never scales.',
    fix: 'Set resources.requests for the metric\'s resource on every container of the target, or use an AverageValue target.',
    bad: 'metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: { type: Utilization, averageUtilization: 70 }\n# target containers have no cpu request',
    good: 'resources:\n  requests:\n    cpu: 250m',
  }),
  sim('sim-evicted-first', 'warning', 'Under node memory pressure this pod is evicted first.', {
    why: 'When a node runs out of memory the kubelet evicts pods whose use exceeds their requests first (BestEffort, then Burstable), by priority and by how far over their request they are.',
    fix: 'Set memory requests close to real use (Guaranteed QoS for critical pods) and leave headroom on nodes.',
    bad: 'containers:\n  - name: cache\n    image: redis:7   # no requests: BestEffort',
    good: 'resources:\n  requests:\n    memory: 1Gi\n  limits:\n    memory: 1Gi',
  }),
  sim('sim-bad-annotation', 'warning', 'A sim.kubeplan.dev/ annotation is malformed or unknown.', {
    why: 'The simulation reads how the app behaves (start-up time, memory, CPU, crashes, load curve) from these annotations; a value it cannot read falls back to the default and the preview may not show what you meant.',
    fix: 'Use one of the documented keys with a valid value: seconds as a number ("30"), quantities as Kubernetes quantities ("256Mi", "250m"), cpu-curve as "seconds:cpu,..."',
    bad: 'annotations:\n  sim.kubeplan.dev/startup-seconds: "half a minute"',
    good: 'annotations:\n  sim.kubeplan.dev/startup-seconds: "30"',
  }),
  sim('sim-statefulset-stuck', 'warning', 'StatefulSet pods stay Terminating on a failed node and are not replaced.', {
    why: 'When a node stops responding, its pods are evicted after their 300 s toleration but stay Terminating: only the node\'s kubelet could confirm they stopped. A Deployment replaces them at once; a StatefulSet does not, because its pods have stable identities (name, volumes) and two pods with one identity could corrupt data. The replica stays missing until someone confirms the node is gone.',
    fix: 'Plan for it: delete the dead Node object (podgc then removes its pods), force-delete the pod (kubectl delete pod NAME --force --grace-period=0) once you know the node is down, or taint the node node.kubernetes.io/out-of-service=nodeshutdown:NoExecute; run enough replicas to keep quorum meanwhile.',
    bad: 'kind: StatefulSet\nspec:\n  replicas: 1   # a node failure leaves it with none until someone intervenes',
    good: 'kind: StatefulSet\nspec:\n  replicas: 3   # quorum survives one node',
  }),
  sim('sim-budget-exceeded', 'warning', 'The simulation hit its event budget before the cluster settled.', {
    why: 'The simulator bounds the events it processes so that it always finishes; what happens after the budget is not shown.',
    fix: 'Preview fewer objects at once, or raise the budget (CLI: --max-events).',
  }),
];
