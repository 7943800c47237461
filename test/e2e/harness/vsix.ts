// Packages the extension exactly as `npm run package` does (same vsce flags, read from package.json), into a
// folder of the test's own. vsce runs `vscode:prepublish`, which rebuilds dist/ from the current source.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function packageVsix(root: string, outDir: string): string {
  const out = join(outDir, 'kubeplan.vsix');
  const script: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.package;
  const flags = /vsce package(.*)$/.exec(script)?.[1]?.trim().split(/\s+/) ?? [];
  const outFlag = flags.indexOf('-o');
  if (outFlag >= 0) flags.splice(outFlag, 2);
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', ...flags, '-o', out], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package ${flags.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}
