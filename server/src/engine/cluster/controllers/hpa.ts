/**
 * HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go and
 * replica_calculator.go), every 15 s (--horizontal-pod-autoscaler-sync-period):
 * - utilization = Σ usage / Σ requests of the ready pods (a pod without a request for the
 *   resource makes the metric fail: FailedGetResourceMetric, "missing request for cpu ...");
 * - ratio = utilization / target; within 10 % tolerance nothing changes; otherwise
 *   desired = ceil(ratio × ready pods), with not-yet-ready pods counted at 0 use when scaling up;
 * - scale-down stabilization: the highest recommendation of the last 300 s
 *   (behavior.scaleDown.stabilizationWindowSeconds when set);
 * - scale-up limited to max(2 × current, 4) per sync; then min/max replicas.
 * AverageValue targets compare the mean use per pod and need no requests.
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { bytes, cpuMillis } from '../../kube/quantity';
import { selectorMatches } from '../labels';
import { isPodReady, keyOf, refOf, timestamp, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import type { PodObject } from './podTemplate';

export type HpaObject = HorizontalPodAutoscaler & KObject;

export const HPA_SYNC_SECONDS = 15;
export const TOLERANCE = 0.1;
export const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;

export interface PodMetrics {
  /** Simulated use of a running pod (cpu millicores, memory bytes), or undefined when it has no metrics yet. */
  usage(pod: PodObject): { cpu: number; memory: number } | undefined;
}

interface ResourceTarget {
  resource: 'cpu' | 'memory';
  /** Percent of requests, or an average value per pod (millicores / bytes). */
  utilization?: number;
  averageValue?: number;
}

export interface HpaSample {
  time: number;
  replicas: number;
  desired: number;
  /** Current utilization in percent (or average value) of the first metric, when known. */
  metric?: number;
}

export interface HpaState {
  samples: HpaSample[];
  /** The FailedGetResourceMetric message, when the metric could not be computed. */
  metricError?: string;
  recommendations: { time: number; replicas: number }[];
}

/** replica_calculator.go: desired replicas from the ratio, with tolerance and not-ready pods. */
export function desiredReplicas(current: number, readyUsage: number, readyRequests: number, readyCount: number, unreadyRequests: number, unreadyCount: number, target: number): number {
  if (readyCount === 0 || readyRequests <= 0) return current;
  const ratio = readyUsage / readyRequests / target;
  if (unreadyCount === 0 || ratio <= 1) {
    if (Math.abs(ratio - 1) <= TOLERANCE) return current;
    return Math.ceil(ratio * readyCount);
  }
  // scaling up: not-yet-ready pods count as using nothing, which may cancel the scale-up
  const newRatio = readyUsage / (readyRequests + unreadyRequests) / target;
  if (Math.abs(newRatio - 1) <= TOLERANCE || newRatio < 1) return current;
  const desired = Math.ceil(newRatio * (readyCount + unreadyCount));
  return desired < current ? current : desired;
}

/** max(2 × current, 4) (horizontal.go calculateScaleUpLimit). */
export function scaleUpLimit(current: number): number {
  return Math.max(2 * current, 4);
}

function targetsOf(hpa: HorizontalPodAutoscaler): ResourceTarget[] {
  const out: ResourceTarget[] = [];
  const legacy = (hpa.spec as { targetCPUUtilizationPercentage?: number } | undefined)?.targetCPUUtilizationPercentage;
  if (legacy !== undefined) out.push({ resource: 'cpu', utilization: legacy });
  for (const m of hpa.spec?.metrics ?? []) {
    if (m.type !== 'Resource' || !m.resource) continue;
    const resource = m.resource.name === 'memory' ? 'memory' : m.resource.name === 'cpu' ? 'cpu' : undefined;
    if (!resource) continue;
    const t = m.resource.target;
    if (t?.type === 'Utilization' && typeof t.averageUtilization === 'number') out.push({ resource, utilization: t.averageUtilization });
    else if (t?.type === 'AverageValue' && t.averageValue !== undefined) {
      const v = resource === 'cpu' ? cpuMillis(t.averageValue) : bytes(t.averageValue);
      if (v !== undefined && v > 0) out.push({ resource, averageValue: v });
    }
  }
  // autoscaling/v2 with no metrics defaults to 80 % CPU
  if (out.length === 0 && legacy === undefined && !(hpa.spec?.metrics ?? []).length) out.push({ resource: 'cpu', utilization: 80 });
  return out;
}

export class HpaController extends Controller {
  readonly name = 'horizontalpodautoscaler';
  readonly state = new Map<string, HpaState>();

  constructor(
    host: ControllerHost,
    private readonly metrics: PodMetrics,
  ) {
    super(host);
    host.store.watch('HorizontalPodAutoscaler', (type, o) => {
      if (type === 'ADDED') this.enqueue(keyOf(o));
    });
  }

