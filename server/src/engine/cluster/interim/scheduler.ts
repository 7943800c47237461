/**
 * INTERIM placement until cluster/scheduler/ (kube-scheduler's framework, built by the
 * scheduler helper) lands on main: the filters that decide most placements
 * (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit) and
 * LeastAllocated scoring, with kube-scheduler's FitError wording.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { bytes, cpuMillis } from '../../kube/quantity';
import type { SchedulingExplanation } from '../result';
import { podRequests } from './resources';

export interface NodeInfo {
  node: Node;
  pods: Map<string, Pod>;
  requested: { cpu: number; memory: number; pods: number };
}

export class ClusterSnapshot {
  private readonly infos = new Map<string, NodeInfo>();

  addNode(node: Node): void {
    const name = node.metadata!.name!;
    const prev = this.infos.get(name);
    this.infos.set(name, { node, pods: prev?.pods ?? new Map(), requested: prev?.requested ?? { cpu: 0, memory: 0, pods: 0 } });
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    this.infos.delete(name);
  }

  addPod(pod: Pod): void {
    const info = this.infos.get(pod.spec?.nodeName ?? '');
    if (!info) return;
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (info.pods.has(key)) return;
    info.pods.set(key, pod);
    const r = podRequests(pod.spec);
    info.requested.cpu += r.cpu;
    info.requested.memory += r.memory;
    info.requested.pods += 1;
  }

  removePod(pod: Pod): void {
    const info = this.infos.get(pod.spec?.nodeName ?? '');
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (!info || !info.pods.delete(key)) return;
    const r = podRequests(pod.spec);
    info.requested.cpu -= r.cpu;
    info.requested.memory -= r.memory;
    info.requested.pods -= 1;
  }

  nodeInfos(): NodeInfo[] {
    return [...this.infos.values()];
  }
}

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key === undefined || t.key === '') return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  const exprOk = (e: NodeSelectorRequirement, value: string | undefined) => {
    switch (e.operator) {
      case 'In': return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn': return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      case 'Gt': return value !== undefined && Number(value) > Number(e.values?.[0]);
      case 'Lt': return value !== undefined && Number(value) < Number(e.values?.[0]);
      default: return false;
    }
  };
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((e) => exprOk(e, labels[e.key])) && fields.every((e) => exprOk(e, e.key === 'metadata.name' ? node.metadata?.name : undefined));
}

export class Scheduler {
  schedule(pod: Pod, snapshot: ClusterSnapshot, options: { explain?: boolean } = {}): SchedulingExplanation {
    const filters: Record<string, Record<string, string>> = {};
    const reasons = new Map<string, number>();
    const feasible: NodeInfo[] = [];
    const req = podRequests(pod.spec);
    const infos = snapshot.nodeInfos();
    for (const info of infos) {
      const name = info.node.metadata!.name!;
      const result = this.filter(pod, info, req);
      if (options.explain) filters[name] = result.byPlugin;
      if (result.reasons.length === 0) feasible.push(info);
      for (const r of result.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    const scores: Record<string, Record<string, number>> = {};
    const totals: Record<string, number> = {};
    if (feasible.length === 0) {
      const parts = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
      return { filters, scores, totals, selected: null, message: `0/${infos.length} nodes are available: ${parts.join(', ')}.` };
    }
    let best: NodeInfo | undefined;
    let bestScore = -1;
    for (const info of feasible) {
      const a = allocatable(info.node);
      const frac = (used: number, cap: number) => (cap <= 0 ? 0 : Math.max(0, ((cap - used) * 100) / cap));
      // LeastAllocated counts unset requests as 100m / 200Mi (pkg/scheduler/util/pod_resources.go)
      const cpu = frac(info.requested.cpu + (req.cpu || 100), a.cpu);
      const mem = frac(info.requested.memory + (req.memory || 200 * 2 ** 20), a.memory);
      const score = Math.floor((cpu + mem) / 2);
      const name = info.node.metadata!.name!;
      scores[name] = { NodeResourcesFit: score };
      totals[name] = score;
      if (score > bestScore) {
        best = info;
        bestScore = score;
      }
    }
    return { filters, scores, totals, selected: best!.node.metadata!.name! };
  }

  private filter(pod: Pod, info: NodeInfo, req: { cpu: number; memory: number }): { reasons: string[]; byPlugin: Record<string, string> } {
    const byPlugin: Record<string, string> = {};
    const node = info.node;
    const fail = (plugin: string, ...reasons: string[]) => {
      byPlugin[plugin] = reasons.join(', ');
      return { reasons, byPlugin };
    };
    if (node.spec?.unschedulable && !tolerates(pod.spec?.tolerations ?? [], { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return fail('NodeUnschedulable', 'node(s) were unschedulable');
    byPlugin.NodeUnschedulable = 'passed';
    if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata?.name) return fail('NodeName', "node(s) didn't match the requested node name");
    const tolerations = pod.spec?.tolerations ?? [];
    const untolerated = (node.spec?.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
    if (untolerated) return fail('TaintToleration', `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`);
    byPlugin.TaintToleration = 'passed';
    const labels = node.metadata?.labels ?? {};
    const selectorOk = Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (!selectorOk || (terms && !terms.some((t) => termMatches(t, node)))) return fail('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
    byPlugin.NodeAffinity = 'passed';
    const a = allocatable(node);
    const insufficient: string[] = [];
    if (info.requested.pods + 1 > a.pods) insufficient.push('Too many pods');
    if (req.cpu > 0 && info.requested.cpu + req.cpu > a.cpu) insufficient.push('Insufficient cpu');
    if (req.memory > 0 && info.requested.memory + req.memory > a.memory) insufficient.push('Insufficient memory');
    if (insufficient.length) return fail('NodeResourcesFit', ...insufficient);
    byPlugin.NodeResourcesFit = 'passed';
    return { reasons: [], byPlugin };
  }
}

export function allocatable(node: Node): { cpu: number; memory: number; pods: number } {
  const a = node.status?.allocatable ?? node.status?.capacity ?? {};
  return { cpu: cpuMillis(a.cpu) ?? 0, memory: bytes(a.memory) ?? 0, pods: bytes(a.pods) ?? 110 };
}
