/**
 * What the simulation means for the user's manifests: sim- findings, each pointing at the
 * manifest line that causes it (the probe, the resources, the replicas...).
 */
import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import { formatBytes } from '../../kube/quantity';
import { podSpecOf } from '../../kube/podSpec';
import { SIM_ANNOTATIONS, SIM_PREFIX, unknownSimAnnotations } from '../app/annotations';

import { formatSelector } from '../labels';
import { controllerOf, keyOf, secondsOf, type KObject } from '../objects';
import { agree, plural } from '../../text/plural';
import type { SimFinding } from '../result';
import type { ApplyError, Simulation } from '../simulation';
import { kindOf, podMetaPath, podPath, sourceAt } from './sources';

type PodObject = Pod & KObject;

/** A Service taking longer than this to get its first ready endpoint is worth an info. */
export const SLOW_ENDPOINTS_SECONDS = 30;

function containerIndex(sim: Simulation, topRef: string, name: string): number {
  const obj = sim.store.get(kindOf(topRef), topRef.slice(kindOf(topRef).length + 1));
  const pod = obj && podSpecOf(obj.kind, obj);
  const i = pod?.spec.containers?.findIndex((c: Container) => c.name === name) ?? -1;
  return i < 0 ? 0 : i;
}


export function collectFindings(sim: Simulation, extra: SimFinding[] = []): SimFinding[] {
  const out: SimFinding[] = [...extra];
  const seen = new Set<string>();
  const add = (f: SimFinding) => {
    const key = `${f.rule}\u0000${f.object}\u0000${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };

  // objects the API server refused; a missing namespace refuses every object in it: one finding per namespace
  const missingNamespaces = new Map<string, ApplyError[]>();
  for (const e of sim.applyErrors) {
    const ns = /^namespaces "(.*)" not found$/.exec(e.message)?.[1];
    if (ns !== undefined) missingNamespaces.set(ns, [...(missingNamespaces.get(ns) ?? []), e]);
  }
  for (const [ns, errors] of missingNamespaces) {
    const first = [...errors].sort(bySourcePosition)[0]!;
    const others = errors.length - 1;
    const source = first.locator ? { file: first.locator.file, range: first.locator.rangeOf(first.locator.has(['metadata', 'namespace']) ? ['metadata', 'namespace'] : ['metadata', 'name']) } : undefined;
    const also = others > 0 ? ` (as ${agree(others, 'is', 'are')} ${plural(others, 'other object')} in it)` : '';
    add({ rule: 'sim-apply-error', severity: 'error', message: `${first.object} is refused: ${first.message}${also}: define the Namespace "${ns}" (kind: Namespace) in your manifests, or list it in the cluster file`, object: first.object, ...(source ? { source } : {}) });
  }
  for (const e of sim.applyErrors) {
    if (/^namespaces ".*" not found$/.test(e.message)) continue;
    const quota = /exceeded quota|failed quota/.test(e.message);
    // "… is invalid: spec.schedule: Invalid value: …" points at that field
    const field = /is invalid: ([A-Za-z.]+): /.exec(e.message)?.[1]?.split('.');
    const path = field && e.locator?.has(field) ? field : ['metadata', 'name'];
    const source = e.locator ? { file: e.locator.file, range: e.locator.rangeOf(path) } : undefined;
    add({ rule: quota ? 'sim-quota-exceeded' : 'sim-apply-error', severity: 'error', message: `${e.object} is refused: ${e.message}`, object: e.object, ...(source ? { source } : {}) });
  }

  // pods a controller could not create
  const failedCreate = new Map<string, string>();
  // indexed loops over the run's events and pods (tens of thousands): this runs once per simulation, unoptimized,
  // where for-of would allocate an iterator result per element
  const events = sim.events.events;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i]!;
    if (ev.reason !== 'FailedCreate') continue;
    const [kind, ns, name] = ev.object.split('/');
    const obj = sim.store.get(kind!, `${ns}/${name}`);
    const top = obj ? sim.topOwnerRef(obj) : ev.object;
    failedCreate.set(top, ev.message.replace(/^Error creating: /, ''));
  }
  for (const [top, message] of failedCreate) {
    const quota = /exceeded quota|failed quota/.test(message);
    const kind = kindOf(top);
    const workload = sim.store.get(kind, top.slice(kind.length + 1));
    const want = (workload?.spec as { replicas?: number } | undefined)?.replicas;
    const have = [...sim.store.byIndex<PodObject>('pod-namespace', workload?.metadata.namespace ?? '')].filter((p) => sim.topOwnerRef(p) === top).length;
    const missing = want !== undefined && want > have ? `${want - have} of ${plural(want, 'replica')} ${agree(want - have, 'is', 'are')} never created: ` : 'pods are not created: ';
    const source = quota ? sourceAt(sim, top, ['spec', 'replicas'], podPath(kind, 'containers', 0, 'resources')) : sourceAt(sim, top, podPath(kind, 'serviceAccountName'), podPath(kind, 'containers', 0, 'resources'), ['spec', 'replicas']);
    add({ rule: quota ? 'sim-quota-exceeded' : 'sim-apply-error', severity: 'error', message: `${missing}${message}`, object: top, ...(source ? { source } : {}) });
  }

  // pods that stay Pending
  const pending = new Map<string, { pods: PodObject[]; message: string }>();
  const totals = new Map<string, number>();
  const pods = sim.store.list<PodObject>('Pod');
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const top = sim.topOwnerRef(pod);
    totals.set(top, (totals.get(top) ?? 0) + 1);
    if (pod.spec?.nodeName) continue;
    const message = sim.scheduler.explanation(pod.metadata.uid!)?.message;
    if (!message) continue;
    const g = pending.get(top) ?? { pods: [], message };
    g.pods.push(pod);
    g.message = message;
    pending.set(top, g);
  }
  for (const [top, g] of pending) {
    const kind = kindOf(top);
    const total = totals.get(top) ?? g.pods.length;
    const what = kind === 'Pod' ? 'stays Pending' : `${g.pods.length} of ${plural(total, 'replica')} ${agree(g.pods.length, 'stays', 'stay')} Pending`;
    const resource = /Insufficient (cpu|memory)/.exec(g.message)?.[1];
    const paths = resource
      ? (() => {
          const spec = g.pods[0]!.spec;
          const i = Math.max(0, (spec?.containers ?? []).findIndex((c) => c.resources?.requests?.[resource] !== undefined));
          return [podPath(kind, 'containers', i, 'resources', 'requests', resource), podPath(kind, 'containers', i, 'resources')];
        })()
      : /taint/.test(g.message)
        ? [podPath(kind, 'tolerations'), podPath(kind, 'containers')]
        : /affinity|selector/.test(g.message)
          ? [podPath(kind, 'nodeSelector'), podPath(kind, 'affinity')]
          : [['spec', 'replicas']];
    const source = sourceAt(sim, top, ...paths, ['spec', 'replicas']);
    add({ rule: 'sim-unschedulable', severity: 'error', message: `${what}: ${g.message}`, object: top, ...(source ? { source } : {}) });
  }

  // containers that end badly
  const perContainer = new Map<string, typeof sim.containerEnds>();
  for (const end of sim.containerEnds) {
    const pod = sim.store.get<PodObject>('Pod', end.pod);
    const top = pod ? sim.topOwnerRef(pod) : end.owner ? `${end.owner.split('/')[0]}/${end.pod.split('/')[0]}/${end.owner.split('/')[1]}` : `Pod/${end.pod}`;
    const key = `${top}\u0000${end.container}`;
    const list = perContainer.get(key) ?? [];
    list.push(end);
    perContainer.set(key, list);
  }
  for (const [key, ends] of perContainer) {
    const [top, container] = key.split('\u0000') as [string, string];
    const kind = kindOf(top);
    const i = containerIndex(sim, top, container);
    const first = ends[0]!;
    const ready = first.behaviour.startupSeconds;
    const liveness = ends.find((e) => e.reason === 'Liveness');
    if (liveness) {
      const source = sourceAt(sim, top, podPath(kind, 'containers', i, 'livenessProbe'));
      add({
        rule: 'sim-liveness-kills-startup',
        severity: 'error',
        message: `liveness probe will kill container "${container}" before it finishes starting: ready after ${ready} s, killed at ${round(liveness.at - liveness.startedAt)} s (add a startupProbe, or raise initialDelaySeconds or failureThreshold)`,
        object: top,
        ...(source ? { source } : {}),
      });
    }
    const startup = ends.find((e) => e.reason === 'Startup');
    if (startup) {
      const source = sourceAt(sim, top, podPath(kind, 'containers', i, 'startupProbe'));
      add({
        rule: 'sim-startup-probe-fails',
        severity: 'error',
        message: `startup probe gives up on container "${container}" before it starts: ready after ${ready} s, killed at ${round(startup.at - startup.startedAt)} s (raise failureThreshold × periodSeconds above ${ready} s)`,
        object: top,
        ...(source ? { source } : {}),
      });
    }
    const oom = ends.find((e) => e.reason === 'OOMKilled');
    if (oom) {
      const obj = sim.store.get(kind, top.slice(kind.length + 1));
      const spec = obj && podSpecOf(kind, obj);
      const limit = spec?.spec.containers?.[i]?.resources?.limits?.memory;
      const source = sourceAt(sim, top, podPath(kind, 'containers', i, 'resources', 'limits', 'memory'), podPath(kind, 'containers', i, 'resources'));
      add({
        rule: 'sim-oom-killed',
        severity: 'error',
        message: `container "${container}" is OOMKilled ${plural(ends.filter((e) => e.reason === 'OOMKilled').length, 'time')}: it uses ${formatBytes(oom.behaviour.memoryBytes)} but its memory limit is ${limit ?? 'lower'}`,
        object: top,
        ...(source ? { source } : {}),
      });
    }
    const exits = ends.filter((e) => e.reason === 'Exited' && e.exitCode !== 0);
    if (exits.length >= 2) {
      const source = sourceAt(sim, top, podMetaPath(kind, 'annotations', `${SIM_PREFIX}exit-after-seconds.${container}`), podMetaPath(kind, 'annotations', `${SIM_PREFIX}exit-after-seconds`), podPath(kind, 'containers', i, 'name'));
      add({
        rule: 'sim-crash-loop',
        severity: 'error',
        message: `container "${container}" exits with code ${exits[0]!.exitCode} after ${round(exits[0]!.at - exits[0]!.startedAt)} s and restarts in CrashLoopBackOff: ${plural(exits.length, 'crash')} in ${round(sim.clock.now)} s`,
        object: top,
        ...(source ? { source } : {}),
      });
    }
  }

  // StatefulSet pods stuck Terminating on a node that stopped: the StatefulSet controller recreates a pod only once
  // the old object is gone (stateful_set_control.go), which needs the kubelet, a force delete or podgc (deleted or
  // out-of-service node, pkg/controller/podgc)
  const stuck = new Map<string, { pods: PodObject[]; node: string; since: number }>();
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    const node = pod.spec?.nodeName;
    if (!pod.metadata.deletionTimestamp || !node || sim.kubelets.get(node)?.alive !== false) continue;
    if (controllerOf(pod)?.kind !== 'StatefulSet') continue;
    const top = sim.topOwnerRef(pod);
    const g = stuck.get(top) ?? { pods: [], node, since: secondsOf(pod.metadata.deletionTimestamp) };
    g.pods.push(pod);
    stuck.set(top, g);
  }
  for (const [top, g] of stuck) {
    const names = g.pods.map((p) => p.metadata.name).sort();
    const source = sourceAt(sim, top, ['spec', 'replicas']);
    add({
      rule: 'sim-statefulset-stuck',
      severity: 'warning',
      message: `${plural(names.length, 'pod')} (${names.join(', ')}) ${agree(names.length, 'stays', 'stay')} Terminating on the failed node ${g.node} from ${round(g.since)} s and ${agree(names.length, 'is', 'are')} not replaced: a StatefulSet never runs two pods with one identity, so it waits until the old pod is gone — delete the Node object, force-delete the pod (kubectl delete pod --force --grace-period=0) or taint the node node.kubernetes.io/out-of-service`,
      object: top,
      ...(source ? { source } : {}),
    });
  }

  // Services without ready endpoints
  for (const svc of sim.store.list<Service & KObject>('Service')) {
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    const ref = `Service/${keyOf(svc)}`;
    const st = sim.endpoints.state.get(keyOf(svc));
    const source = sourceAt(sim, ref, ['spec', 'selector']);
    const name = `Service ${svc.metadata.name}`;
    if (!st || st.firstReadyAt === undefined) {
      const pods = st ? st.notReady.length : 0;
      const why = pods === 0 ? `no running pod matches its selector ${formatSelector(selector)}` : `its ${plural(pods, 'pod')} never ${agree(pods, 'becomes', 'become')} Ready`;
      add({ rule: 'sim-no-ready-endpoints', severity: 'warning', message: `${name} has no ready endpoints: ${why}`, object: ref, ...(source ? { source } : {}) });
      continue;
    }
    if (st.firstReadyAt >= SLOW_ENDPOINTS_SECONDS) add({ rule: 'sim-no-ready-endpoints', severity: 'info', message: `${name} has no ready endpoints for the first ${round(st.firstReadyAt)} s`, object: ref, ...(source ? { source } : {}) });
    for (const o of st.outages.slice(1)) {
      const to = o.to ?? sim.clock.now;
      add({ rule: 'sim-no-ready-endpoints', severity: 'warning', message: `${name} has no ready endpoints from ${round(o.from)} s to ${o.to === undefined ? 'the end' : `${round(to)} s`} (${round(to - o.from)} s)`, object: ref, ...(source ? { source } : {}) });
    }
  }

  // the first pods evicted under memory pressure, per node
  for (const m of sim.evictionManagers.values()) {
    const first = m.evictions[0];
    if (!first) continue;
    const [, ns, name] = first.pod.split('/');
    const pod = sim.store.get<PodObject>('Pod', `${ns}/${name}`);
    const top = pod ? sim.topOwnerRef(pod) : first.pod;
    const kind = kindOf(top);
    const source = sourceAt(sim, top, podPath(kind, 'containers', 0, 'resources', 'requests', 'memory'), podPath(kind, 'containers', 0, 'resources'), podPath(kind, 'containers', 0, 'name'));
    add({
      rule: 'sim-evicted-first',
      severity: 'warning',
      message: `evicted first under memory pressure on ${first.node}: ${first.qos}, uses ${formatBytes(first.usage)} and requests ${first.request ? formatBytes(first.request) : 'no memory'}`,
      object: top,
      ...(source ? { source } : {}),
    });
  }

  // autoscalers that cannot compute their metric
  for (const [key, st] of sim.hpa.state) {
    if (!st.metricError) continue;
    const ref = `HorizontalPodAutoscaler/${key}`;
    const source = sourceAt(sim, ref, ['spec', 'metrics', 0, 'resource', 'target'], ['spec', 'targetCPUUtilizationPercentage'], ['spec', 'metrics'], ['spec', 'scaleTargetRef']);
    add({ rule: 'sim-hpa-no-metrics', severity: 'warning', message: `HorizontalPodAutoscaler ${key.split('/')[1]} cannot scale: ${st.metricError} (utilization is measured against requests)`, object: ref, ...(source ? { source } : {}) });
  }

  // simulation annotations that are malformed or unknown
  for (const [top, problems] of sim.annotationProblems) {
    const kind = kindOf(top);
    for (const p of problems) {
      const source = sourceAt(sim, top, podMetaPath(kind, 'annotations', p.key));
      add({ rule: 'sim-bad-annotation', severity: 'warning', message: `${p.message}; the default is used`, object: top, ...(source ? { source } : {}) });
    }
  }
  for (const [top] of sim.sources) {
    const kind = kindOf(top);
    const obj = sim.store.get(kind, top.slice(kind.length + 1));
    const pod = obj && podSpecOf(kind, obj);
    if (!obj || !pod) continue;
    const meta = podMetaPath(kind);
    let annotations: Record<string, string> | undefined = obj as unknown as Record<string, string>;
    for (const seg of [...meta, 'annotations']) annotations = (annotations as unknown as Record<string, Record<string, string>> | undefined)?.[seg as string];
    for (const key of unknownSimAnnotations(annotations, (pod.spec.containers ?? []).map((c) => c.name))) {
      const source = sourceAt(sim, top, podMetaPath(kind, 'annotations', key));
      add({ rule: 'sim-bad-annotation', severity: 'warning', message: `unknown simulation annotation ${key} (known: ${SIM_ANNOTATIONS.join(', ')}, optionally suffixed with .<container>)`, object: top, ...(source ? { source } : {}) });
    }
  }
  return out;
}

/** Manifest order: file, then line (objects without a source last). */
function bySourcePosition(a: ApplyError, b: ApplyError): number {
  const pa = a.source;
  const pb = b.source;
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  if (pa.file !== pb.file) return pa.file < pb.file ? -1 : 1;
  return pa.range.start.line - pb.range.start.line;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

