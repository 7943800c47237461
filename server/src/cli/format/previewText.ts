/**
 * `kubeplan preview` in a terminal: per node a bar of requested vs allocatable and its pods,
 * the Pending pods with kube-scheduler's reason, Services and their endpoints, the findings as
 * file:line:col, and the key events — what a person reads top to bottom.
 */
import type { SimEvent, SimFinding, SimulationResult } from '../../engine/cluster/result';
import { formatBytes, formatMillicpu } from '../../engine/kube/quantity';
import { plural } from '../../engine/text/plural';

const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const CYAN = '\x1b[36m';
const GREEN = '\x1b[32m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

const BAR_WIDTH = 20;
const PODS_PER_NODE = 8;
const KEY_EVENTS = 40;

/** Reasons worth a line in the terminal; the rest (Pulling, Created, ...) are in --format json. */
const KEY_REASONS = new Set(['ScalingReplicaSet', 'NodeNotReady', 'TaintManagerEviction', 'Killing', 'Evicted', 'SuccessfulRescale', 'TriggeredScaleUp', 'NotTriggerScaleUp', 'ScaleDown', 'NodeHasInsufficientMemory', 'Completed', 'SimulatedFailure', 'OOMKilling', 'SuccessfulDelete']);

export interface PreviewTextOptions {
  color: boolean;
  cluster: string;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function seconds(t: number): string {
  const r = Math.round(t * 10) / 10;
  return `${r}s`;
}

function bar(used: number, total: number, paint: (code: string, s: string) => string): string {
  const frac = total > 0 ? Math.min(1, used / total) : 0;
  const filled = Math.round(frac * BAR_WIDTH);
  const color = frac >= 0.9 ? RED : frac >= 0.7 ? YELLOW : GREEN;
  return paint(color, '█'.repeat(filled)) + paint(DIM, '░'.repeat(BAR_WIDTH - filled));
}

function pct(used: number, total: number): string {
  return total > 0 ? `${Math.round((used / total) * 100)}%` : '-';
}

export function findingLine(f: SimFinding, paint: (code: string, s: string) => string): string {
  const where = f.source ? `${f.source.file}:${f.source.range.start.line + 1}:${f.source.range.start.character + 1}: ` : `${f.object}: `;
  const color = f.severity === 'error' ? RED : f.severity === 'warning' ? YELLOW : CYAN;
  return `${where}${paint(color, f.severity)} ${paint(DIM, f.rule)} ${f.message}`;
}

function eventLine(e: SimEvent, paint: (code: string, s: string) => string): string {
  const count = e.count && e.count > 1 ? paint(DIM, ` (x${e.count}${e.lastTime !== undefined ? ` until ${seconds(e.lastTime)}` : ''})`) : '';
  const reason = e.type === 'Warning' ? paint(YELLOW, e.reason) : e.reason;
  return `  ${pad(seconds(e.time), 7)}${pad(e.object, 42)} ${reason}: ${e.message}${count}`;
}

export function formatPreviewText(r: SimulationResult, options: PreviewTextOptions): string {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const ready = r.pods.filter((p) => p.ready).length;
  const pending = r.pods.filter((p) => p.node === null && p.phase === 'Pending');
  out.push(paint(BOLD, `Preview (${r.scenario}) on ${options.cluster}: ${plural(r.nodes.length, 'node')}, ${plural(r.pods.length, 'pod')}, simulated ${seconds(r.duration)}`));
  out.push('');

  // nodes
  out.push(paint(BOLD, 'Nodes') + paint(DIM, '  (cpu requested / allocatable, memory requested / allocatable)'));
  const nameWidth = Math.max(8, ...r.nodes.map((n) => n.name.length)) + 2;
  const podsByName = new Map(r.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  for (const n of r.nodes) {
    const state = !n.ready ? paint(RED, ' NotReady') : n.unschedulable ? paint(YELLOW, ' SchedulingDisabled') : '';
    const taints = n.taints.filter((t) => t.effect !== 'PreferNoSchedule').map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
    out.push(
      `  ${pad(n.name, nameWidth)}cpu ${bar(n.requested.cpu, n.allocatable.cpu, paint)} ${pad(`${formatMillicpu(n.requested.cpu)}/${formatMillicpu(n.allocatable.cpu)}`, 11)} ${pad(pct(n.requested.cpu, n.allocatable.cpu), 5)}` +
        ` mem ${bar(n.requested.memory, n.allocatable.memory, paint)} ${pad(`${formatBytes(n.requested.memory)}/${formatBytes(n.allocatable.memory)}`, 15)} ${pad(pct(n.requested.memory, n.allocatable.memory), 5)}` +
        ` ${n.requested.pods}/${n.allocatable.pods} pods${state}${taints.length ? paint(DIM, `  taints: ${taints.join(', ')}`) : ''}`,
    );
    for (const key of n.pods.slice(0, PODS_PER_NODE)) {
      const p = podsByName.get(key);
      const status = !p ? '' : p.ready ? paint(GREEN, 'Ready') : paint(YELLOW, p.reason ?? p.phase);
      const restarts = p && p.restarts > 0 ? paint(DIM, ` (${p.restarts} restart${p.restarts === 1 ? '' : 's'})`) : '';
      out.push(`      ${pad(key, 48)} ${status}${restarts}`);
    }
    if (n.pods.length > PODS_PER_NODE) out.push(paint(DIM, `      … and ${n.pods.length - PODS_PER_NODE} more`));
  }
  out.push('');

  // pending
  if (pending.length) {
    out.push(paint(BOLD, `Pending (${pending.length})`));
    for (const p of pending.slice(0, 20)) out.push(`  ${pad(`${p.namespace}/${p.name}`, 48)} ${paint(YELLOW, p.message ?? p.reason ?? 'Pending')}`);
    if (pending.length > 20) out.push(paint(DIM, `  … and ${pending.length - 20} more`));
    out.push('');
  }

  // services
  if (r.services.length) {
    out.push(paint(BOLD, 'Services'));
    for (const s of r.services) {
      const selector = Object.keys(s.selector).length > 0;
      const ep = !selector ? paint(DIM, 'no selector') : s.endpoints.ready.length > 0 ? paint(GREEN, `${s.endpoints.ready.length} ready`) + (s.endpoints.notReady.length ? `, ${s.endpoints.notReady.length} not ready` : '') : paint(RED, `0 ready${s.endpoints.notReady.length ? `, ${s.endpoints.notReady.length} not ready` : ''}`);
      out.push(`  ${pad(`${s.namespace}/${s.name}`, 30)} ${pad(s.dns, 40)} ${ep}`);
    }
    out.push('');
  }

  // autoscalers
  if (r.autoscalers?.length) {
    out.push(paint(BOLD, 'Autoscalers'));
    for (const a of r.autoscalers) {
      const path: number[] = [];
      for (const h of a.history) if (path[path.length - 1] !== h.replicas) path.push(h.replicas);
      if (path[path.length - 1] !== a.currentReplicas) path.push(a.currentReplicas);
      const active = a.conditions.find((c) => c.type === 'ScalingActive');
      const state = active?.status === 'False' ? paint(RED, `${active.reason}: ${active.message ?? ''}`) : `replicas ${path.join(' → ')}`;
      out.push(`  ${pad(`${a.namespace}/${a.name}`, 30)} ${pad(`${a.target} (min ${a.minReplicas}, max ${a.maxReplicas})`, 40)} ${state}`);
    }
    out.push('');
  }

  // apply errors without a finding of their own are listed with the findings
  if (r.findings.length) {
    out.push(paint(BOLD, 'Findings'));
    for (const f of r.findings) out.push(`  ${findingLine(f, paint)}`);
    out.push('');
  }

  // key events
  const key = r.events.filter((e) => e.type === 'Warning' || KEY_REASONS.has(e.reason));
  if (key.length) {
    out.push(paint(BOLD, 'Key events'));
    for (const e of key.slice(0, KEY_EVENTS)) out.push(eventLine(e, paint));
    if (key.length > KEY_EVENTS) out.push(paint(DIM, `  … and ${key.length - KEY_EVENTS} more (all ${plural(r.events.length, 'event')}: --format json)`));
    out.push('');
  }

  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  out.push(
    `${plural(r.pods.length, 'pod')}: ${ready} ready, ${pending.length} pending. ` +
      (r.findings.length === 0 ? 'No problems found.' : `${plural(r.findings.length, 'finding')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info).`),
  );
  return out.join('\n') + '\n';
}
