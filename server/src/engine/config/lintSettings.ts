import { isAbsolute, join, relative } from 'node:path';
import type { Severity } from '../model/finding';
import type { RuleSettings } from '../lint/lintDocument';
import { pathMatcher } from './glob';
import { normalizeVersion } from './version';
import { defaultConfig } from './parseConfig';
import { RULE_LEVELS, type ConfigSuppression, type ExternalObject, type KubeplanConfig, type RuleLevel } from './types';

/**
 * Precedence, most specific first:
 *   1. VS Code settings (`kubeplan.rules`, `kubeplan.exclude`) — what this user wants in this editor;
 *      VS Code itself merges user < workspace < folder settings before we see them.
 *   2. The nearest `.kubeplan.yaml` above the file — the project's shared settings, the same in CI.
 *   3. The rule's default severity.
 * Excludes add up: a file excluded by either is not linted.
 * Suppressions (annotations, `suppress:`) hide findings whatever their configured severity.
 */
export interface EditorSettings {
  rules?: Readonly<Record<string, unknown>>;
  kubernetesVersion?: string;
  exclude?: readonly string[];
  enable?: boolean;
}

/** What one file is linted with. */
export interface FileSettings extends RuleSettings {
  /** Excluded files are parsed (their objects still exist for cross-file references) but get no findings. */
  readonly excluded: boolean;
  /** `.kubeplan.yaml` suppressions that can apply to this file. */
  readonly suppress: readonly ConfigSuppression[];
  readonly config: KubeplanConfig;
}

export interface LintSettings {
  forFile(file: string): FileSettings;
  /** False only when the rule is off for every file (workspace rules that are off everywhere are not run). */
  enabledAnywhere(ruleId: string, defaultSeverity: Severity): boolean;
  /** Every `.kubeplan.yaml` in use. */
  readonly configs: readonly KubeplanConfig[];
  /** Objects the cluster has beyond the workspace, from every config. */
  readonly external: readonly ExternalObject[];
  /** `kubeplan.kubernetesVersion`, else the top-most config's `kubernetesVersion`. */
  readonly kubernetesVersion: string | undefined;
}

export interface SettingsInput {
  configs?: readonly KubeplanConfig[];
  /** VS Code settings per workspace folder; an entry without root applies to every file. */
  editor?: readonly { root?: string; settings: EditorSettings }[];
  /** Folder that relative file names are resolved against (the CLI's working directory). */
  cwd?: string;
  /** Every file uses the first config, wherever it is (the CLI's `--config FILE`). */
  single?: boolean;
}

export function levelOf(value: unknown): RuleLevel | undefined {
  if (value === false) return 'off';
  if (value === true) return 'on';
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (s === 'warn') return 'warning';
  return (RULE_LEVELS as readonly string[]).includes(s) ? (s as RuleLevel) : undefined;
}

function applyLevel(level: RuleLevel | undefined, defaultSeverity: Severity): Severity | undefined {
  if (level === undefined || level === 'on') return defaultSeverity;
  return level === 'off' ? undefined : level;
}

