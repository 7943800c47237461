import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES, createLintSettings, parseConfig, type ConfigProblem, type EditorSettings, type Finding, type ParsedConfig } from '../../engine';
import { parseClusterFile } from '../../engine/cluster/clusterFile';
import { isRecord } from '../../engine/kube/identity';
import { DEFAULT_PREVIEW_SETTINGS } from '../../protocol/preview';
import type { ServerContext } from '../context';
import { toDiagnostic } from '../diagnostics';
import { readEditorSettings } from '../editorSettings';
import { findYamlFiles } from '../scanner';
import { fileToUri, uriToFile } from '../uris';

/** The client tells the server when the workspace becomes trusted (VS Code cannot revoke trust without a reload). */
export const WORKSPACE_TRUST_NOTIFICATION = 'kubeplan/workspaceTrust';

/** Quiet time after typing in `.kubeplan.yaml` before every file is re-linted with it. */
const CONFIG_EDIT_DELAY_MS = 150;
/** Quiet time after lints before `suppress:` entries of `.kubeplan.yaml` are judged unused. */
const UNUSED_DELAY_MS = 500;
const SCAN_LIMITS = { maxFiles: 20_000, maxFileBytes: 10_000_000 };

const isConfigName = (file: string) => (CONFIG_FILE_NAMES as readonly string[]).includes(basename(file));

/**
 * Settings and `.kubeplan.yaml` in the language server: VS Code's `kubeplan.*` settings
 * (pulled per workspace folder) and every `.kubeplan.yaml` of the workspace (watched, and
 * live while edited) become the engine's lint settings; any change re-lints every file.
 * `.kubeplan.yaml` and the cluster file get their own located diagnostics (problems,
 * suppress entries that hide nothing, cluster-file errors) instead of manifest linting.
 */
