import { CancellationTokenSource, ProgressLocation, window } from 'vscode';
import type { WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { REQUEST_CANCELLED, SIMULATE_REQUEST, type PreviewScenario, type SimulateParams, type SimulateResponse } from '../../../server/src/protocol/preview';
import type { LazyLanguageClient } from '../lazyClient';
import type { PreviewTarget } from './target';

export type RunOutcome = { kind: 'done'; response: SimulateResponse } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

let tokenCounter = 0;

/**
 * Sends `kubeplan/simulate` with a progress bar the user can cancel. A newer run cancels
 * the older one (its request is cancelled in the server too, via $/cancelRequest).
 */
export class SimulationRunner {
  private current: CancellationTokenSource | undefined;

  constructor(private readonly lazyClient: LazyLanguageClient) {}

  async run(target: PreviewTarget, scenario: PreviewScenario, quiet: boolean): Promise<RunOutcome> {
    this.current?.cancel();
    const cts = new CancellationTokenSource();
    this.current = cts;
    const workDoneToken = `kubeplan-simulate-${process.pid}-${++tokenCounter}`;
    const params: SimulateParams = { scope: target.scope, uri: target.uri?.toString(), scenario, workDoneToken };
    try {
      return await window.withProgress(
        {
          // automatic refreshes show in the status bar; an explicit command gets a cancellable notification
          location: quiet ? ProgressLocation.Window : ProgressLocation.Notification,
          title: `Kubeplan: Preview apply (${target.label})`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => cts.cancel());
          // right after activation the client may still be loading: the progress shows meanwhile
          const { client, lib } = await this.lazyClient.ready();
          if (cts.token.isCancellationRequested) return { kind: 'cancelled' } as const;
          let reported = 0;
          const sub = client.onProgress(lib.WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind === 'end') return;
            const v = value as WorkDoneProgressBegin | WorkDoneProgressReport;
            const pct = v.percentage ?? reported;
            progress.report({ message: v.message, increment: Math.max(0, pct - reported) });
            reported = Math.max(reported, pct);
          });
          try {
            const response = await client.sendRequest<SimulateResponse>(SIMULATE_REQUEST, params, cts.token);
            return cts.token.isCancellationRequested ? ({ kind: 'cancelled' } as const) : ({ kind: 'done', response } as const);
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (e) {
      if (cts.token.isCancellationRequested || (e as { code?: number }).code === REQUEST_CANCELLED) return { kind: 'cancelled' };
      return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    } finally {
      if (this.current === cts) this.current = undefined;
      cts.dispose();
    }
  }

  cancel(): void {
    this.current?.cancel();
  }
}
