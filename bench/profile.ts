/**
 * `npm run bench:profile`: one Kubeplan server process over stdio, as in `npm run bench`
 * (open the 5000-document corpus, wait for the workspace-rule pass, then one-character
 * edits), run under `node --cpu-prof` so the edit path can be read in a profile viewer.
 * Writes the .cpuprofile into BENCH_PROFILE_DIR (default bench/.profile) and prints each
 * edit's latency. BENCH_DOCS (default 5000), BENCH_EDITS (default 40), BENCH_HEAP=1 also
 * writes a heap snapshot at the end (SIGUSR2 via --heapsnapshot-signal), BENCH_CPU=0 no CPU
 * profile, BENCH_SERVER another server build (default dist/server.js), BENCH_DELTAS=0 plain
 * publishDiagnostics instead of the deltas the VS Code client asks for.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus';
import { LspSession } from './lspSession';

const ROOT = join(__dirname, '..');
const DIR = process.env.BENCH_PROFILE_DIR ?? join(__dirname, '.profile');
const DOCS = Number(process.env.BENCH_DOCS ?? 5000);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const HEAP = process.env.BENCH_HEAP === '1';
const CPU = process.env.BENCH_CPU !== '0';
const SERVER = process.env.BENCH_SERVER ?? join(ROOT, 'dist', 'server.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const corpus = generateCorpus(DOCS);
  const path = join(DIR, `manifests-${DOCS}.yaml`);
  writeFileSync(path, corpus.text);
  const uri = pathToFileURL(path).href;
  const flags = [...(CPU ? ['--cpu-prof', `--cpu-prof-dir=${DIR}`] : []), ...(HEAP ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${DIR}`] : [])];
  const s = new LspSession({ name: 'kubeplan', initializationOptions: process.env.BENCH_DELTAS === '0' ? undefined : { diagnosticDeltas: true }, command: process.execPath, args: [...flags, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), SERVER, '--stdio'] });
  try {
    await s.initialize();
    await sleep(200);
    const first = s.nextPublish(uri);
    const t0 = performance.now();
    await s.open(uri, corpus.text);
    const p = await first;
    console.log(`first publish ${(p.at - t0).toFixed(0)} ms, ${p.count} diagnostics`);
    for (;;) {
      const st = (await s.connection.sendRequest('kubeplan/debug/stats')) as { workspacePasses: number };
      if (st.workspacePasses > 0) break;
      await sleep(20);
    }
    console.log(`workspace pass done ${(performance.now() - t0).toFixed(0)} ms`);
    const times: number[] = [];
    for (let k = 0; k < EDITS; k++) {
      const at = corpus.editLines[k % corpus.editLines.length]!;
      const version = 2 + k;
      const next = s.nextPublish(uri, (e) => e.version === version);
      const start = performance.now();
      await s.change(uri, version, { start: at, end: { line: at.line, character: at.character + 1 } }, String((k + 3) % 10));
      const e = await next;
      times.push(e.at - start);
      await sleep(30);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`edits: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)}: ${times.map((t) => t.toFixed(0)).join(' ')}`);
    await sleep(300);
    console.log(`RSS ${JSON.stringify(s.memory())}`);
    if (HEAP) {
      s.process.kill('SIGUSR2');
      // the snapshot is written in the background: wait until its size stops changing
      let last = -1;
      for (let i = 0; i < 240; i++) {
        await sleep(1000);
        const f = readdirSync(DIR).find((n) => n.endsWith('.heapsnapshot'));
        const size = f ? statSync(join(DIR, f)).size : -1;
        if (size > 0 && size === last) break;
        last = size;
      }
    }
  } finally {
    // the profile is written as the process exits
    await s.close(20_000);
  }
  console.log(`written: ${readdirSync(DIR).filter((f) => /\.(cpuprofile|heapsnapshot)$/.test(f)).join(', ')}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