  protected sync(key: string): void {
    const hpa = this.host.store.get<HpaObject>('HorizontalPodAutoscaler', key);
    if (!hpa) return;
    const now = this.host.clock.now;
    const st = this.state.get(key) ?? { samples: [], recommendations: [] };
    this.state.set(key, st);
    const ref = hpa.spec?.scaleTargetRef;
    const ns = hpa.metadata.namespace ?? 'default';
    const target = ref ? this.host.store.get<KObject & { spec?: { replicas?: number; selector?: LabelSelector } }>(ref.kind, `${ns}/${ref.name}`) : undefined;
    let busy = false;
    if (!target) {
      this.setConditions(hpa, 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${ref ? `${ref.kind.toLowerCase()}s "${ref.name}" not found` : 'no scaleTargetRef'}`);
    } else {
      busy = this.evaluate(hpa, target, st, now);
    }
    // keep ticking in the foreground while something is about to change, else in the background
    this.enqueueAfter(key, HPA_SYNC_SECONDS, !busy);
  }

  /** Returns true when the next sync may change something (pods starting, a held scale-down). */
  private evaluate(hpa: HpaObject, target: KObject & { spec?: { replicas?: number; selector?: LabelSelector } }, st: HpaState, now: number): boolean {
    const current = target.spec?.replicas ?? 1;
    const min = hpa.spec?.minReplicas ?? 1;
    const max = hpa.spec?.maxReplicas ?? current;
    const ns = target.metadata.namespace ?? 'default';
    const selector = target.spec?.selector;
    const firstPair = Object.entries(selector?.matchLabels ?? {})[0];
    const candidates = firstPair ? this.host.store.byIndex<PodObject>('pod-label', `${ns}\u0000${firstPair[0]}=${firstPair[1]}`) : this.host.store.byIndex<PodObject>('pod-namespace', ns);
    const pods = [...candidates].filter((p) => selectorMatches(selector, p.metadata.labels) && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    let desired = current;
    let metricValue: number | undefined;
    let pending = pods.some((p) => !isPodReady(p));
    let reason = '';
    for (const t of targetsOf(hpa)) {
      let usage = 0;
      let requests = 0;
      let readyCount = 0;
      let unreadyRequests = 0;
      let unreadyCount = 0;
      let missing: string | undefined;
      for (const p of pods) {
        const containers = p.spec?.containers ?? [];
        const lacking = containers.find((c) => (t.resource === 'cpu' ? cpuMillis(c.resources?.requests?.cpu) : bytes(c.resources?.requests?.memory)) === undefined);
        if (t.utilization !== undefined && lacking && !missing) missing = `missing request for ${t.resource} in container ${lacking.name} of Pod ${p.metadata.name}`;
        const req = containers.reduce((s, c) => s + ((t.resource === 'cpu' ? cpuMillis(c.resources?.requests?.cpu) : bytes(c.resources?.requests?.memory)) ?? 0), 0);
        const u = isPodReady(p) ? this.metrics.usage(p) : undefined;
        if (u) {
          usage += u[t.resource];
          requests += req;
          readyCount++;
        } else {
          unreadyRequests += req;
          unreadyCount++;
        }
      }
      if (missing) {
        const message = `failed to get ${t.resource} utilization: ${missing}`;
        if (st.metricError !== message) {
          this.host.events.warning(refOf(hpa), 'FailedGetResourceMetric', message);
          this.host.events.warning(refOf(hpa), 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of ${targetsOf(hpa).length}), first error is: failed to get ${t.resource} resource metric value: ${message}`);
        }
        st.metricError = message;
        this.setConditions(hpa, 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${message}`);
        st.samples.push({ time: now, replicas: current, desired: current });
        return false;
      }
      if (readyCount === 0) continue;
      let proposal: number;
      if (t.utilization !== undefined) {
        const utilization = Math.ceil((usage * 100) / requests);
        metricValue ??= utilization;
        proposal = desiredReplicas(current, usage, requests, readyCount, unreadyRequests, unreadyCount, t.utilization / 100);
      } else {
        const average = usage / readyCount;
        metricValue ??= Math.round(average);
        const ratio = average / t.averageValue!;
        proposal = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil((usage / t.averageValue!));
      }
      // several metrics: the largest proposal wins (horizontal.go computeReplicasForMetrics)
      if (desired === current || proposal > desired) {
        desired = proposal;
        if (proposal > current) reason = `${t.resource} resource ${t.utilization !== undefined ? 'utilization (percentage of request)' : ''} above target`.replace('  ', ' ');
      }
    }
    if (metricValue === undefined) {
      st.samples.push({ time: now, replicas: current, desired: current });
      return pods.length > 0 && pending;
    }
    // scale-down stabilization: the highest recommendation within the window wins
    const window = hpa.spec?.behavior?.scaleDown?.stabilizationWindowSeconds ?? DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
    st.recommendations = st.recommendations.filter((r) => r.time > now - window);
    st.recommendations.push({ time: now, replicas: desired });
    let stabilized = desired;
    if (desired < current) stabilized = Math.min(current, Math.max(...st.recommendations.map((r) => r.replicas)));
    let next = Math.min(stabilized, scaleUpLimit(current));
    next = Math.max(min, Math.min(max, next));
    st.samples.push({ time: now, replicas: current, desired: next, metric: metricValue });
    this.setConditions(hpa, 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
    hpa.status = { ...(hpa.status ?? {}), currentReplicas: current, desiredReplicas: next };
    if (next !== current) {
      if (next < current || !reason) reason = next < current ? 'All metrics below target' : 'above target';
      target.spec = { ...(target.spec ?? {}), replicas: next };
      this.host.store.update(target, { specChanged: true });
      hpa.status = { ...hpa.status, lastScaleTime: timestamp(now) };
      this.host.events.normal(refOf(hpa), 'SuccessfulRescale', `New size: ${next}; reason: ${reason}`);
      pending = true;
    }
    this.host.store.update(hpa);
    return pending || stabilized !== desired;
  }

  private setConditions(hpa: HpaObject, active: 'True' | 'False', reason: string, message: string): void {
    const conditions = (hpa.status?.conditions ?? []).filter((c) => c.type !== 'ScalingActive');
    conditions.push({ type: 'ScalingActive', status: active, reason, message, lastTransitionTime: timestamp(this.host.clock.now) });
    hpa.status = { ...(hpa.status ?? { desiredReplicas: 0 }), conditions };
  }
}
