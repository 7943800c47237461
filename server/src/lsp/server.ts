import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../engine';
import type { ServerContext } from './context';
import { registerCodeActions } from './features/codeActions';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { uriToFile } from './uris';

const ctx: ServerContext = {
  connection: createConnection(ProposedFeatures.all),
  documents: new TextDocuments(TextDocument),
  workspace: new Workspace(),
  roots: [],
  onFileLinted: [],
};

ctx.connection.onInitialize((params) => {
  ctx.roots = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
  if (ctx.roots.length === 0 && params.rootUri) ctx.roots = [uriToFile(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'kubeplan', version: '0.1.0' },
  };
});

// Each feature registers its own handlers; add new features here.
registerDiagnostics(ctx);
registerCodeActions(ctx);
registerHover(ctx);

ctx.documents.listen(ctx.connection);
ctx.connection.listen();
