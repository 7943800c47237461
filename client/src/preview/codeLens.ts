import { CodeLens, EventEmitter, Range, type CancellationToken, type CodeLensProvider, type TextDocument } from 'vscode';
import { findWorkloads } from './workloadHeaders';

/** "▶ Preview apply" above each workload in a YAML file. */
export class PreviewCodeLensProvider implements CodeLensProvider {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly command: string) {}

  provideCodeLenses(document: TextDocument, token: CancellationToken): CodeLens[] {
    if (token.isCancellationRequested) return [];
    return findWorkloads(document.getText()).map(
      (w) =>
        new CodeLens(new Range(w.line, 0, w.line, 0), {
          title: '▶ Preview apply',
          tooltip: `Simulate applying this file and see where ${w.kind}${w.name ? ` ${w.name}` : ''}'s pods land`,
          command: this.command,
          arguments: [document.uri],
        }),
    );
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
