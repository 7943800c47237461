// The workspace rules re-check only the edited file when an edit cannot affect other objects.
// This differential test edits a workspace at random and compares every file's findings with a
// twin workspace that always re-checks everything: they must be identical, whichever path was taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, type Finding } from '../../server/src/engine';
import { fixtureCases } from '../helpers/ruleFixtures';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Findings as comparable lines; fix edits (built lazily, and costly) only where asked. */
const view = (fs: readonly Finding[], withEdits = false) =>
  fs.map((f) => `${f.rule} ${f.severity} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message} [${(f.fixes ?? []).map((x) => (withEdits ? `${x.title}=${JSON.stringify(x.edits)}` : x.title)).join('; ')}]`).sort();

/** Edits people make, most of which change nothing other objects depend on. */
const EDITS: ((text: string, r: () => number) => string)[] = [
  (t, r) => t.replace(/(image: [^\s:]+:)(\d+)/, (_, a, b) => `${a}${Number(b) + 1 + Math.floor(r() * 3)}`),
  (t, r) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(r() * lines.length), 0, '# a comment typed here');
    return lines.join('\n');
  },
  (t) => t.replace(/replicas: (\d+)/, (_, n) => `replicas: ${Number(n) === 1 ? 3 : 1}`),
  (t) => t.replace(/value: (\w+)/, 'value: changed'),
  (t) => t.replace(/app: (\w+)/, 'app: $1x'),
  (t) => t.replace(/minReplicas: (\d+)/, (_, n) => `minReplicas: ${Number(n) === 1 ? 2 : 1}`),
  (t) => t.replace(/namespace: shop/, 'namespace: shop2'),
  (t) => t.replace(/  name: (\S+)\n/, '  name: $1-renamed\n'),
];

test('incremental workspace rule runs give exactly the findings of a full run', () => {
  const rand = mulberry32(7);
  const texts = new Map<string, string>();
  for (const c of fixtureCases()) for (const [f, t] of c.files) texts.set(f, t);
  const ws = new Workspace();
  const reference = new Workspace();
  for (const [f, t] of texts) ws.setFile(f, t), reference.setFile(f, t);
  for (const f of texts.keys()) ws.findings(f);
  const files = [...texts.keys()];
  const removed = new Map<string, string>();
  for (let step = 0; step < 80; step++) {
    const file = files[Math.floor(rand() * files.length)]!;
    if (removed.has(file)) {
      ws.setFile(file, removed.get(file)!);
      reference.setFile(file, removed.get(file)!);
      texts.set(file, removed.get(file)!);
      removed.delete(file);
    } else if (rand() < 0.04) {
      ws.removeFile(file);
      reference.removeFile(file);
      removed.set(file, texts.get(file)!);
      texts.delete(file);
    } else {
      const edit = rand() < 0.7 ? EDITS[Math.floor(rand() * 4)]! : EDITS[4 + Math.floor(rand() * 4)]!;
      const next = edit(texts.get(file)!, rand);
      texts.set(file, next);
      ws.setFile(file, next);
      reference.setFile(file, next);
    }
    reference.setExternalObjects([]); // forces a full run
    for (const f of texts.keys()) assert.deepEqual(view(ws.findings(f), f === file), view(reference.findings(f), f === file), `step ${step}: ${f} after editing ${file}`);
  }
  const { full, incremental } = ws.ruleRunStats;
  assert.ok(incremental > 30 && full > 10, `both paths were exercised: ${incremental} incremental, ${full} full runs`);
});
