/** The one table `npm run bench` prints: each figure, its target, and how it compares with the peer and the floor. */
export interface Row {
  metric: string;
  /** Undefined when the figure can't be measured yet (then `note` says why). */
  ours: number | undefined;
  unit: string;
  target: string;
  pass?: boolean | undefined;
  /** The same figure for yaml-language-server. */
  peer?: number | undefined;
  /** What re-parsing the whole file once costs (yaml's parseAllDocuments): the floor a re-parse-everything server can't beat. */
  floor?: number | undefined;
  lowerIsBetter?: boolean;
  note?: string;
}

export interface TableContext {
  runs: number;
  edits: number;
  peerEdits: number;
  peerNote: string;
  machine: string;
  oursValidates: boolean;
}

const fmt = (n: number | undefined, unit = '') => {
  if (n === undefined || Number.isNaN(n)) return '—';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${n.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};
const ratio = (other: number | undefined, ours: number | undefined) => (other === undefined || ours === undefined || !ours || Number.isNaN(other) ? '—' : `${(other / ours).toFixed(other / ours >= 10 ? 0 : 1)}×`);

export function renderTable(rows: Row[], ctx: TableContext): string {
  const header = ['Figure', 'Kubeplan', 'Target', 'Pass', 'Peer', 'Peer ÷ ours', 'Floor', 'Floor ÷ ours'];
  const body = rows.map((r) => [
    r.metric,
    r.ours === undefined ? (r.note ?? 'not available yet') : fmt(r.ours, r.unit),
    r.target,
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
    fmt(r.peer, r.peer === undefined ? '' : r.unit),
    ratio(r.peer, r.ours),
    fmt(r.floor, r.floor === undefined ? '' : r.unit),
    ratio(r.floor, r.ours),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
  out.push('');
  out.push(`Median of ${ctx.runs} fresh server processes per figure; edit latency is the median of ${ctx.edits} edits per process (peer: ${ctx.peerEdits}).`);
  out.push(`${ctx.peerNote}. Kubeplan publishes schema errors on the broken Deployment: ${ctx.oursValidates ? 'yes' : 'no (schema validation not on main yet)'}.`);
  out.push(`Machine: ${ctx.machine}.`);
  // what a measured figure's note adds (the simulator's every run, its cold run): the table has no room for it
  for (const r of rows) if (r.ours !== undefined && r.note && r.note !== 'n/a') out.push(`${r.metric}: ${r.note}.`);
  return out.join('\n');
}
