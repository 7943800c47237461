import { Disposable, ViewColumn, window, type WebviewPanel } from 'vscode';
import type { SimulationResult } from '../../../server/src/engine/cluster/result';
import type { PreviewScenario, SimulateResponse } from '../../../server/src/protocol/preview';
import { makeNonce, renderBody, renderDocument, renderMessageBody } from '../../../server/src/report';
import { parsePageMessage } from './messages';
import { revealSource } from './reveal';
import type { SimulationRunner } from './runner';
import type { PreviewTarget } from './target';

export const PREVIEW_VIEW_TYPE = 'kubeplan.preview';

/** Listener for every finished simulation (the status bar counts its pods). */
export type ResultListener = (result: SimulationResult) => void;

/**
 * The Preview Apply webview: one panel, re-used; shows the latest simulation of its target,
 * re-runs it when the manifests change, and answers the page's reveal/scenario requests.
 */
export class PreviewPanel implements Disposable {
  private panel: WebviewPanel | undefined;
  private target: PreviewTarget | undefined;
  private scenario: PreviewScenario = { kind: 'apply' };
  private body = '';
  private pageReady = false;
  /** Files the current result points at: the only ones a reveal may open. */
  private sourceFiles = new Set<string>();
  private stale = false;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly runner: SimulationRunner,
    private readonly onResult: ResultListener,
  ) {}

  get visibleTarget(): PreviewTarget | undefined {
    return this.panel ? this.target : undefined;
  }

  /** Opens (or focuses) the panel on `target` and simulates it. */
  async show(target: PreviewTarget, scenario: PreviewScenario = { kind: 'apply' }): Promise<void> {
    this.target = target;
    this.scenario = scenario;
    const title = `Preview: ${target.label}`;
    if (!this.panel) {
      this.panel = window.createWebviewPanel(PREVIEW_VIEW_TYPE, title, { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [], enableFindWidget: true });
      this.pageReady = false;
      this.setBody(renderMessageBody(`Preview apply — ${target.label}`, 'Simulating…', 'info'), true);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.runner.cancel();
      }, undefined, this.disposables);
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.stale) void this.refresh();
      }, undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((m) => void this.onMessage(m), undefined, this.disposables);
    } else {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
    }
    await this.simulate(false);
  }

  /** Re-runs the current target (the manifests changed); deferred while the panel is hidden. */
  async refresh(): Promise<void> {
    if (!this.panel || !this.target) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    await this.simulate(true);
  }

  private async simulate(quiet: boolean): Promise<void> {
    const target = this.target;
    if (!target || !this.panel) return;
    void this.panel.webview.postMessage({ type: 'busy', busy: true });
    const outcome = await this.runner.run(target, this.scenario, quiet);
    if (!this.panel || this.target !== target) return;
    const title = `Preview apply — ${target.label}`;
    if (outcome.kind === 'cancelled') {
      void this.panel.webview.postMessage({ type: 'busy', busy: false });
      return;
    }
    if (outcome.kind === 'failed') {
      this.setBody(renderMessageBody(title, `The language server could not run the simulation: ${outcome.message}`));
      return;
    }
    this.present(outcome.response, title);
  }

  private present(response: SimulateResponse, title: string): void {
    if (!response.result) {
      this.setBody(renderMessageBody(title, response.error ?? 'Nothing to show.', response.files.length ? 'error' : 'info'));
      return;
    }
    const result = response.result;
    this.sourceFiles = collectSourceFiles(result);
    const files = response.files.length === 1 ? '1 file' : `${response.files.length} files`;
    this.setBody(renderBody(result, { theme: 'vscode', title, scenario: this.scenario, footer: `Simulated ${files} in ${Math.round(response.elapsedMs)} ms (wall clock).` }));
    this.onResult(result);
  }

  private setBody(body: string, reload = false): void {
    if (!this.panel) return;
    this.body = body;
    if (reload || !this.pageReady) {
      const nonce = makeNonce();
      this.panel.webview.html = renderDocument(body, { nonce, theme: 'vscode', cspSource: this.panel.webview.cspSource, title: this.panel.title });
      return;
    }
    void this.panel.webview.postMessage({ type: 'render', html: body });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parsePageMessage(raw);
    if (!m || !this.panel) return;
    if (m.type === 'ready') {
      // the page (re)loaded, e.g. after being hidden: give it the latest content
      this.pageReady = true;
      void this.panel.webview.postMessage({ type: 'render', html: this.body });
    } else if (m.type === 'reveal') {
      if (!this.sourceFiles.has(m.file)) return;
      try {
        await revealSource(m.file, m.range);
      } catch (e) {
        void window.showWarningMessage(`Kubeplan: cannot open ${m.file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (m.type === 'scenario') {
      this.scenario = m.scenario;
      await this.simulate(false);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function collectSourceFiles(result: SimulationResult): Set<string> {
  const out = new Set<string>();
  const add = (s: { file: string } | undefined) => s && out.add(s.file);
  for (const p of result.pods) add(p.source);
  for (const s of result.services) add(s.source);
  for (const f of result.findings) add(f.source);
  for (const e of result.applyErrors) add(e.source);
  return out;
}
