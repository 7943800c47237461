// first: heap settings apply to what is allocated after them
import './heapTuning';
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { Workspace } from '../engine';
import type { ServerContext } from './context';
import { DiagnosticPublisher, deltasRequested } from './diagnosticPublisher';
import { DocumentSync } from './documentSync';
import { registerCodeActions } from './features/codeActions';
import { registerDebugMemory } from './features/debugMemory';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { createServerConnection, Inbox } from './transport';
import { registerPreview } from './features/preview';
import { registerSettings } from './features/settings';
import { registerConfig } from './features/config';
import { uriToFile } from './uris';

const inbox = new Inbox();
const sync = new DocumentSync();
const connection = createServerConnection(inbox);
const publisher = new DiagnosticPublisher(connection, () => deltasRequested(ctx.initializationOptions));
const ctx: ServerContext = {
  connection,
  publishDiagnostics: (params) => publisher.publish(params),
  documents: sync.documents,
  workspace: new Workspace(),
  roots: [],
  onFileLinted: [],
  workSignal: () => new AbortController().signal,
  diagnosticContributors: [],
  republish: () => undefined,
  onSettings: [],
  onInitialized: [],
  initializationOptions: undefined,
  trusted: true,
  refreshSettings: () => undefined,
  relintAll: () => undefined,
  isConfigFile: () => false,
  onWatchedFiles: [],
  configured: Promise.resolve(),
};

ctx.connection.onInitialize((params) => {
  ctx.roots = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
  if (ctx.roots.length === 0 && params.rootUri) ctx.roots = [uriToFile(params.rootUri)];
  // One line in the Kubeplan output channel, so a user (and the real-editor test) can see the server is up.
  ctx.connection.console.info(`Kubeplan language server started on Node ${process.version}; workspace: ${ctx.roots.join(', ') || '(none)'}`);
  ctx.initializationOptions = params.initializationOptions;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'kubeplan', version: '0.1.0' },
  };
});

ctx.connection.onInitialized(() => {
  for (const listener of ctx.onInitialized) listener();
});

// Each feature registers its own handlers; add new features here.
// Config first: its `initialized` listener loads .kubeplan.yaml before the first scan lints anything.
registerConfig(ctx);
registerDiagnostics(ctx, sync, inbox);
registerCodeActions(ctx);
registerHover(ctx);
registerPreview(ctx);
registerSettings(ctx);
registerDebugMemory(ctx);

ctx.documents.listen(ctx.connection);
// A rejected promise nobody awaited (an async listener's bug) would end the process and take
// the open documents and caches with it: it is reported in the output channel instead.
process.on('unhandledRejection', (e) => ctx.connection.console.error(`Kubeplan: internal error (unhandled rejection): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
ctx.connection.listen();
