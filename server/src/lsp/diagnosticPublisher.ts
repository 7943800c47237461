import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DIAGNOSTIC_DELTA_NOTIFICATION, DIAGNOSTIC_DELTAS_OPTION, type DiagnosticDeltaParams } from '../protocol/diagnosticDeltas';

/** The client's initializationOptions ask for deltas. */
export function deltasRequested(initializationOptions: unknown): boolean {
  return typeof initializationOptions === 'object' && initializationOptions !== null && (initializationOptions as Record<string, unknown>)[DIAGNOSTIC_DELTAS_OPTION] === true;
}

/**
 * Sends a file's diagnostics: as LSP publishDiagnostics, or, to a client that asked for them
 * (protocol/diagnosticDeltas.ts), as the change since the last publish of that file. A
 * diagnostic is known by its object: the diagnostics feature hands out the same Diagnostic
 * for an unchanged finding (lsp/diagnostics.ts), so an edit's delta holds what it changed.
 */
export class DiagnosticPublisher {
  /** Per URI, what the client holds: diagnostic object → id. */
  private readonly sent = new Map<string, Map<Diagnostic, number>>();
  private nextId = 1;

  constructor(
    private readonly connection: Connection,
    private readonly deltas: () => boolean,
  ) {}

  publish(params: PublishDiagnosticsParams): void {
    if (!this.deltas()) {
      void this.connection.sendDiagnostics(params);
      return;
    }
    void this.connection.sendNotification(DIAGNOSTIC_DELTA_NOTIFICATION, this.delta(params));
  }

  /** The delta from what was last sent for `params.uri` to `params.diagnostics`; records them as sent. */
  delta(params: PublishDiagnosticsParams): DiagnosticDeltaParams {
    const { uri, version } = params;
    const previous = this.sent.get(uri);
    const held = new Map<Diagnostic, number>();
    const ids: number[] = [];
    const added: Diagnostic[] = [];
    for (let d of params.diagnostics) {
      // the same object twice in one list is two diagnostics: the second gets its own identity
      if (held.has(d)) d = { ...d };
      const id = previous?.get(d);
      if (id !== undefined) held.set(d, id);
      else {
        const fresh = this.nextId++;
        held.set(d, fresh);
        ids.push(fresh);
        added.push(d);
      }
    }
    const remove: number[] = [];
    if (previous) for (const [d, id] of previous) if (!held.has(d)) remove.push(id);
    if (held.size > 0) this.sent.set(uri, held);
    else this.sent.delete(uri);
    // nothing in common with the last publish (or none): a reset says so in fewer bytes than the removals
    const reset = !previous || remove.length === previous.size;
    return { uri, ...(version === undefined || version === null ? {} : { version }), reset, remove: reset ? [] : remove, ids, diagnostics: added };
  }
}