function contains(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

interface Scope<T> {
  dir: string | undefined;
  value: T;
}

/** The scope whose folder is the deepest one holding `file`; a scope without folder holds every file. */
function nearest<T>(scopes: readonly Scope<T>[], file: string): Scope<T> | undefined {
  let best: Scope<T> | undefined;
  for (const s of scopes) {
    if (s.dir !== undefined && !contains(s.dir, file)) continue;
    if (!best || (s.dir?.length ?? -1) > (best.dir?.length ?? -1)) best = s;
  }
  return best;
}

/** The scope closest to the top (shortest folder): what a buffer without a path gets. */
function topmost<T>(scopes: readonly Scope<T>[]): Scope<T> | undefined {
  return scopes.slice().sort((a, b) => (a.dir?.length ?? -1) - (b.dir?.length ?? -1))[0];
}

export function createLintSettings(input: SettingsInput = {}): LintSettings {
  const configs = input.configs ?? [];
  const cwd = input.cwd;
  const configScopes = configs.map((c) => ({ dir: c.dir, value: compileConfig(c) }));
  const editorScopes = (input.editor ?? []).map((e) => ({ dir: e.root, value: compileEditor(e.settings) }));
  const fallback = { dir: cwd, value: compileConfig(defaultConfig(cwd ?? '.')) };

  const version = (input.editor ?? []).map((e) => normalizeVersion(e.settings.kubernetesVersion)).find((v) => v !== undefined) ?? configs.slice().sort((a, b) => a.dir.length - b.dir.length).find((c) => c.kubernetesVersion)?.kubernetesVersion;

  return {
    configs,
    external: configs.flatMap((c) => c.external),
    kubernetesVersion: version,
    enabledAnywhere(ruleId, defaultSeverity) {
      const editors = editorScopes.length ? editorScopes.map((e) => e.value) : [undefined];
      const cfgs = [...configScopes.map((c) => c.value), fallback.value];
      return editors.some((e) => e?.enabled !== false && cfgs.some((c) => applyLevel(e?.rules.get(ruleId) ?? c.config.rules.get(ruleId), defaultSeverity) !== undefined));
    },
    forFile(file: string): FileSettings {
      const path = isAbsolute(file) ? file : cwd !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(file) ? join(cwd, file) : undefined;
      const configScope = (input.single ? configScopes[0] : path ? nearest(configScopes, path) : topmost(configScopes)) ?? fallback;
      const editorScope = path ? nearest(editorScopes, path) : topmost(editorScopes);
      const config = configScope.value;
      const editor = editorScope?.value;
      const relTo = (dir: string | undefined) => (path === undefined ? undefined : dir !== undefined ? relative(dir, path) : path.replace(/^\/+/, ''));
      const relToConfig = relTo(config.config.file ? config.config.dir : cwd);
      const relToEditor = relTo(editorScope?.dir ?? cwd);
      const excluded =
        editor?.enabled === false ||
        (relToConfig !== undefined && !relToConfig.startsWith('..') && config.excludes(relToConfig)) ||
        (relToEditor !== undefined && editor !== undefined && editor.excludes(relToEditor));
      const suppress = config.config.suppress.filter((s) => !s.file || (relToConfig !== undefined && config.fileMatchers.get(s)!(relToConfig)));
      return {
        excluded,
        suppress,
        config: config.config,
        severityOf: (ruleId, defaultSeverity) => applyLevel(editor?.rules.get(ruleId) ?? config.config.rules.get(ruleId), defaultSeverity),
      };
    },
  };
}

interface CompiledConfig {
  config: KubeplanConfig;
  excludes: (rel: string) => boolean;
  fileMatchers: Map<ConfigSuppression, (rel: string) => boolean>;
}

function compileConfig(config: KubeplanConfig): CompiledConfig {
  return {
    config,
    excludes: pathMatcher(config.exclude),
    fileMatchers: new Map(config.suppress.filter((s) => s.file).map((s) => [s, pathMatcher([s.file!])])),
  };
}

interface CompiledEditor {
  enabled: boolean;
  rules: Map<string, RuleLevel>;
  excludes: (rel: string) => boolean;
}

function compileEditor(settings: EditorSettings): CompiledEditor {
  const rules = new Map<string, RuleLevel>();
  for (const [id, value] of Object.entries(settings.rules ?? {})) {
    const level = levelOf(value);
    if (level) rules.set(id, level);
  }
  const exclude = (settings.exclude ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  return { enabled: settings.enable !== false, rules, excludes: pathMatcher(exclude) };
}

/** Settings that change nothing: every rule at its default, nothing excluded or suppressed. */
export const DEFAULT_LINT_SETTINGS: LintSettings = createLintSettings();
