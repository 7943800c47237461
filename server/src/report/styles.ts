import { PALETTE_SIZE } from './workloads';

export type Theme = 'vscode' | 'standalone';

/** Workload colours: distinguishable on light and dark backgrounds, none of them the "error" red. */
const WORKLOAD_COLORS = ['#4e79a7', '#f28e2b', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#d4a6c8', '#8cd17d', '#a0cbe8'];

/** Pod-state colours of the timeline. */
const STATE_COLORS: Record<string, string> = {
  Pending: '#9e9e9e',
  ContainerCreating: '#a0cbe8',
  Running: '#e8c547',
  Ready: '#4caf50',
  CrashLoopBackOff: '#e15759',
  OOMKilled: '#a4161a',
  Terminating: '#bab0ac',
  Evicted: '#f28e2b',
  Succeeded: '#4e79a7',
  Failed: '#7b1e1e',
};

/** Maps the page's own variables onto VS Code's theme, so the webview follows light, dark and high-contrast themes. */
const VSCODE_VARS = `:root {
  --kp-bg: var(--vscode-editor-background);
  --kp-fg: var(--vscode-foreground);
  --kp-muted: var(--vscode-descriptionForeground);
  --kp-border: var(--vscode-panel-border, var(--vscode-widget-border, rgba(128,128,128,.35)));
  --kp-panel: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --kp-accent: var(--vscode-focusBorder);
  --kp-link: var(--vscode-textLink-foreground);
  --kp-good: var(--vscode-testing-iconPassed, #4caf50);
  --kp-bad: var(--vscode-errorForeground);
  --kp-warn: var(--vscode-editorWarning-foreground, #cca700);
  --kp-info: var(--vscode-editorInfo-foreground, #3794ff);
  --kp-bar-bg: rgba(128,128,128,.22);
  --kp-font: var(--vscode-font-family);
  --kp-font-size: var(--vscode-font-size, 13px);
  --kp-mono: var(--vscode-editor-font-family, monospace);
  --kp-button-bg: var(--vscode-button-background);
  --kp-button-fg: var(--vscode-button-foreground);
  --kp-button-hover: var(--vscode-button-hoverBackground);
  --kp-button2-bg: var(--vscode-button-secondaryBackground);
  --kp-button2-fg: var(--vscode-button-secondaryForeground);
  --kp-button2-hover: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-secondaryBackground));
  --kp-input-bg: var(--vscode-input-background);
  --kp-input-fg: var(--vscode-input-foreground);
  --kp-input-border: var(--vscode-input-border, var(--vscode-widget-border, transparent));
  --kp-selection: var(--vscode-list-activeSelectionBackground, rgba(0,120,215,.3));
  --kp-hover: var(--vscode-list-hoverBackground, rgba(128,128,128,.12));
}`;

/** The offline report has no editor theme: it follows the system's light/dark preference. */
const STANDALONE_VARS = `:root {
  color-scheme: light dark;
  --kp-bg: #ffffff; --kp-fg: #1f2328; --kp-muted: #656d76; --kp-border: #d0d7de; --kp-panel: #f6f8fa;
  --kp-accent: #0969da; --kp-link: #0969da; --kp-good: #1a7f37; --kp-bad: #cf222e; --kp-warn: #9a6700; --kp-info: #0969da;
  --kp-bar-bg: #eaeef2;
  --kp-font: -apple-system, BlinkMacSystemFont, "Segoe UI", Ubuntu, "Noto Sans", Helvetica, Arial, sans-serif; --kp-font-size: 14px;
  --kp-mono: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --kp-button-bg: #0969da; --kp-button-fg: #ffffff; --kp-button-hover: #0550ae; --kp-button2-bg: #eaeef2; --kp-button2-fg: #1f2328; --kp-button2-hover: #d8dee4;
  --kp-input-bg: #ffffff; --kp-input-fg: #1f2328; --kp-input-border: #d0d7de; --kp-selection: rgba(9,105,218,.18); --kp-hover: rgba(208,215,222,.35);
}
@media (prefers-color-scheme: dark) {
  :root {
    --kp-bg: #0d1117; --kp-fg: #e6edf3; --kp-muted: #8d96a0; --kp-border: #30363d; --kp-panel: #161b22;
    --kp-accent: #4493f8; --kp-link: #4493f8; --kp-good: #3fb950; --kp-bad: #f85149; --kp-warn: #d29922; --kp-info: #4493f8;
    --kp-bar-bg: #21262d; --kp-button-bg: #238636; --kp-button-fg: #ffffff; --kp-button-hover: #2ea043; --kp-button2-bg: #21262d; --kp-button2-fg: #e6edf3; --kp-button2-hover: #30363d;
    --kp-input-bg: #0d1117; --kp-input-fg: #e6edf3; --kp-input-border: #30363d; --kp-selection: rgba(56,139,253,.25); --kp-hover: rgba(110,118,129,.2);
  }
}`;

const BASE = `
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 16px 32px; background: var(--kp-bg); color: var(--kp-fg); font-family: var(--kp-font); font-size: var(--kp-font-size); line-height: 1.4; }
h1 { font-size: 1.35em; margin: 0 0 6px; font-weight: 600; }
h2 { font-size: 1.1em; margin: 0 0 10px; font-weight: 600; display: flex; align-items: center; gap: 8px; }
h3 { font-size: 1em; margin: 0 0 6px; font-weight: 600; }
code { font-family: var(--kp-mono); font-size: .95em; }
.muted { color: var(--kp-muted); }
.count { color: var(--kp-muted); font-weight: normal; }
.empty { color: var(--kp-muted); font-style: italic; margin: 4px 0; }
.good-news { color: var(--kp-good); font-style: normal; }
[hidden] { display: none !important; }
.summary { margin-bottom: 10px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--kp-border); border-radius: 999px; padding: 1px 10px; font-size: .92em; white-space: nowrap; }
.chip.good { border-color: var(--kp-good); color: var(--kp-good); }
.chip.bad { border-color: var(--kp-bad); color: var(--kp-bad); font-weight: 600; }
.badge { border-radius: 3px; padding: 0 6px; font-size: .8em; border: 1px solid var(--kp-border); color: var(--kp-muted); white-space: nowrap; }
.badge.good { border-color: var(--kp-good); color: var(--kp-good); }
.badge.bad { border-color: var(--kp-bad); color: var(--kp-bad); font-weight: 600; }
.badge.warn { border-color: var(--kp-warn); color: var(--kp-warn); }
.panel { border: 1px solid var(--kp-border); border-radius: 6px; padding: 12px 14px; margin: 12px 0; background: var(--kp-panel); }
.error-banner, .apply-errors { border-color: var(--kp-bad); }
.error-banner { border: 1px solid var(--kp-bad); border-radius: 6px; padding: 10px 14px; margin: 12px 0; color: var(--kp-bad); white-space: pre-wrap; }
.apply-errors h2 { color: var(--kp-bad); }
.apply-errors ul, .findings { list-style: none; margin: 0; padding: 0; }
.apply-error, .finding { padding: 4px 6px; border-radius: 4px; }
.finding .sev { display: inline-block; width: 1.2em; text-align: center; }
.finding.sev-error .sev { color: var(--kp-bad); }
.finding.sev-warning .sev { color: var(--kp-warn); }
.finding.sev-info .sev { color: var(--kp-info); }
.finding .rule { color: var(--kp-muted); }
.loc { font-family: var(--kp-mono); font-size: .85em; }
/* scenario toolbar */
.scenarios { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin: 8px 0 4px; }
.scenario-group { display: inline-flex; gap: 4px; align-items: center; }
button { font: inherit; border: none; border-radius: 3px; padding: 4px 12px; cursor: pointer; background: var(--kp-button2-bg); color: var(--kp-button2-fg); }
button#scenario-apply { background: var(--kp-button-bg); color: var(--kp-button-fg); }
button:hover:not(:disabled) { background: var(--kp-button2-hover); }
button#scenario-apply:hover:not(:disabled) { background: var(--kp-button-hover); }
button:disabled { opacity: .5; cursor: default; }
button.active { outline: 1px solid var(--kp-accent); }
select, input[type=search] { font: inherit; background: var(--kp-input-bg); color: var(--kp-input-fg); border: 1px solid var(--kp-input-border); border-radius: 3px; padding: 3px 6px; }
input[type=search] { min-width: 280px; }
:focus-visible { outline: 1px solid var(--kp-accent); outline-offset: 1px; }
.busy { color: var(--kp-muted); font-style: italic; }
body.is-busy main { opacity: .6; transition: opacity .2s; }
/* clickable places (the editor can reveal their manifest line) */
body.can-reveal [data-file] { cursor: pointer; }
body.can-reveal [data-file]:hover { background: var(--kp-hover); }
.selected, .pod-chip.selected { outline: 2px solid var(--kp-accent); outline-offset: 1px; }
/* colours */
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; flex: none; vertical-align: baseline; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 10px 0 0; padding: 0; font-size: .9em; color: var(--kp-muted); }
.legend-item { display: inline-flex; align-items: center; }
/* nodes */
.node-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 10px; }
.node { border: 1px solid var(--kp-border); border-radius: 6px; padding: 8px 10px; background: var(--kp-bg); }
.node.not-ready { border-color: var(--kp-bad); border-style: dashed; }
.node-head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
.node-name { font-weight: 600; font-family: var(--kp-mono); }
.node-pods { margin-left: auto; color: var(--kp-muted); font-size: .85em; }
.resource { display: grid; grid-template-columns: 58px 1fr 10.5em; align-items: center; gap: 8px; margin: 3px 0; }
.res-label { color: var(--kp-muted); font-size: .85em; }
.res-value { font-size: .85em; font-variant-numeric: tabular-nums; white-space: nowrap; text-align: right; }
.res-value.high .pct { color: var(--kp-warn); }
.res-value.over .pct { color: var(--kp-bad); font-weight: 600; }
svg.bar { width: 100%; height: 24px; display: block; }
.bar-bg { fill: var(--kp-bar-bg); }
.bar-used { fill: var(--kp-muted); opacity: .7; }
.bar-capacity { stroke: var(--kp-bad); stroke-width: 3; vector-effect: non-scaling-stroke; }
.pod-seg { stroke: var(--kp-bg); stroke-width: 1; vector-effect: non-scaling-stroke; }
.pod-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
.pod-chip { display: inline-flex; align-items: center; gap: 4px; border: 1px solid var(--kp-border); border-radius: 3px; padding: 0 6px; font-family: var(--kp-mono); font-size: .8em; max-width: 100%; }
.pod-chip .pod-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.pod-status { font-family: var(--kp-font); font-size: .95em; }
.status-bad { color: var(--kp-bad); font-weight: 600; }
.status-neutral { color: var(--kp-muted); }
.restarts { color: var(--kp-bad); font-size: .9em; }
.taints { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; font-size: .8em; color: var(--kp-muted); }
.pending-lane { margin-top: 12px; border: 1px dashed var(--kp-bad); border-radius: 6px; padding: 8px 10px; background: var(--kp-bg); }
.pending-lane.empty-lane { border-color: var(--kp-border); }
.pending-lane h3 { color: var(--kp-bad); }
.pending-lane.empty-lane h3 { color: var(--kp-fg); }
.pending-pod { padding: 6px 4px; border-top: 1px solid var(--kp-border); }
.pending-pod:first-of-type { border-top: none; }
.pending-head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.pending-pod .pod-name { font-family: var(--kp-mono); font-weight: 600; }
.pending-pod .req { color: var(--kp-muted); font-size: .85em; margin-left: auto; }
.pending-pod .reason { color: var(--kp-bad); margin: 2px 0 0 16px; }
.filters { margin: 2px 0 0 16px; color: var(--kp-muted); font-size: .9em; }
.filters ul { margin: 4px 0; padding-left: 18px; }
.plugin { font-family: var(--kp-mono); }
/* scheduler decisions */
.placements { margin-top: 12px; }
.placements summary { cursor: pointer; font-weight: 600; }
.placements-scroll { overflow: auto; max-height: 420px; margin-top: 6px; }
.placements-table { border-collapse: collapse; font-size: .85em; }
.placements-table th, .placements-table td { padding: 2px 10px 2px 0; text-align: left; border-bottom: 1px solid var(--kp-border); white-space: nowrap; }
.placements-table th { color: var(--kp-muted); font-family: var(--kp-mono); font-weight: normal; position: sticky; top: 0; background: var(--kp-panel); }
.placements-table td.pod { font-family: var(--kp-mono); }
.placements-table td.score { font-variant-numeric: tabular-nums; }
.placements-table td.selected-node { color: var(--kp-good); font-weight: 600; }
.placements-table td.filtered { color: var(--kp-muted); max-width: 18em; overflow: hidden; text-overflow: ellipsis; }
/* timeline */
.tl-axis, .tl-row { display: grid; grid-template-columns: 200px 1fr 150px; gap: 10px; align-items: center; }
.tl-ticks { display: flex; justify-content: space-between; color: var(--kp-muted); font-size: .8em; border-bottom: 1px solid var(--kp-border); font-variant-numeric: tabular-nums; }
.tl-group { margin-top: 8px; }
.tl-group-head { display: flex; align-items: center; gap: 4px; font-weight: 600; margin-bottom: 2px; }
.tl-group-head .muted { font-weight: normal; margin-left: 6px; }
.tl-row { padding: 1px 0; }
.tl-more > summary { cursor: pointer; color: var(--kp-muted); font-size: .85em; padding-left: 16px; margin: 2px 0; }
.tl-label { font-family: var(--kp-mono); font-size: .82em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding-left: 16px; }
svg.tl-track { width: 100%; height: 16px; display: block; background: var(--kp-bar-bg); border-radius: 2px; }
.tl-mark { stroke: var(--kp-fg); stroke-width: 2; vector-effect: non-scaling-stroke; opacity: .75; }
.tl-outcome { font-size: .82em; color: var(--kp-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tl-row[data-final-state=CrashLoopBackOff] .tl-outcome, .tl-row[data-final-state=OOMKilled] .tl-outcome, .tl-row[data-final-state=Failed] .tl-outcome, .tl-row[data-final-state=Evicted] .tl-outcome, .tl-row[data-final-state=Pending] .tl-outcome { color: var(--kp-bad); }
/* services */
.service-list { display: flex; flex-direction: column; gap: 8px; }
.service { display: grid; grid-template-columns: minmax(140px, 1fr) auto minmax(220px, 2fr) auto minmax(200px, 2fr); gap: 10px; align-items: center; border: 1px solid var(--kp-border); border-left: 4px solid var(--kp-good); border-radius: 6px; padding: 8px 10px; background: var(--kp-bg); }
.service.no-ready { border-left-color: var(--kp-bad); }
.svc-ingresses { display: flex; flex-direction: column; gap: 2px; font-size: .85em; }
.ingress { font-family: var(--kp-mono); }
.arrow { color: var(--kp-muted); font-size: 1.2em; }
.svc-name { font-weight: 600; }
.svc-name .kind { color: var(--kp-muted); font-weight: normal; }
.dns { display: block; color: var(--kp-link); user-select: all; }
.ports { font-size: .85em; display: flex; flex-wrap: wrap; gap: 6px; }
.port { font-family: var(--kp-mono); }
.svc-endpoints { display: flex; flex-wrap: wrap; gap: 4px; font-size: .82em; }
.ep-count { width: 100%; color: var(--kp-muted); }
.service.no-ready .ready-count { color: var(--kp-bad); font-weight: 600; }
.endpoint { font-family: var(--kp-mono); border-radius: 3px; padding: 0 5px; border: 1px solid var(--kp-border); }
.endpoint.ready { border-color: var(--kp-good); color: var(--kp-good); }
.endpoint.not-ready { border-color: var(--kp-bad); color: var(--kp-bad); border-style: dashed; }
.endpoint.none { color: var(--kp-bad); border: none; padding: 0; font-family: var(--kp-font); }
/* events */
.events-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin-bottom: 8px; }
.check { display: inline-flex; align-items: center; gap: 4px; }
/* long event lists scroll inside their panel, the header stays */
.events-scroll { max-height: 520px; overflow: auto; border-top: 1px solid var(--kp-border); }
table.events thead th { position: sticky; top: 0; background: var(--kp-panel); }
.ev-count { color: var(--kp-muted); font-variant-numeric: tabular-nums; }
.finding .more { margin: 2px 0 0 1.6em; color: var(--kp-muted); font-size: .9em; }
.finding .more ul { margin: 2px 0; padding-left: 18px; }
table.events { width: 100%; border-collapse: collapse; font-size: .88em; }
table.events th { text-align: left; color: var(--kp-muted); font-weight: 600; border-bottom: 1px solid var(--kp-border); padding: 3px 8px 3px 0; }
table.events td { padding: 2px 8px 2px 0; vertical-align: top; border-bottom: 1px solid var(--kp-border); }
.ev-time { font-variant-numeric: tabular-nums; white-space: nowrap; color: var(--kp-muted); text-align: right; }
.ev-object { font-family: var(--kp-mono); white-space: nowrap; }
.event.warning .ev-type, .event.warning .ev-reason { color: var(--kp-warn); font-weight: 600; }
footer { color: var(--kp-muted); font-size: .8em; margin-top: 16px; }
`;

function paletteCss(): string {
  const lines: string[] = [];
  for (let i = 0; i < PALETTE_SIZE; i++) {
    const c = WORKLOAD_COLORS[i % WORKLOAD_COLORS.length];
    lines.push(`.w${i} { fill: ${c}; background: ${c}; }`);
  }
  for (const [state, c] of Object.entries(STATE_COLORS)) lines.push(`.st-${state} { fill: ${c}; background: ${c}; }`);
  return lines.join('\n');
}

export function pageCss(theme: Theme): string {
  return `${theme === 'vscode' ? VSCODE_VARS : STANDALONE_VARS}\n${BASE}\n${paletteCss()}\n`;
}
