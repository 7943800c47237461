// Bundles the extension, the language server and the CLI into dist/ with esbuild.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { noChildProcess } from './noChildProcess.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dev = process.argv.includes('--dev');
const minify = !dev;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify,
  // source maps only for development builds: they would double the shipped size
  sourcemap: dev ? 'linked' : false,
  logLevel: 'warning',
  define: { KUBEPLAN_VERSION: JSON.stringify(pkg.version) },
};

// client/src/lazyClient.ts requires './languageClient' after activation: it stays a run-time require
// of its own bundle (dist/languageClient.js), so loading the extension does not load vscode-languageclient.
const lazyLanguageClient = {
  name: 'lazy-language-client',
  setup(b) {
    b.onResolve({ filter: /^\.\/languageClient$/ }, (args) => (args.importer.endsWith('lazyClient.ts') ? { path: './languageClient.js', external: true } : undefined));
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyLanguageClient] },
  { entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', plugins: [noChildProcess] },
  { entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

const started = Date.now();
// The Kubernetes schema (dist/kubernetes-schema.json.gz) is converted from a devDependency; skipped when up to date.
const schema = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/schema/build.ts'], { stdio: 'inherit' });
if (schema.status !== 0) process.exit(schema.status ?? 1);
await Promise.all(entries.map((e) => build({ ...common, ...e })));
console.log(`built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - started} ms`);
