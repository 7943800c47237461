/**
 * A soak run over the real LSP protocol: thousands of random edits (typing, deletions,
 * pastes, broken and repaired YAML, documents added and removed, cross-file references
 * renamed) against `node --expose-gc dist/server.js --stdio`, with hovers and code actions
 * in between. It records the server's memory after GC at checkpoints and, at the end,
 * what the server published next to what a fresh lint and a fresh simulation of the final
 * texts give.
 */
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lintFiles, Workspace, type Finding } from '../../server/src/engine';
import { DEBUG_MEMORY_REQUEST, type MemoryReport } from '../../server/src/lsp/features/debugMemory';
import type { LintStats } from '../../server/src/lsp/features/diagnostics';
import { ON_TYPE_BUDGET } from '../../server/src/lsp/features/preview';
import { runSimulation } from '../../server/src/lsp/preview/simulator';
import { simFindingsByFile } from '../../server/src/lsp/preview/simDiagnostics';
import { DEFAULT_PREVIEW_SETTINGS } from '../../server/src/protocol/preview';
import { SEEDS } from '../fuzz/manifests';
import { A, B, C, SNIPPETS, prng, randomEdit, type Change } from './soakEdits';
import { LspClient } from './lspClient';
import { DIAGNOSTIC_DELTAS_OPTION } from '../../server/src/protocol/diagnosticDeltas';

export interface SoakOptions {
  edits: number;
  seed: number;
  /** Memory is read (after GC) every this many edits. */
  checkpointEvery: number;
  log?: (line: string) => void;
  /** The client asks for diagnostics as deltas (as the VS Code client does) and keeps the lists itself. */
  deltas?: boolean;
}

export interface MemoryCheckpoint {
  edit: number;
  heapUsed: number;
  rss: number;
}

export interface SoakReport {
  seed: number;
  memory: MemoryCheckpoint[];
  /** Per URI: what the server published last vs a fresh lint + simulation, as sorted lines. */
  final: { uri: string; published: string[]; expected: string[] }[];
  /** Files opened and closed again during the run. */
  scratchFiles: number;
  hovers: number;
  codeActions: number;
  seconds: number;
  finalTexts: Map<string, string>;
  /** Times the server found its per-document text apart from the editor's after an edit (and re-split it). */
  repairs: number;
  /** Diagnostic deltas the client received (0 unless it asked for them). */
  deltas: number;
}

