import type { SimFinding, SimulationResult } from '../../engine/cluster/result';
import { html, type Html } from '../escape';
import { describeSource, revealAttrs } from '../workloads';

const ICON: Record<string, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Objects the simulated API server refused: shown first, they explain missing pods. */
export function renderApplyErrors(result: SimulationResult): Html {
  if (result.applyErrors.length === 0) return html``;
  return html`<section class="panel apply-errors" id="apply-errors" role="alert" aria-labelledby="apply-errors-title">
  <h2 id="apply-errors-title">Refused by the API server <span class="count">${result.applyErrors.length}</span></h2>
  <ul>${result.applyErrors.map((e) => html`<li class="apply-error" data-object="${e.object}"${revealAttrs(e.source)}><span class="obj">${e.object}</span>: <span class="msg">${e.message}</span>${e.source ? html` <span class="loc">${describeSource(e.source)}</span>` : html``}</li>`)}</ul>
</section>`;
}

/** What the simulation predicts will go wrong, most severe first; each reveals the manifest line that causes it. */
export function renderFindings(result: SimulationResult): Html {
  const groups = groupFindings(result.findings);
  return html`<section class="panel findings-view" id="findings" aria-labelledby="findings-title">
  <h2 id="findings-title">Findings <span class="count">${groups.length}</span></h2>
  ${
    groups.length === 0
      ? html`<p class="empty good-news">The simulation found nothing to worry about.</p>`
      : html`<ul class="findings">${groups.map(({ first: f, more }) => {
          return html`<li class="finding sev-${f.severity}" data-rule="${f.rule}" data-severity="${f.severity}" data-object="${f.object}"${revealAttrs(f.source)}><span class="sev" aria-label="${f.severity}">${ICON[f.severity] ?? ''}</span> <code class="rule">${f.rule}</code> <span class="msg">${f.message}</span> <span class="obj muted">${f.object}</span>${f.source ? html` <span class="loc muted">${describeSource(f.source)}</span>` : html``}${
            more.length ? html`<details class="more"><summary>${more.length} more like it</summary><ul>${more.map((m) => html`<li class="msg">${m.message}</li>`)}</ul></details>` : html``
          }</li>`;
        })}</ul>`
  }
</section>`;
}

/** Findings of one rule about one object at one place are one entry (every outage of a Service, say). */
function groupFindings(findings: readonly SimFinding[]): { first: SimFinding; more: SimFinding[] }[] {
  const groups = new Map<string, SimFinding[]>();
  for (const f of findings) {
    const at = f.source ? `${f.source.file}:${f.source.range.start.line}:${f.source.range.start.character}` : '';
    const key = `${f.rule}\u0000${f.object}\u0000${at}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()]
    .map((list) => {
      const sorted = [...list].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
      return { first: sorted[0]!, more: sorted.slice(1) };
    })
    .sort((a, b) => (RANK[a.first.severity] ?? 3) - (RANK[b.first.severity] ?? 3) || a.first.object.localeCompare(b.first.object) || a.first.rule.localeCompare(b.first.rule));
}
