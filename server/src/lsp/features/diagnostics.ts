import { FileChangeType } from 'vscode-languageserver/node';
import type { Finding } from '../../engine';
import type { ServerContext } from '../context';
import { fileTooLarge } from '../../engine/rules/syntax';
import { toDiagnostic } from '../diagnostics';
import type { DocumentSync } from '../documentSync';
import { readManifestFile } from '../diskFile';
import { findYamlFiles } from '../scanner';
import type { Inbox } from '../transport';
import { fileToUri, isYamlUri, uriToFile } from '../uris';
import { LintProgress } from '../progress';

/** Files bigger than this are not linted (a clear note instead), so one huge file can't freeze the editor. */
export const MAX_FILE_CHARS = 10_000_000;
const SCAN_LIMITS = { maxFiles: 20_000, maxFileBytes: MAX_FILE_CHARS };
/** Longest stretch of linting before the server yields to read new messages. */
const SLICE_MS = 40;
/**
 * Quiet time after an edit before linting. Edits that have already arrived are always
 * coalesced (see Inbox); this also catches a burst whose messages trickle in over a few
 * milliseconds, at a cost far below a keystroke's interval.
 */
const DEBOUNCE_MS = Number(process.env.KUBEPLAN_LINT_DEBOUNCE_MS ?? 3);
/**
 * Workspace-wide rules (references, selectors, PDBs …) re-run over every object, so they run
 * when the user pauses: this long after the last edit, in slices, abandoned by a newer edit.
 */
const WORKSPACE_PASS_IDLE_MS = Number(process.env.KUBEPLAN_WORKSPACE_PASS_IDLE_MS ?? 250);
/** Work bigger than this many documents shows progress in the editor, and publishes as it goes. */
const PROGRESS_MIN_DOCUMENTS = 300;
/**
 * While a big file is linted (opened, or read from disk), what is linted so far is published
 * after the first slice and then this often: the documents at the top, where the editor
 * shows the file, get their diagnostics in a few dozen milliseconds instead of after the
 * whole file; the publish at the end holds everything.
 */
const PARTIAL_PUBLISH_MS = 1000;

/** What the debug request `kubeplan/debug/stats` returns: counters tests and the bench read. */
export interface LintStats {
  /** Completed lint runs (each ends in one publish) per URI, and the document version each last saw. */
  lintRuns: Record<string, number>;
  lintedVersion: Record<string, number | null>;
  /** Publishes of a big file's documents linted so far, before its lint run completed. */
  partialPublishes: number;
  parsedChunks: number;
  incrementalEdits: number;
  fullUpdates: number;
  /** Edits found applied at the wrong place and repaired by a full update (see FileLinter.applyChanges); 0 unless there is a bug. */
  repairs: number;
  /** Completed workspace-rule passes, and how long the last one took (ms, wall clock, including yields). */
  workspacePasses: number;
  lastWorkspacePassMs: number | null;
}

/**
 * Keeps the engine's workspace in step with open documents and files on disk, and
 * publishes diagnostics: for the file that changed, and for every other file whose
 * workspace-rule findings that change affected.
 *
 * Edits go straight into the engine (only the touched documents are re-split); linting
 * runs once the edits that have already arrived are applied, so a burst of edits is
 * linted once, on its final text. Long work (opening a huge file, the first scan) runs in
 * slices that yield to new messages and report progress.
 */
