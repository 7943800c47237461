import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { applyDiagnosticDelta, DIAGNOSTIC_DELTA_NOTIFICATION, type DiagnosticDeltaParams } from '../../server/src/protocol/diagnosticDeltas';

export const ROOT = join(__dirname, '..', '..');

/** A real LSP client over stdio against `node dist/server.js --stdio`. */
export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly published: { uri: string; count: number; at: number }[] = [];
  /** The document version each URI's latest diagnostics were computed for (when the server said). */
  readonly publishedVersion = new Map<string, number | undefined>();
  stderr = '';
  /** Delta notifications received, and each file's diagnostics by id (when the client asked for deltas). */
  deltas = 0;
  private readonly byId = new Map<string, Map<number, Diagnostic>>();
  /** What the client answers to `workspace/configuration`, by section (e.g. `{ kubeplan: { rules: {…} } }`). */
  settings: Record<string, unknown> = {};
  /** Per workspace-folder URI, answers that take precedence over `settings`. */
  readonly folderSettings = new Map<string, Record<string, unknown>>();

  /** `nodeArgs` go to node before the script (e.g. --expose-gc, --require a preload). */
  constructor(serverPath = join(ROOT, 'dist', 'server.js'), args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env, nodeArgs: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.received(p));
    // a client that asked for deltas (initializationOptions.diagnosticDeltas) keeps each file's list, as the VS Code client does
    this.connection.onNotification(DIAGNOSTIC_DELTA_NOTIFICATION, (p: DiagnosticDeltaParams) => {
      this.deltas++;
      const held = applyDiagnosticDelta(this.byId.get(p.uri), p, (d) => d as Diagnostic);
      this.byId.set(p.uri, held);
      this.received({ uri: p.uri, version: p.version, diagnostics: [...held.values()] });
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
      p.items.map((item) => {
        const source = (item.scopeUri && this.folderSettings.get(item.scopeUri)) || this.settings;
        return item.section ? ((source as Record<string, unknown>)[item.section] ?? null) : null;
      }),
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  private received(p: PublishDiagnosticsParams): void {
    this.diagnostics.set(p.uri, p.diagnostics);
    this.publishedVersion.set(p.uri, p.version);
    this.published.push({ uri: p.uri, count: p.diagnostics.length, at: performance.now() });
    this.waiters = this.waiters.filter((w) => {
      if (w.uri !== p.uri || !w.predicate(p.diagnostics)) return true;
      w.resolve(p.diagnostics);
      return false;
    });
  }

  async initialize(rootUri: string | null = null, initializationOptions: unknown = undefined): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: {} }, window: { workDoneProgress: true } },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, changes: ({ text: string } | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string })[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Sends several didChange notifications in one write, so they reach the server together (a burst). */
  changeBurst(uri: string, edits: { version: number; changes: Parameters<LspClient['change']>[2] }[]): void {
    const frames = edits.map(({ version, changes }) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: changes } }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.process.stdin!.write(Buffer.concat(frames));
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** textDocument/hover at a 0-based position; resolves to the Markdown shown, or null. */
  async hover(uri: string, line: number, character: number): Promise<{ markdown: string; range: unknown } | null> {
    const h = (await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { kind: string; value: string }; range?: unknown } | null;
    return h && { markdown: h.contents.value, range: h.range };
  }

  latest(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri);
  }

  /** Resolves with the next published diagnostics for `uri` that satisfy `predicate` (or the current ones if they already do). */
  waitFor(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000, acceptCurrent = false): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (acceptCurrent && current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}\nserver stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
