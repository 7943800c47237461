import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DIAGNOSTIC_DELTA_NOTIFICATION, DIAGNOSTIC_DELTAS_OPTION, type DiagnosticDeltaParams } from '../protocol/diagnosticDeltas';

/** The client's initializationOptions ask for deltas. */
export function deltasRequested(initializationOptions: unknown): boolean {
  return typeof initializationOptions === 'object' && initializationOptions !== null && (initializationOptions as Record<string, unknown>)[DIAGNOSTIC_DELTAS_OPTION] === true;
}

/** Marks on a published diagnostic object; symbol keys, so JSON never carries them. */
const ID = Symbol('kubeplan.diagnosticId');
const SEEN = Symbol('kubeplan.seenInPublish');
const FILE = Symbol('kubeplan.publishedFor');
interface Marked {
  [ID]?: number;
  [SEEN]?: number;
  [FILE]?: string;
}

/**
 * Sends a file's diagnostics: as LSP publishDiagnostics, or, to a client that asked for them
 * (protocol/diagnosticDeltas.ts), as the change since the last publish of that file. A
 * diagnostic is known by its object: the diagnostics feature hands out the same Diagnostic
 * for an unchanged finding (lsp/diagnostics.ts), so an edit's delta holds what it changed.
 */
export class DiagnosticPublisher {
  /** Per URI, the diagnostics the client holds (each marked with its id). */
  private readonly sent = new Map<string, Diagnostic[]>();
  private nextId = 1;
  private publishes = 0;

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

  /**
   * The delta from what was last sent for `params.uri` to `params.diagnostics`; records them
   * as sent. Linear in the list, with no map: each object carries its id and the number of
   * the publish that last listed it (a keystroke in a file of 8,000 diagnostics costs well
   * under a millisecond here).
   */
  delta(params: PublishDiagnosticsParams): DiagnosticDeltaParams {
    const { uri, version } = params;
    const previous = this.sent.get(uri);
    const publish = ++this.publishes;
    if (previous) for (const d of previous) (d as Marked)[SEEN] = -publish; // held by the client
    const held: Diagnostic[] = new Array(params.diagnostics.length);
    const ids: number[] = [];
    const added: Diagnostic[] = [];
    let kept = 0;
    for (let i = 0; i < params.diagnostics.length; i++) {
      let d = params.diagnostics[i]! as Diagnostic & Marked;
      // the same object twice in one list (or in two files' lists) is two diagnostics: the second gets its own identity
      if (d[SEEN] === publish || (d[FILE] !== undefined && d[FILE] !== uri)) {
        d = { ...d };
        d[ID] = d[SEEN] = undefined;
      }
      d[FILE] = uri;
      if (d[SEEN] === -publish) kept++;
      else {
        d[ID] = this.nextId++;
        ids.push(d[ID]);
        added.push(d);
      }
      d[SEEN] = publish;
      held[i] = d;
    }
    const remove: number[] = [];
    if (previous && kept < previous.length) for (const d of previous as (Diagnostic & Marked)[]) if (d[SEEN] !== publish) remove.push(d[ID]!);
    if (held.length > 0) this.sent.set(uri, held);
    else this.sent.delete(uri);
    // nothing in common with the last publish (or none): a reset says so in fewer bytes than the removals
    const reset = !previous || kept === 0;
    return { uri, ...(version === undefined || version === null ? {} : { version }), reset, remove: reset ? [] : remove, ids, diagnostics: added };
  }
}
