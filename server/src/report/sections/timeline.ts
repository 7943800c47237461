import type { PodInterval, SimulationResult, SourceRef } from '../../engine/cluster/result';
import { html, type Html } from '../escape';
import { formatDuration } from '../format';
import { revealAttrs, type SourceIndex, type WorkloadColors } from '../workloads';

const W = 1000;
const H = 16;
/** A workload with many replicas shows this many rows, the rest folded (they usually look alike). */
const ROWS_BEFORE_FOLD = 12;

/** Every state the timeline draws, in legend order. */
export const TIMELINE_STATES: readonly PodInterval['state'][] = [
  'Pending', 'ContainerCreating', 'Running', 'Ready', 'CrashLoopBackOff', 'OOMKilled', 'Terminating', 'Evicted', 'Succeeded', 'Failed',
];

/** Warning events drawn as ticks on a pod's row (restarts, kills, evictions). */
const MARKED_REASONS = new Set(['BackOff', 'Killing', 'OOMKilling', 'Unhealthy', 'Evicted', 'TaintManagerEviction', 'FailedScheduling', 'Preempted']);

interface PodRow {
  pod: string;
  workload: string;
  intervals: PodInterval[];
}

/** Pod states over virtual time, grouped by workload: Pending → ContainerCreating → Running/Ready, restarts, evictions. */
export function renderTimeline(result: SimulationResult, colors: WorkloadColors, sources: SourceIndex): Html {
  const end = niceEnd(Math.max(result.duration, ...result.timeline.map((t) => t.to), 1));
  const rows = new Map<string, PodRow>();
  for (const t of result.timeline) {
    const workload = t.owner ?? `Pod/${t.pod.split('/').pop()}`;
    const row = rows.get(t.pod) ?? { pod: t.pod, workload, intervals: [] };
    row.intervals.push(t);
    rows.set(t.pod, row);
  }
  const groups = new Map<string, PodRow[]>();
  for (const row of [...rows.values()].sort((a, b) => a.workload.localeCompare(b.workload) || a.pod.localeCompare(b.pod))) {
    const list = groups.get(row.workload) ?? [];
    list.push(row);
    groups.set(row.workload, list);
  }
  const marks = new Map<string, { time: number; reason: string; message: string }[]>();
  for (const e of result.events) {
    if (!e.object.startsWith('Pod/') || !MARKED_REASONS.has(e.reason)) continue;
    const pod = e.object.slice(4);
    const list = marks.get(pod) ?? [];
    list.push(e);
    marks.set(pod, list);
  }
  const restarts = new Map(result.pods.map((p) => [`${p.namespace}/${p.name}`, p.restarts]));
  const podSources = new Map(result.pods.map((p) => [`${p.namespace}/${p.name}`, sources.ofPod(p)]));

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => html`<span>${formatDuration(end * f)}</span>`);
  const rowOf = (row: PodRow) => renderRow(row, end, marks.get(row.pod) ?? [], restarts.get(row.pod) ?? 0, podSources.get(row.pod));
  const body = [...groups.entries()].map(
    ([workload, list]) => html`<div class="tl-group" data-workload="${workload}">
  <div class="tl-group-head"><span class="swatch ${colors.classOf(workload)}"></span><span class="workload-name">${workload}</span> <span class="muted">${readySummary(list, end)}</span></div>
  ${list.slice(0, ROWS_BEFORE_FOLD).map(rowOf)}${
    list.length > ROWS_BEFORE_FOLD ? html`<details class="tl-more"><summary>${list.length - ROWS_BEFORE_FOLD} more pods of ${workload}</summary>${list.slice(ROWS_BEFORE_FOLD).map(rowOf)}</details>` : html``
  }
</div>`,
  );
  return html`<section class="panel timeline-view" id="timeline" aria-labelledby="timeline-title">
  <h2 id="timeline-title">Timeline <span class="muted">virtual time, ${formatDuration(end)}</span></h2>
  ${
    rows.size === 0
      ? html`<p class="empty">No pods were created.</p>`
      : html`<div class="tl-axis"><span class="tl-label"></span><div class="tl-ticks">${ticks}</div><span class="tl-outcome"></span></div>${body}`
  }
  <ul class="legend states">${TIMELINE_STATES.map((s) => html`<li class="legend-item"><span class="swatch st-${s}"></span>${s}</li>`)}</ul>
</section>`;
}

function renderRow(row: PodRow, end: number, marks: { time: number; reason: string; message: string }[], restarts: number, source: SourceRef | undefined): Html {
  const segs = row.intervals
    .slice()
    .sort((a, b) => a.from - b.from)
    .map((t) => {
      const x = (t.from / end) * W;
      const w = Math.max(((Math.min(t.to, end) - t.from) / end) * W, 1);
      return html`<rect class="tl-seg st-${t.state}" data-state="${t.state}" x="${x.toFixed(2)}" y="2" width="${w.toFixed(2)}" height="${H - 4}"><title>${t.state} from ${formatDuration(t.from)} to ${formatDuration(t.to)}${t.node ? ` on ${t.node}` : ''}</title></rect>`;
    });
  const ticks = marks.map((m) => {
    const x = ((Math.min(m.time, end) / end) * W).toFixed(2);
    return html`<line class="tl-mark" data-reason="${m.reason}" x1="${x}" x2="${x}" y1="0" y2="${H}"><title>${formatDuration(m.time)} ${m.reason}: ${m.message}</title></line>`;
  });
  const last = row.intervals.reduce((a, b) => (b.to >= a.to ? b : a));
  const name = row.pod.split('/').pop()!;
  return html`<div class="tl-row" data-pod="${row.pod}" data-final-state="${last.state}"${revealAttrs(source)}>
  <span class="tl-label" title="${row.pod}">${name}${restarts > 0 ? html` <span class="restarts" title="restarts">↻${restarts}</span>` : html``}</span>
  <svg class="tl-track" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="${row.pod}: ${row.intervals.map((i) => i.state).join(' → ')}">${segs}${ticks}</svg>
  <span class="tl-outcome">${outcome(row)}</span>
</div>`;
}

/** The row's last word: when it became Ready, or where it ended up. */
function outcome(row: PodRow): string {
  const ready = row.intervals.find((i) => i.state === 'Ready');
  const last = row.intervals.reduce((a, b) => (b.to >= a.to ? b : a));
  if (last.state === 'Ready' && ready) return `Ready at ${formatDuration(ready.from)}`;
  return last.state;
}

function readySummary(rows: PodRow[], end: number): string {
  const readyTimes = rows.map((r) => r.intervals.find((i) => i.state === 'Ready')?.from);
  const ready = readyTimes.filter((t): t is number => t !== undefined);
  const stillReady = rows.filter((r) => r.intervals.some((i) => i.state === 'Ready' && i.to >= end)).length;
  if (ready.length === rows.length && stillReady === rows.length) return `${rows.length}/${rows.length} ready after ${formatDuration(Math.max(...ready))}`;
  return `${stillReady}/${rows.length} ready at the end`;
}

/** Tick steps that read well as times: seconds, then minutes. */
const TIME_STEPS = [1, 2, 5, 10, 15, 20, 30, 45, 60, 75, 90, 120, 150, 180, 300, 600, 900, 1200, 1800, 3600];

/** Rounds the axis end up so its quarter ticks are round times (39 s → 40 s, 600 s stays). */
export function niceEnd(seconds: number): number {
  const quarter = seconds / 4;
  const step = TIME_STEPS.find((s) => s >= quarter - 1e-9) ?? Math.ceil(quarter / 3600) * 3600;
  return step * 4;
}
