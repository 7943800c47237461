import { readFile } from 'node:fs/promises';
import { createConnection, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../engine';
import { codeActionsFor } from './codeActions';
import { Coalescer } from './coalescer';
import { toDiagnostic } from './diagnostics';
import { findYamlFiles } from './scanner';
import { fileToUri, isYamlUri, uriToFile } from './uris';

/** Files bigger than this are not linted (a clear note instead), so one huge file can't freeze the editor. */
const MAX_FILE_CHARS = 10_000_000;
const SCAN_LIMITS = { maxFiles: 20_000, maxFileBytes: MAX_FILE_CHARS };

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace();
/** URIs known to the workspace (open or found on disk), with the cross-file part last published. */
const known = new Map<string, { crossSignature: string }>();
let workspaceRoots: string[] = [];

function crossSignature(uri: string): string {
  return workspace
    .crossFileFindings(uriToFile(uri))
    .map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}:${f.message}`)
    .join('|');
}

function publish(uri: string): void {
  const file = uriToFile(uri);
  const diagnostics = workspace.findings(file).map(toDiagnostic);
  connection.sendDiagnostics({ uri, diagnostics });
  known.set(uri, { crossSignature: crossSignature(uri) });
}

/** After one file changed, other files' cross-file findings may have too: republish those. */
function republishOthers(changed: string): void {
  for (const [uri, state] of known) {
    if (uri === changed) continue;
    if (crossSignature(uri) !== state.crossSignature) publish(uri);
  }
}

function setText(uri: string, text: string): void {
  const file = uriToFile(uri);
  if (text.length > MAX_FILE_CHARS) {
    workspace.removeFile(file);
    connection.sendDiagnostics({
      uri,
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: 'kubeplan',
          code: 'file-too-large',
          message: `File not linted: ${(text.length / 1e6).toFixed(1)} M characters is over the ${MAX_FILE_CHARS / 1e6} M limit.`,
        },
      ],
    });
    known.set(uri, { crossSignature: '' });
    return;
  }
  workspace.setFile(file, text);
}

const lintQueue = new Coalescer<string>((uri) => {
  const doc = documents.get(uri);
  if (!doc) return;
  setText(uri, doc.getText());
  if (workspace.hasFile(uriToFile(uri))) publish(uri);
  republishOthers(uri);
});

connection.onInitialize((params: InitializeParams) => {
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
  if (workspaceRoots.length === 0 && params.rootUri) workspaceRoots = [uriToFile(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'kubeplan', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  void scanWorkspace();
});

async function scanWorkspace(): Promise<void> {
  for (const root of workspaceRoots) {
    const files = await findYamlFiles(root, SCAN_LIMITS);
    for (const file of files) {
      const uri = fileToUri(file);
      if (documents.get(uri)) continue;
      try {
        setText(uri, await readFile(file, 'utf8'));
      } catch {
        continue;
      }
    }
  }
  for (const file of workspace.files) publish(fileToUri(file));
}

documents.onDidOpen((e) => {
  if (isYamlUri(e.document.uri, e.document.languageId)) lintQueue.request(e.document.uri);
});
documents.onDidChangeContent((e) => {
  if (isYamlUri(e.document.uri, e.document.languageId)) lintQueue.request(e.document.uri);
});
documents.onDidClose(async (e) => {
  const uri = e.document.uri;
  lintQueue.cancel(uri);
  const file = uriToFile(uri);
  // A closed file still counts for cross-file rules if it exists on disk (unsaved edits are dropped).
  let text: string | undefined;
  if (uri.startsWith('file:')) text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    workspace.removeFile(file);
    known.delete(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] });
  } else {
    setText(uri, text);
    publish(uri);
  }
  republishOthers(uri);
});

connection.onDidChangeWatchedFiles(async (params) => {
  for (const change of params.changes) {
    const uri = change.uri;
    if (!isYamlUri(uri) || documents.get(uri)) continue;
    const file = uriToFile(uri);
    if (change.type === FileChangeType.Deleted) {
      workspace.removeFile(file);
      known.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] });
    } else {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      setText(uri, text);
      publish(uri);
    }
    republishOthers(uri);
  }
});

connection.onCodeAction((params) => {
  const uri = params.textDocument.uri;
  return codeActionsFor(uri, workspace.findings(uriToFile(uri)), params);
});

documents.listen(connection);
connection.listen();
