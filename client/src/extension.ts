import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview/commands';

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
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml}'), configurationSection: 'kubeplan' },
    outputChannelName: 'Kubeplan',
  };
  client = new LanguageClient('kubeplan', 'Kubeplan', serverOptions, clientOptions);
  registerPreview(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
