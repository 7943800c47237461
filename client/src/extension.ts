import * as path from 'node:path';
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview/commands';
import { ServerRecovery } from './serverRecovery';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
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
    initializationOptions: { isTrusted: workspace.isTrusted },
    outputChannelName: 'Kubeplan',
    // a dead server is restarted (4 times in 3 minutes at most) with one notification per crash burst
    errorHandler: new ServerRecovery({
      warn: (message, ...actions) => window.showWarningMessage(message, ...actions),
      error: (message, ...actions) => window.showErrorMessage(message, ...actions),
      showOutput: () => client?.outputChannel.show(true),
      restart: async () => {
        await client?.start();
      },
    }),
  };
  client = new LanguageClient('kubeplan', 'Kubeplan', serverOptions, clientOptions);
  registerPreview(context, client);
  const started = client;
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void started.sendNotification('kubeplan/workspaceTrust', { isTrusted: true })));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