/** Applies `changes` in order, as the LSP says a didChange's changes apply. */
function applyChanges(doc: TextDocument, changes: Change[], version: number): TextDocument {
  return TextDocument.update(doc, changes, version);
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

function line(d: { code?: unknown; severity?: number; message: unknown; range: Diagnostic["range"] }): string {
  const { start, end } = d.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${d.severity} ${String(d.code)} ${String(d.message)}`;
}

function findingLine(f: Finding): string {
  return line({ code: f.rule, severity: SEVERITY[f.severity], message: f.message, range: f.range });
}

/** What a fresh server would publish for these final texts: a fresh lint plus a fresh on-type simulation. */
export async function expectedDiagnostics(texts: ReadonlyMap<string, string>): Promise<Map<string, string[]>> {
  const files = [...texts].map(([uri, text]) => [fileURLToPath(uri), text] as const);
  const out = new Map<string, string[]>(files.map(([f]) => [f, []]));
  for (const f of lintFiles(files)) out.get(f.file)?.push(findingLine(f));
  const ws = new Workspace();
  for (const [f, t] of files) ws.setFile(f, t);
  const objects = ws.objects();
  if (objects.length > 0) {
    const result = await runSimulation({ objects, scenario: { kind: 'apply' }, roots: [], clusterFile: DEFAULT_PREVIEW_SETTINGS.clusterFile, budget: ON_TYPE_BUDGET }, { signal: new AbortController().signal });
    for (const [file, findings] of simFindingsByFile(result, objects)) for (const f of findings) out.get(file)?.push(findingLine(f));
  }
  for (const v of out.values()) v.sort();
  return out;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const rnd = prng(options.seed);
  const log = options.log ?? (() => undefined);
  const client = new LspClient(undefined, ['--stdio'], { ...process.env, KUBEPLAN_DEBUG_MEMORY: '1' }, ['--expose-gc']);
  let died: string | undefined;
  client.process.on('exit', (code, signal) => (died = `server exited (code ${code}, signal ${signal}) during the soak\n${client.stderr}`));
  const alive = () => {
    if (died) throw new Error(died);
  };
  try {
    await client.initialize(null, options.deltas ? { [DIAGNOSTIC_DELTAS_OPTION]: true } : undefined);
    const base = `file:///tmp/kubeplan-soak-${options.seed}`;
    const initial = new Map([
      [`${base}/a.yaml`, A],
      [`${base}/b.yaml`, B],
      [`${base}/c.yaml`, C],
    ]);
    const docs = new Map<string, TextDocument>();
    for (const [uri, text] of initial) {
      docs.set(uri, TextDocument.create(uri, 'yaml', 1, text));
      await client.open(uri, text);
    }
    const settled = async (uri: string) => {
      const v = docs.get(uri)!.version;
      await client.waitFor(uri, () => (client.publishedVersion.get(uri) ?? -1) >= v, 120_000, true);
      alive();
    };
    const memory: MemoryCheckpoint[] = [];
    let hovers = 0;
    let codeActions = 0;
    const uris = [...initial.keys()];
    let scratch: string | undefined;
    const closed: string[] = [];
    for (let i = 1; i <= options.edits; i++) {
      alive();
      const uri = uris[Math.floor(rnd() * uris.length)]!;
      const doc = docs.get(uri)!;
      const changes = randomEdit(doc, initial.get(uri)!, rnd);
      const next = applyChanges(doc, changes, doc.version + 1);
      docs.set(uri, next);
      await client.change(uri, next.version, changes);
      if (rnd() < 0.02) {
        // files come and go: a new one opened (taking part in cross-file rules), a scratch one closed
        if (scratch) {
          await client.close(scratch);
          closed.push(scratch);
          scratch = undefined;
        } else {
          scratch = `${base}/scratch-${i}.yaml`;
          await client.open(scratch, SNIPPETS[SNIPPETS.length - 1 - Math.floor(rnd() * SEEDS.length)]!);
        }
      }
      const r = rnd();
      if (r < 0.25) await settled(uri);
      else if (r < 0.3) {
        // the user hovers and opens the lightbulb while the server may still be linting
        const pos = next.positionAt(Math.floor(rnd() * (next.getText().length + 1)));
        await client.hover(uri, pos.line, pos.character);
        hovers++;
        await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } });
        codeActions++;
      }
      if (i % options.checkpointEvery === 0) {
        for (const u of uris) await settled(u);
        const m = (await client.connection.sendRequest(DEBUG_MEMORY_REQUEST)) as MemoryReport;
        if (!m.collected) throw new Error('the server was not started with --expose-gc');
        memory.push({ edit: i, heapUsed: m.heapUsed, rss: m.rss });
        log(`edit ${i}: heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(m.rss / 2 ** 20).toFixed(1)} MiB`);
      }
    }
    if (scratch) {
      await client.close(scratch);
      closed.push(scratch);
    }
    // a closed file that is not on disk is forgotten: its diagnostics are cleared, and it drops out of cross-file rules
    for (const uri of closed) await client.waitFor(uri, (d) => d.length === 0, 120_000, true);
    const finalTexts = new Map(uris.map((u) => [u, docs.get(u)!.getText()]));
    const expected = await expectedDiagnostics(finalTexts);
    const final: SoakReport['final'] = [];
    for (const uri of uris) {
      const want = expected.get(fileURLToPath(uri))!;
      const same = (d: Diagnostic[]) => JSON.stringify(d.map(line).sort()) === JSON.stringify(want);
      // the idle-time workspace pass and the on-type simulation publish after the last lint: wait for them
      const got = await client.waitFor(uri, same, 120_000, true).catch(() => client.latest(uri) ?? []);
      final.push({ uri, published: got.map(line).sort(), expected: want });
    }
    alive();
    const { repairs } = (await client.connection.sendRequest('kubeplan/debug/stats')) as LintStats;
    return { seed: options.seed, memory, final, repairs, scratchFiles: closed.length, hovers, codeActions, seconds: (performance.now() - started) / 1000, finalTexts, deltas: client.deltas };
  } finally {
    await client.shutdown();
  }
}
