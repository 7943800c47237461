/** The SimulationResult of a finished run: pods, nodes, Services, events, timeline, findings. */
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { isPodReady, keyOf, type KObject } from '../objects';
import { podResources, qosClass, resourceKey, type PodRequests, type QOSClass } from '../resources';
import type { AutoscalerResult, NodeResult, PodResult, ServiceResult, SimFinding, SimulationResult } from '../result';
import type { HpaObject } from '../controllers/hpa';
import type { Simulation } from '../simulation';
import { collectFindings } from './findings';
import { sourceAt } from './sources';

type PodObject = Pod & KObject;

/** A pod's requests and QoS class, worked out once per pod for the whole result (its pod entry and its node's totals). */
type ResourceFacts = (pod: PodObject) => { requests: PodRequests; qos: QOSClass };

function resourceFacts(sim: Simulation): ResourceFacts {
  const known = new WeakMap<PodObject, { requests: PodRequests; qos: QOSClass }>();
  return (pod) => {
    let facts = known.get(pod);
    if (facts === undefined) {
      // a placed pod's key was worked out when the scheduler parsed it (its resources do not change once created)
      const key = sim.scheduler.snapshot.podInfoOf(pod, keyOf(pod))?.resourceKey ?? resourceKey(pod.spec);
      known.set(pod, (facts = { requests: podResources(pod.spec, key).requests, qos: qosClass(pod, key) }));
    }
    return facts;
  };
}

function podResult(sim: Simulation, pod: PodObject, resources: ResourceFacts): PodResult {
  const { requests: req, qos } = resources(pod);
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.find((c) => c.state?.waiting && c.state.waiting.reason !== 'ContainerCreating' && c.state.waiting.reason !== 'PodInitializing')?.state?.waiting;
  const terminated = statuses.find((c) => c.state?.terminated)?.state?.terminated;
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  let reason: string | undefined;
  let message: string | undefined;
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  else if (pod.status?.reason) {
    reason = pod.status.reason;
    message = pod.status.message;
  } else if (scheduled?.status === 'False') {
    reason = scheduled.reason;
    message = scheduled.message;
  } else if (waiting) {
    reason = waiting.reason;
    message = waiting.message;
  } else if (terminated) reason = terminated.reason;
  else if (!isPodReady(pod) && pod.spec?.nodeName) reason = statuses.some((c) => c.state?.running) ? 'NotReady' : 'ContainerCreating';
  const explanation = sim.scheduler.explanation(pod.metadata.uid!);
  const owner = sim.ownerOf(pod);
  const source = sourceAt(sim, sim.topOwnerRef(pod, owner), ['metadata', 'name']);
  // keys added in the order the result has always had them, optional ones only when set (no conditional spreads:
  // each built a throw-away object, ten thousand pods times five)
  const out = {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    owner,
    node: pod.spec?.nodeName ?? null,
    phase: (pod.status?.phase ?? 'Pending') as PodResult['phase'],
    ready: isPodReady(pod),
    restarts: statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0),
  } as PodResult;
  if (reason) out.reason = reason;
  if (message) out.message = message;
  out.requests = requestsOf(req);
  out.qosClass = qos;
  if (explanation) out.scheduling = explanation;
  if (pod.status?.nominatedNodeName) out.nominatedNode = pod.status.nominatedNodeName;
  if (source) out.source = source;
  return out;
}

/** A pod result's requests, one frozen object per requests object (pods of one shape share theirs). */
function requestsOf(req: PodRequests): PodResult['requests'] {
  let shown = SHOWN_REQUESTS.get(req);
  if (shown === undefined) SHOWN_REQUESTS.set(req, (shown = Object.freeze({ cpu: req.cpu, memory: req.memory })));
  return shown;
}

const SHOWN_REQUESTS = new WeakMap<PodRequests, PodResult['requests']>();

function nodeResult(sim: Simulation, node: Node & KObject, resources: ResourceFacts): NodeResult {
  const pods = [...sim.store.byIndex<PodObject>('pod-node', node.metadata.name)].filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const requested = { cpu: 0, memory: 0, pods: pods.length };
  const used = { cpu: 0, memory: 0, pods: 0 };
  const kubelet = sim.kubelets.get(node.metadata.name);
  for (const p of pods) {
    const r = resources(p).requests;
    requested.cpu += r.cpu;
    requested.memory += r.memory;
    if (kubelet?.alive) {
      const u = kubelet.podUsage(p);
      used.cpu += u.cpu;
      used.memory += u.memory;
      if (u.cpu || u.memory) used.pods++;
    }
  }
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const alloc = sim.scheduler.snapshot.nodeInfo(node.metadata.name)?.allocatable;
  return {
    name: node.metadata.name,
    labels: { ...(node.metadata.labels ?? {}) },
    taints: (node.spec?.taints ?? []).map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })),
    ready: !ready || ready.status === 'True',
    unschedulable: node.spec?.unschedulable === true,
    allocatable: { cpu: alloc?.cpu ?? 0, memory: alloc?.memory ?? 0, pods: alloc?.pods ?? 0 },
    requested,
    used,
    pods: pods.map((p) => keyOf(p)).sort(),
  };
}

