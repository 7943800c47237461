import type { SimulationResult } from '../../engine/cluster/result';
import { html, type Html } from '../escape';
import { formatStamp, plural } from '../format';
import { revealAttrs, type SourceIndex } from '../workloads';

/** The event list, oldest first like `kubectl events`; filtering happens in the page (no round trip). */
export function renderEvents(result: SimulationResult, sources: SourceIndex): Html {
  const events = result.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.time - b.e.time || a.i - b.i);
  const warnings = result.events.filter((e) => e.type === 'Warning').length;
  return html`<section class="panel events-view" id="events" aria-labelledby="events-title">
  <h2 id="events-title">Events <span class="count">${events.length}</span>${warnings ? html` <span class="badge warn">${plural(warnings, 'warning')}</span>` : html``}</h2>
  <div class="events-toolbar">
    <input id="event-filter" type="search" placeholder="Filter events: reason, object, message" aria-label="Filter events" autocomplete="off" spellcheck="false">
    <label class="check"><input id="event-warnings" type="checkbox"> Warnings only</label>
    <span id="event-count" class="muted" aria-live="polite">${events.length} of ${events.length}</span>
  </div>
  ${
    events.length === 0
      ? html`<p class="empty">No events.</p>`
      : html`<div class="events-scroll"><table class="events"><thead><tr><th>Time</th><th>Type</th><th>Reason</th><th>Object</th><th>Message</th></tr></thead><tbody>${events.map(
          ({ e }) => html`<tr class="event ${e.type === 'Warning' ? 'warning' : 'normal'}" data-type="${e.type}" data-reason="${e.reason}" data-object="${e.object}"${revealAttrs(sources.lookup(e.object) ?? ownerSource(e.object, result, sources))}><td class="ev-time">${formatStamp(e.time)}</td><td class="ev-type">${e.type}</td><td class="ev-reason">${e.reason}</td><td class="ev-object">${e.object}</td><td class="ev-message">${e.message}${e.count && e.count > 1 ? html` <span class="ev-count" title="happened ${e.count} times, last at ${formatStamp(e.lastTime ?? e.time)}">×${e.count}</span>` : html``}</td></tr>`,
        )}</tbody></table></div><p class="empty filtered-empty" hidden>No event matches the filter.</p>`
  }
</section>`;
}

/** A pod event whose pod has no source of its own reveals its workload instead. */
function ownerSource(object: string, result: SimulationResult, sources: SourceIndex) {
  if (!object.startsWith('Pod/')) return undefined;
  const pod = result.pods.find((p) => `Pod/${p.namespace}/${p.name}` === object);
  return pod ? sources.ofPod(pod) : undefined;
}
