import type { Connection, TextDocuments } from 'vscode-languageserver/node';
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
  /** Re-sends a file's diagnostics (lint + contributors) without re-linting; set by the diagnostics feature. */
  republish: (uri: string) => void;
  /** Called once the client sent `initialized` (the connection allows one handler; features add theirs here). */
  readonly onInitialized: (() => void)[];
  /** Called with the client's `kubeplan` settings section whenever it is read or changes. */
  readonly onSettings: ((section: unknown) => void)[];
}
