import type { NodeResult, PodResult, SimulationResult } from '../../engine/cluster/result';
import { html, join, type Html } from '../escape';
import { formatBytes, formatCpu, percent, plural } from '../format';
import { describeSource, revealAttrs, workloadOf, type SourceIndex, type WorkloadColors } from '../workloads';
import { renderPlacements } from './placements';

/** SVG bars use a fixed 1000-unit width, stretched to the element; positions need no inline styles (CSP). */
const W = 1000;

interface Resource {
  key: 'cpu' | 'memory';
  label: string;
  format: (v: number) => string;
}

const RESOURCES: Resource[] = [
  { key: 'cpu', label: 'CPU', format: formatCpu },
  { key: 'memory', label: 'Memory', format: formatBytes },
];

/** The bin-packing picture: one card per node, requested vs allocatable, pods as coloured segments, then the Pending lane. */
export function renderNodes(result: SimulationResult, colors: WorkloadColors, sources: SourceIndex): Html {
  const byNode = new Map<string, PodResult[]>();
  for (const p of result.pods) {
    if (!p.node) continue;
    const list = byNode.get(p.node) ?? [];
    list.push(p);
    byNode.set(p.node, list);
  }
  const nodes = result.nodes.map((n) => renderNode(n, byNode.get(n.name) ?? [], colors, sources));
  const pending = result.pods.filter((p) => !p.node);
  return html`<section class="panel nodes-view" id="nodes" aria-labelledby="nodes-title">
  <h2 id="nodes-title">Nodes <span class="count">${result.nodes.length}</span></h2>
  ${result.nodes.length === 0 ? html`<p class="empty">The simulated cluster has no nodes. Add Node objects to the cluster file.</p>` : html`<div class="node-grid">${nodes}</div>`}
  ${renderPendingLane(pending, colors, sources)}
  ${renderLegend(colors)}
  ${renderPlacements(result, colors, sources)}
</section>`;
}

function renderNode(node: NodeResult, pods: PodResult[], colors: WorkloadColors, sources: SourceIndex): Html {
  const sorted = [...pods].sort((a, b) => workloadOf(a).localeCompare(workloadOf(b)) || a.name.localeCompare(b.name));
  const badges: Html[] = [];
  if (!node.ready) badges.push(html`<span class="badge bad" data-status="NotReady">NotReady</span>`);
  if (node.unschedulable) badges.push(html`<span class="badge warn" data-status="SchedulingDisabled">SchedulingDisabled</span>`);
  if (node.ready && !node.unschedulable) badges.push(html`<span class="badge good" data-status="Ready">Ready</span>`);
  const taints = node.taints.length
    ? html`<ul class="taints">${node.taints.map((t) => html`<li class="taint"><code>${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}</code></li>`)}</ul>`
    : html``;
  return html`<article class="node${node.ready ? '' : ' not-ready'}" data-node="${node.name}">
  <header class="node-head"><span class="node-name">${node.name}</span>${badges}<span class="node-pods" title="pods bound / pod capacity">${node.requested.pods} / ${plural(node.allocatable.pods, 'pod')}</span></header>
  ${RESOURCES.map((r) => renderBar(r, node, sorted, colors))}
  <div class="pod-chips">${sorted.map((p) => podChip(p, colors, sources))}</div>
  ${taints}
</article>`;
}

function renderBar(r: Resource, node: NodeResult, pods: PodResult[], colors: WorkloadColors): Html {
  const allocatable = node.allocatable[r.key];
  const requested = node.requested[r.key];
  const used = node.used[r.key];
  // Overcommitted nodes (requests above allocatable) are drawn against the larger of the two, with the capacity line marked.
  const scale = Math.max(allocatable, requested, 1);
  let x = 0;
  const segments: Html[] = [];
  for (const p of pods) {
    const amount = p.requests[r.key];
    if (amount <= 0) continue;
    const w = (amount / scale) * W;
    segments.push(
      html`<rect class="pod-seg ${colors.classOf(workloadOf(p))}" data-pod="${p.namespace}/${p.name}" x="${x.toFixed(2)}" y="0" width="${Math.max(w - 1, 0.5).toFixed(2)}" height="20"><title>${p.namespace}/${p.name}: ${r.format(amount)} requested</title></rect>`,
    );
    x += w;
  }
  const usedWidth = (Math.min(used, scale) / scale) * W;
  const capacityX = (allocatable / scale) * W;
  const pct = percent(requested, allocatable);
  return html`<div class="resource ${r.key}" data-resource="${r.key}">
  <span class="res-label">${r.label}</span>
  <svg class="bar" viewBox="0 0 ${W} 24" preserveAspectRatio="none" role="img" aria-label="${r.label}: ${r.format(requested)} of ${r.format(allocatable)} requested">
    <rect class="bar-bg" x="0" y="0" width="${W}" height="20"></rect>
    ${segments}
    <rect class="bar-used" x="0" y="21" width="${usedWidth.toFixed(2)}" height="3"><title>simulated use: ${r.format(used)}</title></rect>
    ${capacityX < W ? html`<line class="bar-capacity" x1="${capacityX.toFixed(2)}" x2="${capacityX.toFixed(2)}" y1="0" y2="24"></line>` : html``}
  </svg>
  <span class="res-value${pct > 100 ? ' over' : pct >= 90 ? ' high' : ''}">${r.format(requested)} / ${r.format(allocatable)} <span class="pct">${Math.round(pct)}%</span></span>
</div>`;
}

