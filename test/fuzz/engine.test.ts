import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_RULES, lintText, Workspace, type Finding } from '../../server/src/engine';
import { hostileFile, mutatedObject, randomText } from './manifests';
import { stringify } from 'yaml';

/** `npm test` runs a quick seed set; `npm run fuzz` sets FUZZ_RUNS for the long run (≥100k manifests in all). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const KNOWN_RULES = new Set(ALL_RULES.map((r) => r.id));
/** Manifest files linted, printed at the end: the figure the ≥100k target is about. */
let linted = 0;
after(() => console.log(`# engine.test.ts linted ${linted.toLocaleString('en-US')} generated or mutated manifest files (FUZZ_RUNS=${RUNS})`));

/** Every finding must point inside the text, at a known rule, with a one-line message; no rule may crash. */
function assertWellFormed(text: string, findings: readonly Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    assert.ok(KNOWN_RULES.has(f.rule) || f.rule === 'file-too-large', `unknown rule id ${f.rule}`);
    assert.doesNotMatch(f.message, /Internal error/, `a rule crashed: ${f.message}`);
    assert.ok(f.message.length > 0 && !f.message.includes('\n'), `message must be one line: ${JSON.stringify(f.message)}`);
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `line ${p.line} outside 0..${lines.length - 1} for ${f.rule}`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line]!.length, `character ${p.character} outside line ${p.line} for ${f.rule}`);
    }
    const { start, end } = f.range;
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `inverted range for ${f.rule}`);
  }
}

test(`linting never throws and every finding is located (${RUNS} damaged multi-document files)`, () => {
  fc.assert(
    fc.property(hostileFile, (text) => {
      linted++;
      assertWellFormed(text, lintText(text));
    }),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
  );
});

test(`mutated objects with wrong types everywhere never crash a rule (${RUNS} objects)`, () => {
  fc.assert(
    fc.property(mutatedObject, (obj) => {
      let text: string;
      try {
        text = stringify(obj);
      } catch {
        return;
      }
      linted++;
      assertWellFormed(text, lintText(text));
    }),
    { numRuns: RUNS },
  );
});

test(`random bytes are at worst a located syntax error (${RUNS} inputs)`, () => {
  fc.assert(
    fc.property(randomText, (text) => {
      linted++;
      assertWellFormed(text, lintText(text));
    }),
    { numRuns: RUNS },
  );
});

test('editing a workspace incrementally gives the same findings as linting from scratch', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('a.yaml', 'b.yaml'), hostileFile), { minLength: 1, maxLength: 6 }), (edits) => {
      const ws = new Workspace();
      const final = new Map<string, string>();
      for (const [file, text] of edits) {
        linted++;
        ws.setFile(file, text);
        final.set(file, text);
      }
      const fresh = new Workspace();
      for (const [file, text] of final) fresh.setFile(file, text);
      for (const file of final.keys()) assert.deepEqual(ws.findings(file), fresh.findings(file));
    }),
    { numRuns: Math.max(20, RUNS / 5) },
  );
});
