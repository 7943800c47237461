import { languages, type Diagnostic, type Disposable } from 'vscode';
import { State, type Diagnostic as LspDiagnostic, type LanguageClient } from 'vscode-languageclient/node';
import { applyDiagnosticDelta, DIAGNOSTIC_DELTA_NOTIFICATION, type DiagnosticDeltaParams } from '../../server/src/protocol/diagnosticDeltas';

/**
 * Keeps the diagnostics the server sends as deltas (server/src/protocol/diagnosticDeltas.ts;
 * asked for in the client's initializationOptions): each file's list by id, shown in a
 * collection of our own. An edit of a huge file then costs the few diagnostics it changed
 * instead of reading and converting the whole list again.
 */
export function receiveDiagnosticDeltas(client: LanguageClient): Disposable {
  const collection = languages.createDiagnosticCollection('kubeplan.lint');
  const files = new Map<string, Map<number, Diagnostic>>();
  const convert = (d: object) => client.protocol2CodeConverter.asDiagnostic(d as LspDiagnostic);
  const subscriptions = [
    client.onNotification(DIAGNOSTIC_DELTA_NOTIFICATION, (delta: DiagnosticDeltaParams) => {
      const held = applyDiagnosticDelta(files.get(delta.uri), delta, convert);
      const uri = client.protocol2CodeConverter.asUri(delta.uri);
      if (held.size === 0) {
        files.delete(delta.uri);
        collection.delete(uri);
      } else {
        files.set(delta.uri, held);
        collection.set(uri, [...held.values()]);
      }
    }),
    // a stopped server's diagnostics go (as the library does with its own); a restarted one starts each file with a reset
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) return;
      files.clear();
      collection.clear();
    }),
  ];
  return {
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      collection.dispose();
    },
  };
}
