import type { PodResult, SimulationResult } from '../../engine/cluster/result';
import { html, type Html } from '../escape';
import { revealAttrs, workloadOf, type SourceIndex, type WorkloadColors } from '../workloads';
import { plural } from '../format';

/** Beyond this many pods the table is more noise than help; the bars still show where they went. */
const MAX_ROWS = 200;

/**
 * Why each pod landed where it did, in kube-scheduler's terms: per node the weighted total
 * score, or the Filter plugin that ruled the node out. Collapsed by default.
 */
export function renderPlacements(result: SimulationResult, colors: WorkloadColors, sources: SourceIndex): Html {
  const pods = result.pods.filter((p) => p.scheduling).sort((a, b) => workloadOf(a).localeCompare(workloadOf(b)) || a.name.localeCompare(b.name));
  if (pods.length === 0) return html``;
  const nodes = result.nodes.map((n) => n.name);
  const shown = pods.slice(0, MAX_ROWS);
  return html`<details class="placements" id="placements">
  <summary>Scheduler decisions <span class="muted">(weighted score per node; ✗ = filtered out)</span></summary>
  <div class="placements-scroll"><table class="placements-table">
    <thead><tr><th>Pod</th>${nodes.map((n) => html`<th class="node-col">${n}</th>`)}</tr></thead>
    <tbody>${shown.map((p) => renderRow(p, nodes, colors, sources))}</tbody>
  </table></div>
  ${pods.length > shown.length ? html`<p class="muted">Showing ${shown.length} of ${plural(pods.length, 'pod')}.</p>` : html``}
</details>`;
}

function renderRow(p: PodResult, nodes: string[], colors: WorkloadColors, sources: SourceIndex): Html {
  const s = p.scheduling!;
  const cells = nodes.map((n) => {
    const filters = s.filters[n];
    const failed = filters ? Object.entries(filters).find(([, v]) => v !== 'passed') : undefined;
    if (failed) return html`<td class="filtered" title="${failed[0]}: ${failed[1]}">✗ <span class="why">${failed[1]}</span></td>`;
    const total = s.totals[n];
    if (total === undefined) return html`<td class="muted">–</td>`;
    const plugins = Object.entries(s.scores[n] ?? {})
      .map(([plugin, score]) => `${plugin} ${score}`)
      .join(', ');
    return html`<td class="score${s.selected === n ? ' selected-node' : ''}" title="${plugins || 'no score plugin ran (one feasible node)'}">${Math.round(total)}${s.selected === n ? ' ✓' : ''}</td>`;
  });
  return html`<tr data-pod="${p.namespace}/${p.name}"${revealAttrs(sources.ofPod(p))}><td class="pod"><span class="swatch ${colors.classOf(workloadOf(p))}"></span>${p.name}</td>${cells}</tr>`;
}
