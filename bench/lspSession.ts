/**
 * Drives one language-server process over the real LSP protocol (stdio), as an editor
 * would: initialize, configure, open a file, edit it, and time each publishDiagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { applyDiagnosticDelta, DIAGNOSTIC_DELTA_NOTIFICATION, type DiagnosticDeltaParams } from '../server/src/protocol/diagnosticDeltas';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
  /** Sent with workspace/didChangeConfiguration and returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Sent in `initialize` (ours: `{ diagnosticDeltas: true }`, as the VS Code client sends). */
  initializationOptions?: unknown;
}

export interface Publish {
  uri: string;
  version: number | undefined;
  count: number;
  messages: string[];
  at: number;
}

export class LspSession {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private listeners: ((p: Publish) => void)[] = [];
  stderr = '';

  constructor(private readonly server: ServerCommand) {
    this.process = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    const received = (p: { uri: string; version?: number; diagnostics: { message: string }[] }) => {
      const event: Publish = { uri: p.uri, version: p.version, count: p.diagnostics.length, messages: p.diagnostics.map((d) => d.message), at: performance.now() };
      for (const l of [...this.listeners]) l(event);
    };
    this.connection.onNotification('textDocument/publishDiagnostics', received);
    // Kubeplan's diagnostics as deltas: the file's list is kept here, as the VS Code client keeps it
    const files = new Map<string, Map<number, { message: string }>>();
    this.connection.onNotification(DIAGNOSTIC_DELTA_NOTIFICATION, (p: DiagnosticDeltaParams) => {
      const held = applyDiagnosticDelta(files.get(p.uri), p, (d) => d as { message: string });
      files.set(p.uri, held);
      received({ uri: p.uri, version: p.version, diagnostics: [...held.values()] });
    });
    const section = (s: string | undefined) => (s ? s.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], server.settings) : server.settings) ?? null;
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => section(i.section)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, synchronization: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: this.server.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    if (this.server.settings) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.server.settings });
  }

  /** Resolves with the next publish for `uri` that `accept`s, or rejects after `timeoutMs`. */
  nextPublish(uri: string, accept: (p: Publish) => boolean = () => true, timeoutMs = 300_000): Promise<Publish> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`${this.server.name}: no diagnostics for ${uri} within ${timeoutMs} ms. stderr: ${this.stderr}`));
      }, timeoutMs);
      const listener = (p: Publish) => {
        if (p.uri !== uri || !accept(p)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(p);
      };
      this.listeners.push(listener);
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resident and peak memory of the server process, from /proc (Linux). */
  memory(): { rssMB: number; peakMB: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** Shuts the server down; `graceMs`: how long it may take to exit before it is killed (a CPU profile is written on exit). */
  async close(graceMs = 50): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    if (this.process.exitCode === null) await Promise.race([new Promise((r) => this.process.once('exit', r)), new Promise((r) => setTimeout(r, graceMs))]);
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
