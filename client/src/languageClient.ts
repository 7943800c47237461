/**
 * The language client proper: vscode-languageclient and its protocol (~360 KB). Bundled as
 * its own file (dist/languageClient.js) and loaded by lazyClient.ts right after activate()
 * returns, so activation does not pay for loading it.
 */
import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DIAGNOSTIC_DELTAS_OPTION } from '../../server/src/protocol/diagnosticDeltas';
import { receiveDiagnosticDeltas } from './diagnosticDeltas';
import { ServerRecovery } from './serverRecovery';

export { WorkDoneProgress } from 'vscode-languageclient/node';

/** A client for dist/server.js over IPC; not started. */
export function createLanguageClient(context: ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      // .kubeplan.yaml is named explicitly: dotfiles are easy to lose in a glob
      fileEvents: [workspace.createFileSystemWatcher('**/*.{yaml,yml}'), workspace.createFileSystemWatcher('**/.kubeplan.{yaml,yml}')],
      configurationSection: 'kubeplan',
    },
    // In Restricted Mode the server ignores settings that point outside the workspace (kubeplan.clusterFile).
    // Diagnostics come as deltas (diagnosticDeltas.ts): a keystroke in a huge file sends what it changed.
    initializationOptions: { isTrusted: workspace.isTrusted, [DIAGNOSTIC_DELTAS_OPTION]: true },
    outputChannelName: 'Kubeplan',
    // a dead server is restarted (4 times in 3 minutes at most) with one notification per crash burst
    errorHandler: new ServerRecovery({
      warn: (message, ...actions) => window.showWarningMessage(message, ...actions),
      error: (message, ...actions) => window.showErrorMessage(message, ...actions),
      showOutput: () => client.outputChannel.show(true),
      restart: async () => {
        await client.start();
      },
    }),
  };
  const client = new LanguageClient('kubeplan', 'Kubeplan', serverOptions, clientOptions);
  context.subscriptions.push(receiveDiagnosticDeltas(client));
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification('kubeplan/workspaceTrust', { isTrusted: true })));
  return client;
}
