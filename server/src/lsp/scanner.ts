import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const YAML_FILE = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.venv', 'vendor']);

export interface ScanLimits {
  maxFiles: number;
  maxFileBytes: number;
}

/** Finds the YAML files under a folder, without following links; bounded so a huge tree can't stall us. */
export async function findYamlFiles(root: string, limits: ScanLimits): Promise<string[]> {
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limits.maxFiles) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(join(dir, e.name));
      } else if (e.isFile() && YAML_FILE.test(e.name)) {
        out.push(join(dir, e.name));
        if (out.length >= limits.maxFiles) break;
      }
    }
  }
  return out.sort();
}
