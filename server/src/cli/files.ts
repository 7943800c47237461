import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine';
import type { Finding } from '../engine';
import { decodeManifest } from '../engine/yaml/decode';

export class UsageError extends Error {}

const YAML_FILE = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Expands paths (files or folders, recursively) into YAML files, in a stable order. */
export function collectYamlFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && YAML_FILE.test(entry.name) && !(CONFIG_FILE_NAMES as readonly string[]).includes(entry.name)) out.push(full);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      out.push('-');
      continue;
    }
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(full);
    else out.push(full);
  }
  return out.map((f) => (f === '-' ? f : relative(cwd, f) || f));
}

/** Reads files as UTF-8 text; `-` reads standard input. Unreadable input is a usage error. */
export function readFiles(files: readonly string[], cwd: string, stdin: () => string, problems: Finding[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    if (f === '-') {
      out.set('<stdin>', stdin());
      continue;
    }
    try {
      const { text, problem } = decodeManifest(readFileSync(resolve(cwd, f)), f);
      out.set(f, text);
      if (problem) problems.push(problem);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read ${f}: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
    }
  }
  return out;
}
