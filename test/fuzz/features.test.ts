import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describeAt, suppressionFixes, Workspace, type Finding } from '../../server/src/engine';
import { objectsFromTexts, type ScenarioSpec } from '../../server/src/engine/cluster/input';
import { simulate } from '../../server/src/engine/cluster/simulate';
import { codeActionsFor, suppressActionsFor } from '../../server/src/lsp/features/codeActions';
import { fieldMarkdown } from '../../server/src/lsp/features/hover';
import { applyEdits } from '../helpers/edits';
import { hostileFile, mutatedObject } from './manifests';

// The features around linting, on the same damaged manifests as engine.test.ts: the simulator
// always terminates within its budget, quick fixes keep a document parseable, hover and code
// actions never throw at any position. `npm run fuzz` raises FUZZ_RUNS; these properties cost
// far more per file than linting (a simulation, a re-lint per fix, a hover per position), so
// they take a fraction of it.

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SIM_RUNS = Math.max(15, Math.round(RUNS / 20));
const FIX_RUNS = Math.max(15, Math.round(RUNS / 40));
const HOVER_RUNS = Math.max(10, Math.round(RUNS / 100));
let manifests = 0;
after(() => console.log(`# features.test.ts fuzzed ${manifests} manifest files (FUZZ_RUNS=${RUNS})`));

/** Valid YAML with wrong types in random places: what quick fixes mostly meet. */
const mutatedFile: fc.Arbitrary<string> = fc.array(mutatedObject, { minLength: 1, maxLength: 3 }).map((objects) =>
  objects
    .map((o) => {
      try {
        return stringify(o, { aliasDuplicateObjects: false });
      } catch {
        return '';
      }
    })
    .join('---\n'),
);
const anyFile = fc.oneof(hostileFile, mutatedFile);

/** Small random budgets, down to one event and one pod, so every way of stopping is exercised. */
const budget = fc.record({ maxEvents: fc.integer({ min: 1, max: 5_000 }), maxPods: fc.integer({ min: 1, max: 300 }), maxSeconds: fc.integer({ min: 1, max: 900 }) });
const scenario: fc.Arbitrary<ScenarioSpec> = fc.constantFrom<ScenarioSpec>({ kind: 'apply' }, { kind: 'node-failure', at: 30 }, { kind: 'rollout', image: 'x:2' }, { kind: 'load' });

test(`the simulator terminates within its budget on fuzzed workspaces (${SIM_RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(anyFile, { minLength: 1, maxLength: 3 }), scenario, fc.nat(), budget, (files, spec, seed, limits) => {
      manifests += files.length;
      const objects = objectsFromTexts(files.map((t, i) => [`f${i}.yaml`, t] as const));
      const r = simulate({ objects, scenario: spec, seed, budget: limits });
      assert.ok(r.duration <= limits.maxSeconds, `duration ${r.duration} > ${limits.maxSeconds}`);
      assert.ok(r.pods.length <= limits.maxPods, `${r.pods.length} pods > ${limits.maxPods}`);
      for (const f of r.findings) assert.ok(f.message.length > 0 && !f.message.includes('\n'), `one-line message: ${JSON.stringify(f.message)}`);
    }),
    { numRuns: SIM_RUNS, seed: SEED },
  );
});

function lintFile(text: string): Finding[] {
  const ws = new Workspace();
  ws.setFile('f.yaml', text);
  return ws.findings('f.yaml');
}

function positionsOf(text: string, pick: number): { line: number; character: number }[] {
  const lines = text.split('\n');
  const out = [{ line: 0, character: 0 }, { line: lines.length, character: 0 }, { line: lines.length - 1, character: 10_000 }];
  for (let i = 0; i < lines.length; i++) out.push({ line: i, character: 0 }, { line: i, character: lines[i]!.length }, { line: i, character: (pick + i) % (lines[i]!.length + 2) });
  return out;
}

test(`quick fixes applied to fuzzed documents keep them parseable (${FIX_RUNS} files)`, () => {
  let applied = 0;
  fc.assert(
    fc.property(anyFile, (text) => {
      manifests++;
      const ws = new Workspace();
      const analysis = ws.setFile('f.yaml', text);
      const before = ws.findings('f.yaml');
      const parsed = !before.some((f) => f.rule === 'yaml-syntax');
      // the rule's own fixes and the "Suppress … for this object" ones
      for (const f of before.slice(0, 8)) {
        for (const fix of [...(f.fixes ?? []), ...suppressionFixes(analysis, f)]) {
          if (fix.edits.length === 0) continue;
          const fixed = applyEdits(text, fix.edits); // throws on overlapping edits
          applied++;
          if (!parsed) continue;
          const syntax = lintFile(fixed).filter((x) => x.rule === 'yaml-syntax');
          assert.deepEqual(syntax.map((x) => x.message), [], `"${fix.title}" (${f.rule}) broke the YAML:\n--- before\n${text}\n--- after\n${fixed}`);
        }
      }
    }),
    { numRuns: FIX_RUNS, seed: SEED },
  );
  assert.ok(applied > 0, 'some fixes were applied');
});

test(`hover and code actions never throw, at any position of a fuzzed document (${HOVER_RUNS} files)`, () => {
  fc.assert(
    fc.property(anyFile, fc.nat(), (text, pick) => {
      manifests++;
      const ws = new Workspace();
      ws.setFile('f.yaml', text);
      const objects = ws.objects();
      const findings: Finding[] = ws.findings('f.yaml');
      for (const p of positionsOf(text, pick)) {
        const field = describeAt(text, p.line, p.character, { objects });
        if (field) assert.ok(fieldMarkdown(field).length > 0);
        const actions = codeActionsFor('file:///f.yaml', findings, { textDocument: { uri: 'file:///f.yaml' }, range: { start: p, end: p }, context: { diagnostics: [] } });
        actions.push(...suppressActionsFor('file:///f.yaml', ws.analysis('f.yaml'), findings, { textDocument: { uri: 'file:///f.yaml' }, range: { start: p, end: p }, context: { diagnostics: [] } }));
        for (const a of actions) assert.ok(a.edit?.changes?.['file:///f.yaml']?.length, `"${a.title}" has no edit`);
      }
    }),
    { numRuns: HOVER_RUNS, seed: SEED },
  );
});
