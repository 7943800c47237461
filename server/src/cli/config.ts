import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, createLintSettings, parseConfig, type ConfigProblem, type KubeplanConfig, type LintSettings } from '../engine';
import { UsageError } from './files';

/** Config files with errors: each problem is printed as one `file:line:col` line, exit code 2. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

export interface LoadedConfig {
  settings: LintSettings;
  configs: KubeplanConfig[];
  /** Problems that do not stop the run (unknown rule ids). */
  warnings: ConfigProblem[];
}

/** `.kubeplan.yaml:3:5: error: …`, 1-based, paths relative to cwd: the line editors and CI logs link. */
export function formatProblem(p: ConfigProblem, cwd: string): string {
  return `${relative(cwd, p.file) || p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}`;
}

/**
 * The configuration for a run: `--config FILE` for every file, or else each file's
 * nearest `.kubeplan.yaml` (searched from the file's folder upwards; standard input
 * searches from the working directory).
 */
export function loadConfig(files: readonly string[], cwd: string, explicit: string | undefined): LoadedConfig {
  const paths = new Set<string>();
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`cannot read config ${explicit}: no such file`);
    paths.add(path);
  } else {
    const cache = new Map<string, string | null>();
    for (const f of files) {
      const found = nearestConfig(f === '-' ? cwd : dirname(resolve(cwd, f)), cache);
      if (found) paths.add(found);
    }
  }
  const configs: KubeplanConfig[] = [];
  const problems: ConfigProblem[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read config ${relative(cwd, path)}: ${(e as Error).message}`);
    }
    const parsed = parseConfig(text, path, dirname(path));
    configs.push(parsed.config);
    problems.push(...parsed.problems);
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ConfigError(errors);
  return { settings: createLintSettings({ configs, cwd, single: explicit !== undefined }), configs, warnings: problems };
}

function nearestConfig(dir: string, cache: Map<string, string | null>): string | undefined {
  const visited: string[] = [];
  let found: string | null | undefined;
  for (let d = dir; ; d = dirname(d)) {
    if (cache.has(d)) {
      found = cache.get(d);
      break;
    }
    visited.push(d);
    const hit = CONFIG_FILE_NAMES.map((n) => join(d, n)).find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) {
      found = hit;
      break;
    }
    if (dirname(d) === d) {
      found = null;
      break;
    }
  }
  for (const d of visited) cache.set(d, found ?? null);
  return found ?? undefined;
}
