import { StatusBarAlignment, ThemeColor, Uri, window, type Disposable, type StatusBarItem, type TextEditor } from 'vscode';
import type { SimulationResult } from '../../../server/src/engine/cluster/result';
import type { FilePodCounts, SimulationSummaryParams } from '../../../server/src/protocol/preview';
import { countPods, podSummary } from '../../../server/src/report';
import { fileToUri } from './reveal';

/**
 * "Kubeplan: 12 pods, 2 Pending" for the active manifest, from the latest simulation
 * (on-type or Preview Apply). A click opens the preview.
 */
export class PodStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private counts = new Map<string, FilePodCounts>();
  private error: string | undefined;
  private readonly subscription: Disposable;

  constructor(command: string) {
    this.item = window.createStatusBarItem('kubeplan.pods', StatusBarAlignment.Left, 50);
    this.item.name = 'Kubeplan pods';
    this.item.command = command;
    this.subscription = window.onDidChangeActiveTextEditor((e) => this.render(e));
  }

  /** From the server's on-type simulation. */
  onSummary(params: SimulationSummaryParams): void {
    this.counts = new Map(Object.entries(params.files).map(([uri, c]) => [Uri.parse(uri).toString(), c]));
    this.error = params.error;
    this.render(window.activeTextEditor);
  }

  /** From a Preview Apply run: refreshes the files that run covered. */
  onResult(result: SimulationResult): void {
    const byFile = new Map<string, SimulationResult['pods']>();
    for (const p of result.pods) {
      if (!p.source) continue;
      const key = fileToUri(p.source.file).toString();
      byFile.set(key, [...(byFile.get(key) ?? []), p]);
    }
    for (const [key, pods] of byFile) this.counts.set(key, countPods(pods));
    this.render(window.activeTextEditor);
  }

  private render(editor: TextEditor | undefined): void {
    const doc = editor?.document;
    if (!doc || doc.languageId !== 'yaml') {
      this.item.hide();
      return;
    }
    const c = this.counts.get(doc.uri.toString());
    if (this.error && !c) {
      this.item.text = '$(warning) Kubeplan: simulation failed';
      this.item.tooltip = `${this.error}\nClick to open the preview.`;
      this.item.backgroundColor = new ThemeColor('statusBarItem.warningBackground');
      this.item.show();
      return;
    }
    if (!c) {
      this.item.hide();
      return;
    }
    const troubled = c.pending > 0 || c.failing > 0;
    this.item.text = `${troubled ? '$(warning)' : '$(pass)'} Kubeplan: ${podSummary(c)}`;
    this.item.tooltip = `${c.ready} of ${c.total} pods Ready in the simulated cluster. Click to open Preview Apply.`;
    this.item.backgroundColor = troubled ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
