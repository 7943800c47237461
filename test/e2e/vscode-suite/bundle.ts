// Bundles the extension-host suite into one CommonJS file (`vscode` stays external: the host provides it).
import { build } from 'esbuild';
import { join } from 'node:path';

export async function bundleVscodeSuite(outDir: string): Promise<string> {
  const outfile = join(outDir, 'suite.js');
  await build({
    entryPoints: [join(__dirname, 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}
