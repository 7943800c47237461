import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileLinter, type LintCounters } from '../../server/src/engine/lint/fileLinter';
import { DEFAULT_RULE_SETTINGS } from '../../server/src/engine/lint/lintDocument';
import { A, B, C, prng, randomEdit } from '../helpers/soakEdits';

/**
 * The soak test's random edits, replayed against the engine's per-document chunks without a
 * server: after every edit the chunks must spell exactly what the editor's TextDocument holds,
 * having applied the edit in place (the safety net that repairs a desync must never fire).
 * Seed 37850 once left a syntax error published 61 lines off: a lone CR (`\r\r\n`, from CRLF
 * applied twice) in one document made the editor count a line the chunks did not, so later
 * edits further down landed in the wrong place.
 */
function replay(seed: number, edits: number): { counters: LintCounters; loneCR: boolean } {
  const rnd = prng(seed);
  const counters: LintCounters = { parsedChunks: 0, incrementalEdits: 0, fullUpdates: 0, repairs: 0 };
  const initial = new Map([
    ['a.yaml', A],
    ['b.yaml', B],
    ['c.yaml', C],
  ]);
  const files = [...initial.keys()];
  const docs = new Map([...initial].map(([f, t]) => [f, TextDocument.create(f, 'yaml', 1, t)]));
  const linters = new Map(files.map((f) => [f, new FileLinter(f, [], DEFAULT_RULE_SETTINGS, undefined, counters)]));
  for (const [f, t] of initial) linters.get(f)!.setText(t);
  let loneCR = false;
  for (let i = 1; i <= edits; i++) {
    const file = files[Math.floor(rnd() * files.length)]!;
    const doc = docs.get(file)!;
    const changes = randomEdit(doc, initial.get(file)!, rnd);
    const next = TextDocument.update(doc, changes, doc.version + 1);
    docs.set(file, next);
    linters.get(file)!.applyChanges(changes, () => next.getText());
    assert.equal(counters.repairs, 0, `seed ${seed}, edit ${i} (${JSON.stringify(changes).slice(0, 200)}) was applied at the wrong place`);
    assert.equal(linters.get(file)!.text, next.getText());
    loneCR ||= /\r(?!\n)/.test(next.getText());
  }
  return { counters, loneCR };
}

test('the soak edits on seed 37850 (a lone CR in a CRLF file) keep the chunks equal to the editor text', () => {
  const { counters, loneCR } = replay(37850, 1_000);
  assert.ok(loneCR, 'the replay reaches a text with a lone CR');
  assert.ok(counters.incrementalEdits > 100, 'most edits are applied in place');
});

test('the soak edits on 40 more seeds keep the chunks equal to the editor text, edit after edit', () => {
  let incremental = 0;
  for (let seed = 1; seed <= 40; seed++) incremental += replay(seed, 500).counters.incrementalEdits;
  assert.ok(incremental > 40 * 100, `edits applied in place: ${incremental}`);
});
