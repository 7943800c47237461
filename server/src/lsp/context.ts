import type { Connection, FileEvent, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Workspace } from '../engine';

/** What every feature of the server shares. Features register their handlers against it. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: Workspace;
  /** Workspace folders as file-system paths, known after `initialize`. */
  roots: string[];
  /** Called after a file's findings may have changed (a feature can react, e.g. re-simulate). */
  readonly onFileLinted: ((uri: string) => void)[];
  /**
   * Aborted by the next edit of `uri` (or of any file, for `*`): long work started for
   * the current text (a simulation) checks it between slices and stops when it is stale.
   */
  workSignal(uri: string): AbortSignal;
  /** Findings other features add to a file's diagnostics (e.g. the simulator's sim- findings), by engine file. */
  readonly diagnosticContributors: ((file: string) => readonly Finding[])[];
  /** Sends a file's diagnostics to the client (as publishDiagnostics, or as a delta to a client that asked: lsp/diagnosticPublisher.ts). */
  publishDiagnostics(params: PublishDiagnosticsParams): void;
  /** Re-sends a file's diagnostics (lint + contributors) without re-linting; set by the diagnostics feature. */
  republish: (uri: string) => void;
  /** Called once the client sent `initialized` (the connection allows one handler; features add theirs here). */
  readonly onInitialized: (() => void)[];
  /** Called with the client's `kubeplan` settings section whenever it is read or changes. */
  readonly onSettings: ((section: unknown) => void)[];
  /** The `initializationOptions` the client sent (the VS Code client sends `{ isTrusted }`). */
  initializationOptions: unknown;
  /** False in an untrusted workspace (Restricted Mode): settings that point outside the workspace are ignored. */
  trusted: boolean;
  /** Reads the client's settings again and delivers them (e.g. after the workspace became trusted); set by the settings feature. */
  refreshSettings: () => void;
  /** Re-lints every file from its text (settings or `.kubeplan.yaml` changed); set by the diagnostics feature. */
  relintAll: () => void;
  /** True for Kubeplan's own files (`.kubeplan.yaml`, the cluster file): validated as such, not linted as manifests. */
  isConfigFile: (file: string) => boolean;
  /** Settles once settings and `.kubeplan.yaml` files are loaded: the first workspace scan waits for it. */
  configured: Promise<void>;
  /** Called with file-change events (the connection allows one handler; features add theirs here). */
  readonly onWatchedFiles: ((changes: readonly FileEvent[]) => void)[];
}
