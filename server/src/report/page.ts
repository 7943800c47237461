/**
 * The Preview Apply page: one renderer for the VS Code webview and the offline HTML report.
 * Pure TypeScript (no vscode imports); everything the manifests control is escaped, the only
 * script and style carry a nonce, and nothing is loaded from anywhere (CSP `default-src 'none'`).
 */
import type { SimulationResult } from '../engine/cluster/result';
import type { PreviewScenario } from '../protocol/preview';
import { html, raw, type Html } from './escape';
import { PAGE_SCRIPT } from './script';
import { renderEvents } from './sections/events';
import { renderApplyErrors, renderFindings } from './sections/findings';
import { renderNodes } from './sections/nodes';
import { renderServices } from './sections/services';
import { renderScenarios, renderSummary } from './sections/summary';
import { renderTimeline } from './sections/timeline';
import { pageCss, type Theme } from './styles';
import { SourceIndex, WorkloadColors } from './workloads';

export interface PageOptions {
  /** A fresh random value per render; see `makeNonce`. */
  nonce: string;
  /** `vscode`: themed by the editor, with scenario buttons; `standalone`: offline report. */
  theme: Theme;
  /** The webview's `cspSource` (VS Code only). */
  cspSource?: string;
  title?: string;
  /** The scenario the result is for, so the toolbar shows its choices. */
  scenario?: PreviewScenario;
  /** A line for the footer, e.g. which files were simulated. */
  footer?: string;
}

/** The content of `<main>`: what the webview swaps in on every update. */
export function renderBody(result: SimulationResult, options: Pick<PageOptions, 'theme' | 'title' | 'scenario' | 'footer'>): string {
  const colors = new WorkloadColors(result);
  const sources = new SourceIndex(result);
  return html`${renderSummary(result, options.title ?? 'Preview apply')}
${options.theme === 'vscode' ? renderScenarios(result, options.scenario) : html``}
${renderApplyErrors(result)}
${renderFindings(result)}
${renderNodes(result, colors, sources)}
${renderTimeline(result, colors, sources)}
${renderServices(result)}
${renderEvents(result, sources)}
${options.footer ? html`<footer>${options.footer}</footer>` : html``}`.text;
}

/** What the page shows when there is no result: the reason, in words, instead of a crash. */
export function renderMessageBody(title: string, message: string, kind: 'error' | 'info' = 'error'): string {
  return html`<header class="summary"><h1>${title}</h1></header><div class="${kind === 'error' ? 'error-banner' : 'panel'}" role="${kind === 'error' ? 'alert' : 'status'}" data-kind="${kind}">${message}</div>`.text;
}

export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const src = cspSource ? ` ${cspSource}` : '';
  return [
    `default-src 'none'`,
    `style-src 'nonce-${nonce}'${src}`,
    `script-src 'nonce-${nonce}'`,
    `img-src data:${src}`,
    `font-src${src || " 'none'"}`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

/** A whole HTML document around a body from `renderBody` or `renderMessageBody`. */
export function renderDocument(body: string, options: PageOptions): string {
  const title = options.title ?? 'Kubeplan preview';
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.nonce, options.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kubeplan">
<title>${title}</title>
<style nonce="${options.nonce}">${raw(pageCss(options.theme))}</style>
</head>
<body class="theme-${options.theme}">
<main id="app">${raw(body)}</main>
<script nonce="${options.nonce}">${raw(PAGE_SCRIPT)}</script>
</body>
</html>
`.text;
}

/** The full page for a result. */
export function renderPage(result: SimulationResult, options: PageOptions): string {
  return renderDocument(renderBody(result, options), options);
}

/** 128 random bits, base64: a CSP nonce nobody can guess. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type { Html };