function podChip(p: PodResult, colors: WorkloadColors, sources: SourceIndex): Html {
  const source = sources.ofPod(p);
  const status = podStatus(p);
  return html`<span class="pod-chip" data-pod="${p.namespace}/${p.name}" data-status="${status}"${revealAttrs(source)} title="${p.namespace}/${p.name} · ${workloadOf(p)} · ${status} · cpu ${formatCpu(p.requests.cpu)}, memory ${formatBytes(p.requests.memory)} · ${p.qosClass}${source ? ` · ${describeSource(source)}` : ''}"><span class="swatch ${colors.classOf(workloadOf(p))}"></span><span class="pod-name">${p.name}</span>${status !== 'Ready' ? html`<span class="pod-status status-${statusClass(status)}">${status}</span>` : html``}${p.restarts > 0 ? html`<span class="restarts" title="restarts">↻${p.restarts}</span>` : html``}</span>`;
}

/** What kubectl's STATUS column would say, roughly: the reason when there is one, else Ready/phase. */
export function podStatus(p: PodResult): string {
  if (p.reason && p.reason !== 'Unschedulable') return p.reason;
  if (!p.node) return 'Pending';
  if (p.phase === 'Running') return p.ready ? 'Ready' : 'Running';
  return p.phase;
}

export function statusClass(status: string): string {
  if (status === 'Ready' || status === 'Succeeded') return 'good';
  if (status === 'Running' || status === 'ContainerCreating' || status === 'Pending' || status === 'Completed') return 'neutral';
  return 'bad';
}

function renderPendingLane(pending: PodResult[], colors: WorkloadColors, sources: SourceIndex): Html {
  if (pending.length === 0) return html`<div class="pending-lane empty-lane" data-count="0"><h3>Pending <span class="count">0</span></h3><p class="muted">Every pod found a node.</p></div>`;
  const rows = pending.map((p) => {
    const s = p.scheduling;
    const reason = s?.message ?? p.message ?? p.reason ?? 'not scheduled';
    const perNode = s
      ? Object.entries(s.filters)
          .map(([node, plugins]) => [node, Object.entries(plugins).filter(([, v]) => v !== 'passed')] as const)
          .filter(([, failed]) => failed.length > 0)
      : [];
    return html`<div class="pending-pod" data-pod="${p.namespace}/${p.name}"${revealAttrs(sources.ofPod(p))}>
  <div class="pending-head"><span class="swatch ${colors.classOf(workloadOf(p))}"></span><span class="pod-name">${p.namespace}/${p.name}</span><span class="muted">${workloadOf(p)}</span><span class="req">requests cpu ${formatCpu(p.requests.cpu)}, memory ${formatBytes(p.requests.memory)}</span></div>
  <div class="reason">${reason}</div>
  ${perNode.length ? html`<details class="filters"><summary>Why not each node</summary><ul>${perNode.map(([node, failed]) => html`<li><span class="node-name">${node}</span>: ${join(failed.map(([plugin, why]) => html`<span class="plugin">${plugin}</span> ${why}`), '; ')}</li>`)}</ul></details>` : html``}
</div>`;
  });
  return html`<div class="pending-lane" data-count="${pending.length}"><h3>Pending <span class="count">${pending.length}</span></h3>${rows}</div>`;
}

function renderLegend(colors: WorkloadColors): Html {
  const names = colors.workloads;
  if (names.length === 0) return html``;
  return html`<ul class="legend" aria-label="workload colours">${names.map((n) => html`<li class="legend-item" data-workload="${n}"><span class="swatch ${colors.classOf(n)}"></span>${n}</li>`)}</ul>`;
}