export function registerConfig(ctx: ServerContext): void {
  const { connection, documents, workspace } = ctx;
  const configs = new Map<string, ParsedConfig & { text: string }>();
  /** `suppress:` entries that hid nothing, as of the last time linting had settled. */
  let unused: Finding[] = [];
  let editor: { root?: string; settings: EditorSettings }[] = [];
  let clusterSetting = DEFAULT_PREVIEW_SETTINGS.clusterFile;
  /** Diagnostics last sent for config and cluster files, by URI (to send only what changed). */
  const sent = new Map<string, string>();
  let clusterDiagnostics: { uri: string; diagnostics: Diagnostic[] } | undefined;

  const clusterCandidates = () => (isAbsolute(clusterSetting) ? [clusterSetting] : ctx.roots.map((r) => resolve(r, clusterSetting)));
  ctx.isConfigFile = (file) => isConfigName(file) || clusterCandidates().includes(file);

  const textOf = async (path: string) => documents.get(fileToUri(path))?.getText() ?? (await readFile(path, 'utf8').catch(() => undefined));

  /** Re-reads one config file (open buffer first); false when its text did not change. */
  const load = async (path: string): Promise<boolean> => {
    const text = await textOf(path);
    const before = configs.get(path);
    if (text === undefined) return configs.delete(path);
    if (before?.text === text) return false;
    configs.set(path, { ...parseConfig(text, path, dirname(path)), text });
    return true;
  };

  const configure = () => {
    workspace.configure(createLintSettings({ configs: [...configs.values()].map((p) => p.config), editor }), undefined, { lint: false });
    // judged again once the re-lint settles: the old verdicts name the old entries
    unused = [];
    scheduleUnused();
    publish();
  };
  const apply = () => {
    configure();
    ctx.relintAll();
  };

  const pullEditorSettings = async (): Promise<boolean> => {
    const scopes = ctx.roots.length ? ctx.roots : [undefined];
    let sections: unknown[];
    try {
      sections = await connection.workspace.getConfiguration(scopes.map((r) => (r ? { scopeUri: fileToUri(r), section: 'kubeplan' } : { section: 'kubeplan' })));
    } catch {
      return false; // no workspace/configuration support: defaults stay
    }
    const next = scopes.map((root, i) => {
      const { settings, problems } = readEditorSettings(sections[i]);
      for (const p of problems) connection.console.warn(`Kubeplan: ${p}`);
      return { ...(root ? { root } : {}), settings };
    });
    const changed = JSON.stringify(next) !== JSON.stringify(editor);
    editor = next;
    return changed;
  };

  // Configs at the workspace folders first (the first scan waits for them), nested ones after.
  ctx.onInitialized.push(() => {
    const options = ctx.initializationOptions;
    ctx.trusted = !(isRecord(options) && options.isTrusted === false);
    ctx.configured = (async () => {
      await pullEditorSettings();
      for (const root of ctx.roots) for (const name of CONFIG_FILE_NAMES) await load(join(root, name));
      // documents opened meanwhile were linted with the defaults: only a real configuration re-lints them
      if (configs.size > 0 || editor.some((e) => Object.keys(e.settings).length > 0)) apply();
      void validateCluster();
      void discoverNested();
    })();
  });

  const discoverNested = async () => {
    let found = false;
    for (const root of ctx.roots) {
      for (const file of await findYamlFiles(root, SCAN_LIMITS)) {
        if (isConfigName(file) && !configs.has(file)) found = (await load(file)) || found;
      }
    }
    if (found) apply();
  };

  ctx.onSettings.push((section) => {
    const cluster = isRecord(section) && typeof section.clusterFile === 'string' && section.clusterFile.trim() ? section.clusterFile.trim() : DEFAULT_PREVIEW_SETTINGS.clusterFile;
    const clusterChanged = cluster !== clusterSetting;
    clusterSetting = cluster;
    if (clusterChanged) void validateCluster();
    void pullEditorSettings().then((changed) => {
      if (changed) apply();
    });
  });

  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: { isTrusted?: unknown }) => {
    const trusted = params?.isTrusted !== false;
    if (trusted === ctx.trusted) return;
    ctx.trusted = trusted;
    ctx.refreshSettings();
  });

  // Edits of .kubeplan.yaml apply as you type (debounced); the cluster file is validated as you type.
  let editTimer: NodeJS.Timeout | undefined;
  const onConfigText = (uri: string) => {
    const path = uriToFile(uri);
    if (isConfigName(path)) {
      clearTimeout(editTimer);
      editTimer = setTimeout(() => void load(path).then((changed) => changed && apply()), CONFIG_EDIT_DELAY_MS);
    } else if (ctx.isConfigFile(path)) void validateCluster();
  };
  documents.onDidOpen((e) => onConfigText(e.document.uri));
  documents.onDidChangeContent((e) => onConfigText(e.document.uri));
  documents.onDidClose((e) => onConfigText(e.document.uri)); // back to the text on disk

  ctx.onWatchedFiles.push((changes) => {
    for (const change of changes) {
      const path = uriToFile(change.uri);
      if (isConfigName(path)) {
        if (documents.get(change.uri)) continue;
        const reload = change.type === FileChangeType.Deleted ? Promise.resolve(configs.delete(path)) : load(path);
        void reload.then((changed) => changed && apply());
      } else if (ctx.isConfigFile(path)) void validateCluster();
    }
  });

  /** The cluster file the simulator will read: its errors, located, on the file itself. */
  const validateCluster = async () => {
    let next: typeof clusterDiagnostics;
    for (const path of clusterCandidates()) {
      const text = await textOf(path);
      if (text === undefined) continue;
      const parsed = parseClusterFile(path, text);
      const lines = text.split('\n');
      next = {
        uri: fileToUri(path),
        diagnostics: parsed.errors.map((e) => {
          const line = Math.max(0, e.line - 1);
          const start = Math.max(0, e.column - 1);
          const end = Math.max(start, (lines[line] ?? '').replace(/\s+$/, '').length);
          return { range: { start: { line, character: start }, end: { line, character: end } }, severity: DiagnosticSeverity.Error, source: 'kubeplan', code: 'cluster-file', message: e.message };
        }),
      };
      break;
    }
    clusterDiagnostics = next;
    publish();
  };

  /** Sends the diagnostics of config and cluster files that changed. */
  const publish = () => {
    const next = new Map<string, Diagnostic[]>();
    for (const [path, parsed] of configs) {
      next.set(fileToUri(path), [...parsed.problems.map(problemDiagnostic), ...unused.filter((f) => f.file === path).map(toDiagnostic)]);
    }
    if (clusterDiagnostics) next.set(clusterDiagnostics.uri, [...(next.get(clusterDiagnostics.uri) ?? []), ...clusterDiagnostics.diagnostics]);
    for (const uri of sent.keys()) if (!next.has(uri)) next.set(uri, []);
    for (const [uri, diagnostics] of next) {
      const signature = JSON.stringify(diagnostics);
      if (sent.get(uri) === signature || (diagnostics.length === 0 && !sent.has(uri))) continue;
      if (diagnostics.length) sent.set(uri, signature);
      else sent.delete(uri);
      ctx.publishDiagnostics({ uri, diagnostics });
    }
  };

  // Whether a suppress: entry hides anything depends on every file: judged once linting (and the
  // idle-time pass of workspace rules) has settled, never from a half-linted workspace.
  let unusedTimer: NodeJS.Timeout | undefined;
  function scheduleUnused(): void {
    if (![...configs.values()].some((c) => c.config.suppress.length > 0)) return;
    clearTimeout(unusedTimer);
    unusedTimer = setTimeout(function check() {
      if (workspace.files.length > 0 && (workspace.workspaceRulesStale || workspace.files.some((f) => workspace.pendingDocuments(f) > 0))) unusedTimer = setTimeout(check, UNUSED_DELAY_MS);
      else {
        unused = workspace.unusedConfigSuppressions();
        publish();
      }
    }, UNUSED_DELAY_MS);
  }
  ctx.onFileLinted.push(scheduleUnused);
}

function problemDiagnostic(p: ConfigProblem): Diagnostic {
  return { range: p.range, severity: p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information, source: 'kubeplan', code: 'config', message: p.message };
}