function serviceResult(sim: Simulation, svc: Service & KObject, ingresses: (Ingress & KObject)[]): ServiceResult {
  const ns = svc.metadata.namespace ?? 'default';
  const st = sim.endpoints.state.get(keyOf(svc));
  const routes: string[] = [];
  for (const ing of ingresses) {
    if ((ing.metadata.namespace ?? 'default') !== ns) continue;
    if (ing.spec?.defaultBackend?.service?.name === svc.metadata.name) routes.push(`${keyOf(ing)} *`);
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) if (p.backend.service?.name === svc.metadata.name) routes.push(`${keyOf(ing)} ${rule.host ?? '*'}${p.path ?? '/'}`);
    }
  }
  const source = sourceAt(sim, `Service/${keyOf(svc)}`, ['metadata', 'name']);
  return {
    namespace: ns,
    name: svc.metadata.name,
    dns: `${svc.metadata.name}.${ns}.svc.cluster.local`,
    type: svc.spec?.type ?? 'ClusterIP',
    selector: { ...(svc.spec?.selector ?? {}) },
    ports: (svc.spec?.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: { ready: [...(st?.ready ?? [])], notReady: [...(st?.notReady ?? [])] },
    ingresses: routes,
    ...(source ? { source } : {}),
  };
}

function autoscalerResult(sim: Simulation, hpa: HpaObject): AutoscalerResult {
  const st = sim.hpa.state.get(keyOf(hpa));
  const ref = hpa.spec?.scaleTargetRef;
  const target = ref ? sim.store.get<KObject & { spec?: { replicas?: number } }>(ref.kind, `${hpa.metadata.namespace}/${ref.name}`) : undefined;
  const source = sourceAt(sim, `HorizontalPodAutoscaler/${keyOf(hpa)}`, ['metadata', 'name']);
  return {
    namespace: hpa.metadata.namespace ?? 'default',
    name: hpa.metadata.name,
    target: ref ? `${ref.kind}/${ref.name}` : '',
    minReplicas: hpa.spec?.minReplicas ?? 1,
    maxReplicas: hpa.spec?.maxReplicas ?? 1,
    currentReplicas: target?.spec?.replicas ?? 0,
    desiredReplicas: hpa.status?.desiredReplicas ?? target?.spec?.replicas ?? 0,
    conditions: (hpa.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) })),
    history: [...(st?.samples ?? [])],
    ...(source ? { source } : {}),
  };
}

export function buildResult(sim: Simulation, scenario: string, extraFindings: SimFinding[]): SimulationResult {
  const ingresses = sim.store.list<Ingress & KObject>('Ingress');
  // keys built once, not twice per comparison (ten thousand pods take ~140,000 comparisons)
  const keyed = sim.store.list<PodObject>('Pod').map((pod) => ({ pod, key: keyOf(pod) }));
  const pods = keyed.sort((a, b) => (a.key < b.key ? -1 : 1)).map((k) => k.pod);
  const resources = resourceFacts(sim);
  return {
    scenario,
    duration: sim.clock.now,
    pods: pods.map((p) => podResult(sim, p, resources)),
    nodes: sim.store.list<Node & KObject>('Node').map((n) => nodeResult(sim, n, resources)),
    services: sim.store.list<Service & KObject>('Service').map((s) => serviceResult(sim, s, ingresses)),
    events: [...sim.events.events],
    timeline: sim.timeline.intervals(sim.clock.now),
    findings: collectFindings(sim, extraFindings),
    autoscalers: sim.store.list<HpaObject>('HorizontalPodAutoscaler').map((h) => autoscalerResult(sim, h)),
    nodePoolScaling: [...(sim.autoscaler?.history ?? [])],
    evictions: [...sim.evictionManagers.values()].flatMap((m) => m.evictions).sort((a, b) => a.time - b.time).map((e) => ({ time: e.time, node: e.node, pod: e.pod, qosClass: e.qos, usage: e.usage, request: e.request })),
    applyErrors: sim.applyErrors.map((e) => ({ object: e.object, message: e.message, ...(e.source ? { source: e.source } : {}) })),
  };
}