export function registerDiagnostics(ctx: ServerContext, sync: DocumentSync, inbox: Inbox): void {
  const { connection, documents, workspace } = ctx;
  const stats: LintStats = { lintRuns: {}, lintedVersion: {}, partialPublishes: 0, parsedChunks: 0, incrementalEdits: 0, fullUpdates: 0, repairs: 0, workspacePasses: 0, lastWorkspacePassMs: null };
  const scheduled = new Set<string>();
  const debounced = new Map<string, NodeJS.Timeout>();
  const progress = new LintProgress(connection);
  const signals = new WorkSignals();
  ctx.workSignal = (uri) => signals.signal(uri);
  /** Files (engine paths) read from disk whose bytes were not valid UTF-8: the located problem, shown with their findings. */
  const encodingProblems = new Map<string, Finding>();
  ctx.diagnosticContributors.push((file) => {
    const problem = encodingProblems.get(file);
    return problem ? [problem] : [];
  });

  /** When each big lint in progress last published what it had (see PARTIAL_PUBLISH_MS). */
  const partialAt = new Map<string, number>();

  /** Sends a file's diagnostics: its lint findings plus what other features contribute (sim- findings). */
  const send = (uri: string) => {
    const file = uriToFile(uri);
    // one array, no intermediate copies: a big file sends thousands of diagnostics per keystroke
    const diagnostics = workspace.currentFindings(file).map(toDiagnostic);
    for (const contribute of ctx.diagnosticContributors) for (const f of contribute(file)) diagnostics.push(toDiagnostic(f));
    const version = documents.get(uri)?.version;
    ctx.publishDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  };
  ctx.republish = (uri) => {
    const file = uriToFile(uri);
    // a file with lint work pending gets its contributions with that lint's publish
    if (workspace.hasFile(file) && workspace.pendingDocuments(file) === 0 && !scheduled.has(uri)) send(uri);
  };

  const publish = (uri: string) => {
    send(uri);
    for (const listener of ctx.onFileLinted) listener(uri);
  };

  /** Republishes every other linted file whose workspace-rule findings changed. */
  const republishOthers = (changed: string | undefined) => {
    for (const file of workspace.takeChangedFiles()) {
      const uri = fileToUri(file);
      if (uri !== changed && workspace.hasFile(file) && workspace.pendingDocuments(file) === 0 && !scheduled.has(uri)) publish(uri);
    }
  };

  const forget = (uri: string) => {
    partialAt.delete(uri);
    encodingProblems.delete(uriToFile(uri));
    workspace.removeFile(uriToFile(uri));
    ctx.publishDiagnostics({ uri, diagnostics: [] });
  };

  const tooLarge = (uri: string, length: number, unit: 'characters' | 'bytes' = 'characters'): boolean => {
    if (length <= MAX_FILE_CHARS) return false;
    encodingProblems.delete(uriToFile(uri));
    workspace.removeFile(uriToFile(uri));
    const notice = toDiagnostic({
      rule: fileTooLarge.id,
      severity: fileTooLarge.severity,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `File not linted: ${(length / 1e6).toFixed(1)} M ${unit} is over the editor's ${MAX_FILE_CHARS / 1e6} M limit (the CLI has none).`,
      file: uriToFile(uri),
    });
    ctx.publishDiagnostics({ uri, diagnostics: [notice] });
    return true;
  };

  /**
   * Lints a file that is not open, as it is on disk. False when it can't be read; a file
   * opened meanwhile is left to the editor's text.
   */
  const stageFromDisk = async (uri: string): Promise<boolean> => {
    const read = uri.startsWith('file:') ? await readManifestFile(uriToFile(uri), MAX_FILE_CHARS) : undefined;
    if (documents.get(uri)) return true;
    if (!read) return false;
    if ('tooLarge' in read) return tooLarge(uri, read.tooLarge, 'bytes');
    if (read.problem) encodingProblems.set(uriToFile(uri), read.problem);
    else encodingProblems.delete(uriToFile(uri));
    workspace.stageText(uriToFile(uri), read.text);
    schedule(uri);
    return true;
  };

  /** Lints a slice of `uri`'s pending documents; publishes when done, else continues after new messages are read. */
  const run = (uri: string) => {
    scheduled.delete(uri);
    // more edits of this file are already here: lint once they are applied
    if (inbox.pendingChanges(uri) > 0) return;
    const file = uriToFile(uri);
    if (!workspace.hasFile(file)) return;
    const pending = workspace.pendingDocuments(file);
    const done = workspace.analyze(file, performance.now() + SLICE_MS);
    if (!done) {
      progress.update(uri, workspace.pendingDocuments(file), pending >= PROGRESS_MIN_DOCUMENTS);
      const last = partialAt.get(uri);
      if (last === undefined ? pending >= PROGRESS_MIN_DOCUMENTS : performance.now() - last >= PARTIAL_PUBLISH_MS) {
        send(uri);
        stats.partialPublishes++;
        partialAt.set(uri, performance.now());
      }
      scheduled.add(uri);
      setImmediate(() => run(uri));
      return;
    }
    progress.done(uri);
    partialAt.delete(uri);
    stats.lintRuns[uri] = (stats.lintRuns[uri] ?? 0) + 1;
    stats.lintedVersion[uri] = documents.get(uri)?.version ?? null;
    publish(uri);
    republishOthers(uri);
    schedulePass();
  };

  /** The plain workspace rules, once edits pause; a pass overtaken by an edit starts over later. */
  let passTimer: NodeJS.Timeout | undefined;
  let passRunning = false;
  const schedulePass = () => {
    clearTimeout(passTimer);
    passTimer = setTimeout(runPass, WORKSPACE_PASS_IDLE_MS);
  };
  const runPass = () => {
    if (passRunning || !workspace.workspaceRulesStale) return;
    passRunning = true;
    const started = performance.now();
    const pass = workspace.workspacePass();
    const step = () => {
      // linting comes first: let pending lints run, then continue (or start over) after them
      if (scheduled.size > 0 || debounced.size > 0) {
        passRunning = false;
        return;
      }
      const r = pass.next();
      if (!r.done) return void setImmediate(step);
      passRunning = false;
      if (!r.value) return schedulePass();
      stats.workspacePasses++;
      stats.lastWorkspacePassMs = performance.now() - started;
      republishOthers(undefined);
    };
    setImmediate(step);
  };

  const schedule = (uri: string) => {
    if (scheduled.has(uri)) return;
    scheduled.add(uri);
    setImmediate(() => run(uri));
  };

  /** After an edit: lint once the edits stop for DEBOUNCE_MS (re-armed by each edit). */
  const scheduleAfterEdit = (uri: string) => {
    if (DEBOUNCE_MS <= 0) return schedule(uri);
    clearTimeout(debounced.get(uri));
    debounced.set(
      uri,
      setTimeout(() => {
        debounced.delete(uri);
        schedule(uri);
      }, DEBOUNCE_MS),
    );
  };

  /** YAML that Kubeplan lints as manifests: not its own config and cluster files (the config feature validates those). */
  const isManifest = (uri: string, languageId?: string) => isYamlUri(uri, languageId) && !ctx.isConfigFile(uriToFile(uri));

  ctx.relintAll = () => {
    for (const file of workspace.files) schedule(fileToUri(file));
  };

  documents.onDidOpen((e) => {
    const { uri, languageId } = e.document;
    if (!isManifest(uri, languageId)) return;
    const text = e.document.getText();
    signals.bump(uri);
    encodingProblems.delete(uriToFile(uri)); // the editor decoded it
    if (tooLarge(uri, text.length)) return;
    workspace.stageText(uriToFile(uri), text);
    schedule(uri);
  });

  sync.onChanges((document, changes) => {
    const { uri, languageId } = document;
    if (!isManifest(uri, languageId)) return;
    signals.bump(uri);
    if (tooLarge(uri, document.textLength)) return;
    // the engine checks its chunks against the editor's lines; the whole text is joined only if it must start over
    workspace.stageChanges(uriToFile(uri), changes, { length: document.textLength, holds: (search, offset) => document.holds(search, offset), text: () => document.getText() });
    scheduleAfterEdit(uri);
  });

  documents.onDidClose(async (e) => {
    const uri = e.document.uri;
    if (!isManifest(uri, e.document.languageId)) return;
    signals.bump(uri);
    // A closed file still counts for cross-file rules if it exists on disk (unsaved edits are dropped).
    if (!(await stageFromDisk(uri))) {
      forget(uri);
      republishOthers(uri);
      schedulePass();
    }
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const listener of ctx.onWatchedFiles) listener(params.changes);
    for (const change of params.changes) {
      const uri = change.uri;
      if (!isManifest(uri) || documents.get(uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        forget(uri);
        republishOthers(uri);
        schedulePass();
        continue;
      }
      await stageFromDisk(uri);
    }
  });

  /** Reads every YAML file of the workspace folders, a file at a time, and lints them in slices. */
  const scanWorkspace = async () => {
    await ctx.configured;
    const files: string[] = [];
    for (const root of ctx.roots) files.push(...(await findYamlFiles(root, SCAN_LIMITS)).filter((f) => !ctx.isConfigFile(f)));
    const report = files.length > 20 ? await progress.begin('Kubeplan: reading manifests', files.length) : undefined;
    let read = 0;
    for (const file of files) {
      const uri = fileToUri(file);
      read++;
      if (documents.get(uri)) continue;
      await stageFromDisk(uri);
      report?.(read);
    }
    progress.end('Kubeplan: reading manifests');
  };

  ctx.onInitialized.push(() => void scanWorkspace());

  connection.onRequest('kubeplan/debug/stats', (): LintStats => ({ ...stats, ...workspace.counters }));
}

/** One AbortController per URI (and one for any edit, `*`), replaced on each edit. */
export class WorkSignals {
  private readonly controllers = new Map<string, AbortController>();

  signal(uri: string): AbortSignal {
    let c = this.controllers.get(uri);
    if (!c) this.controllers.set(uri, (c = new AbortController()));
    return c.signal;
  }

  bump(uri: string): void {
    for (const key of [uri, '*']) {
      this.controllers.get(key)?.abort();
      this.controllers.delete(key);
    }
  }
}
