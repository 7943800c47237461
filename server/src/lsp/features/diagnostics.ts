import { readFile } from 'node:fs/promises';
import { FileChangeType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { Coalescer } from '../coalescer';
import { toDiagnostic } from '../diagnostics';
import { findYamlFiles } from '../scanner';
import { fileToUri, isYamlUri, uriToFile } from '../uris';

/** Files bigger than this are not linted (a clear note instead), so one huge file can't freeze the editor. */
export const MAX_FILE_CHARS = 10_000_000;
const SCAN_LIMITS = { maxFiles: 20_000, maxFileBytes: MAX_FILE_CHARS };

/**
 * Keeps the engine's workspace in step with open documents and files on disk, and
 * publishes diagnostics: for the file that changed, and for every other file whose
 * cross-file findings that change affected.
 */
export function registerDiagnostics(ctx: ServerContext): void {
  const { connection, documents, workspace } = ctx;
  /** URIs known to the workspace, with a signature of the cross-file findings last published. */
  const known = new Map<string, string>();

  const crossSignature = (uri: string) =>
    workspace
      .crossFileFindings(uriToFile(uri))
      .map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}:${f.message}`)
      .join('|');

  const publish = (uri: string) => {
    const diagnostics = workspace.findings(uriToFile(uri)).map(toDiagnostic);
    void connection.sendDiagnostics({ uri, diagnostics });
    known.set(uri, crossSignature(uri));
    for (const listener of ctx.onFileLinted) listener(uri);
  };

  const republishOthers = (changed: string) => {
    for (const [uri, signature] of known) {
      if (uri !== changed && crossSignature(uri) !== signature) publish(uri);
    }
  };

  const forget = (uri: string) => {
    workspace.removeFile(uriToFile(uri));
    known.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  };

  /** Feeds a file's text to the engine; returns false when it was too large to lint. */
  const setText = (uri: string, text: string): boolean => {
    if (text.length <= MAX_FILE_CHARS) {
      workspace.setFile(uriToFile(uri), text);
      return true;
    }
    workspace.removeFile(uriToFile(uri));
    known.set(uri, '');
    void connection.sendDiagnostics({
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
    return false;
  };

  const lintQueue = new Coalescer<string>((uri) => {
    const doc = documents.get(uri);
    if (!doc) return;
    if (setText(uri, doc.getText())) publish(uri);
    republishOthers(uri);
  });

  const scanWorkspace = async () => {
    for (const root of ctx.roots) {
      for (const file of await findYamlFiles(root, SCAN_LIMITS)) {
        const uri = fileToUri(file);
        if (documents.get(uri)) continue;
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text !== undefined) setText(uri, text);
      }
    }
    for (const file of workspace.files) publish(fileToUri(file));
  };

  connection.onInitialized(() => void scanWorkspace());

  documents.onDidOpen((e) => {
    if (isYamlUri(e.document.uri, e.document.languageId)) lintQueue.request(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (isYamlUri(e.document.uri, e.document.languageId)) lintQueue.request(e.document.uri);
  });
  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    lintQueue.cancel(uri);
    // A closed file still counts for cross-file rules if it exists on disk (unsaved edits are dropped).
    const text = uri.startsWith('file:') ? await readFile(uriToFile(uri), 'utf8').catch(() => undefined) : undefined;
    if (text === undefined) forget(uri);
    else if (setText(uri, text)) publish(uri);
    republishOthers(uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      const uri = change.uri;
      if (!isYamlUri(uri) || documents.get(uri)) continue;
      if (change.type === FileChangeType.Deleted) forget(uri);
      else {
        const text = await readFile(uriToFile(uri), 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        if (setText(uri, text)) publish(uri);
      }
      republishOthers(uri);
    }
  });
}
