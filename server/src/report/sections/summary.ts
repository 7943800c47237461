import type { SimulationResult } from '../../engine/cluster/result';
import type { PreviewScenario } from '../../protocol/preview';
import { html, type Html } from '../escape';
import { formatDuration, plural } from '../format';
import { qualify } from '../workloads';

export interface PodCounts {
  total: number;
  pending: number;
  ready: number;
  /** CrashLoopBackOff, OOMKilled, Failed, Evicted… */
  failing: number;
}

const FAILING = new Set(['CrashLoopBackOff', 'OOMKilled', 'Error', 'Evicted', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError']);

export function countPods(pods: SimulationResult['pods']): PodCounts {
  return {
    total: pods.length,
    pending: pods.filter((p) => !p.node || (p.phase === 'Pending' && p.reason === 'Unschedulable')).length,
    ready: pods.filter((p) => p.ready).length,
    failing: pods.filter((p) => p.phase === 'Failed' || (p.reason !== undefined && FAILING.has(p.reason))).length,
  };
}

/** "12 pods, 2 Pending" — the same words as the status bar. */
export function podSummary(counts: PodCounts): string {
  const parts = [plural(counts.total, 'pod')];
  if (counts.pending) parts.push(`${counts.pending} Pending`);
  if (counts.failing) parts.push(`${counts.failing} failing`);
  return parts.join(', ');
}

export function renderSummary(result: SimulationResult, title: string): Html {
  const c = countPods(result.pods);
  const readyNodes = result.nodes.filter((n) => n.ready).length;
  const errors = result.findings.filter((f) => f.severity === 'error').length + result.applyErrors.length;
  return html`<header class="summary">
  <h1>${title}</h1>
  <div class="chips">
    <span class="chip" data-metric="pods">${plural(c.total, 'pod')}</span>
    <span class="chip good" data-metric="ready">${c.ready} Ready</span>
    <span class="chip ${c.pending ? 'bad' : ''}" data-metric="pending">${c.pending} Pending</span>
    ${c.failing ? html`<span class="chip bad" data-metric="failing">${c.failing} failing</span>` : html``}
    <span class="chip" data-metric="nodes">${readyNodes}/${plural(result.nodes.length, 'node')} ready</span>
    <span class="chip" data-metric="services">${plural(result.services.length, 'Service')}</span>
    ${errors ? html`<span class="chip bad" data-metric="errors">${plural(errors, 'error')}</span>` : html``}
    <span class="chip muted" data-metric="scenario">scenario: ${result.scenario} · ${formatDuration(result.duration)} simulated</span>
  </div>
</header>`;
}

/** Deployments a rollout can target, "namespace/name". */
export function rolloutTargets(result: SimulationResult): string[] {
  const out = new Set<string>();
  for (const p of result.pods) {
    if (!p.owner) continue;
    const q = qualify(p.owner, p.namespace);
    if (q.startsWith('Deployment/')) out.add(q.slice('Deployment/'.length));
  }
  return [...out].sort();
}

/** The scenario toolbar (only in the editor: the offline report has no simulator behind it). */
export function renderScenarios(result: SimulationResult, current?: PreviewScenario): Html {
  const nodes = result.nodes.map((n) => n.name).sort();
  const targets = rolloutTargets(result);
  const opt = (v: string, label: string, selected: boolean) => html`<option value="${v}"${selected ? html` selected` : html``}>${label}</option>`;
  const failed = current?.kind === 'node-failure' ? current.node : undefined;
  const rolled = current?.kind === 'rollout' ? current.deployment : undefined;
  return html`<nav class="scenarios" aria-label="Scenarios">
  <button type="button" class="scenario${current?.kind === 'apply' ? ' active' : ''}" data-scenario="apply" id="scenario-apply" title="Apply the manifests to the simulated cluster">▶ Apply</button>
  <span class="scenario-group">
    <select id="scenario-node" aria-label="Node to fail"${nodes.length ? html`` : html` disabled`}>${opt('', 'busiest node', !failed)}${nodes.map((n) => opt(n, n, failed === n))}</select>
    <button type="button" class="scenario${current?.kind === 'node-failure' ? ' active' : ''}" data-scenario="node-failure" id="scenario-node-failure"${nodes.length ? html`` : html` disabled`} title="Apply, then stop the node's heartbeats: watch its pods be evicted and rescheduled">Fail node</button>
  </span>
  <button type="button" class="scenario${current?.kind === 'load' ? ' active' : ''}" data-scenario="load" id="scenario-load" title="Apply, then drive the pods' CPU curves (annotation sim.kubeplan.dev/cpu-curve): watch the HPAs scale">Load (HPA)</button>
  <span class="scenario-group">
    <select id="scenario-deployment" aria-label="Deployment to roll out"${targets.length ? html`` : html` disabled`}>${opt('', 'every Deployment', !rolled)}${targets.map((t) => opt(t, t, rolled === t))}</select>
    <button type="button" class="scenario${current?.kind === 'rollout' ? ' active' : ''}" data-scenario="rollout" id="scenario-rollout"${targets.length ? html`` : html` disabled`} title="Apply, wait until steady, then roll out a new revision">Rollout</button>
  </span>
  <span id="busy" class="busy" hidden>Simulating…</span>
</nav>`;
}
