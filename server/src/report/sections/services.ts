import type { ServiceResult, SimulationResult } from '../../engine/cluster/result';
import { html, type Html } from '../escape';
import { revealAttrs } from '../workloads';

/** Ingress → Service → endpoints, one row per Service, with its cluster DNS name. */
export function renderServices(result: SimulationResult): Html {
  const services = [...result.services].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return html`<section class="panel services-view" id="services" aria-labelledby="services-title">
  <h2 id="services-title">Services <span class="count">${services.length}</span></h2>
  ${services.length === 0 ? html`<p class="empty">No Services in scope.</p>` : html`<div class="service-list">${services.map(renderService)}</div>`}
</section>`;
}

function renderService(s: ServiceResult): Html {
  const ready = s.endpoints.ready.length;
  const notReady = s.endpoints.notReady.length;
  const health = ready > 0 ? 'has-ready' : 'no-ready';
  const ports = s.ports.map((p) => html`<span class="port">${p.name ? `${p.name} ` : ''}${p.port}→${String(p.targetPort)}/${p.protocol}</span>`);
  const ingresses = s.ingresses.length
    ? s.ingresses.map((i) => html`<span class="ingress">${i}</span>`)
    : html`<span class="muted none">no Ingress</span>`;
  const endpoints =
    ready + notReady === 0
      ? html`<span class="endpoint none">no endpoints${Object.keys(s.selector).length ? ' match the selector' : ' (no selector)'}</span>`
      : html`${s.endpoints.ready.map((e) => html`<span class="endpoint ready" data-pod="${e}" title="ready: receives traffic">${e}</span>`)}${s.endpoints.notReady.map((e) => html`<span class="endpoint not-ready" data-pod="${e}" title="not ready: gets no traffic">${e}</span>`)}`;
  const selector = Object.entries(s.selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return html`<article class="service ${health}" data-service="${s.namespace}/${s.name}" data-ready="${ready}" data-not-ready="${notReady}"${revealAttrs(s.source)}>
  <div class="svc-ingresses">${ingresses}</div>
  <span class="arrow" aria-hidden="true">→</span>
  <div class="svc-main">
    <div class="svc-name"><span class="kind">Service</span> ${s.namespace}/${s.name} <span class="badge">${s.type}</span></div>
    <code class="dns">${s.dns}</code>
    <div class="ports">${ports}${selector ? html` <span class="muted selector">selector ${selector}</span>` : html``}</div>
  </div>
  <span class="arrow" aria-hidden="true">→</span>
  <div class="svc-endpoints"><div class="ep-count"><span class="ready-count">${ready} ready</span>${notReady ? html`, <span class="not-ready-count">${notReady} not ready</span>` : html``}</div>${endpoints}</div>
</article>`;
}
