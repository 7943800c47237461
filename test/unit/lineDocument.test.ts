import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineDocument, splitLines } from '../../server/src/lsp/lineDocument';
import { mulberry32 } from '../../server/src/engine/cluster/scheduler/framework/random';

const PIECES = ['a', 'bc', ' ', 'kind: Pod', '\n', '\r\n', '\r', '\n\n', '—', '😀', ''];

function randomText(rnd: () => number, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

/** A position anywhere, including past line ends, past the last line, negative, and between \r and \n. */
function randomPosition(rnd: () => number, doc: TextDocument) {
  const r = rnd();
  if (r < 0.05) return { line: -1, character: 2 };
  if (r < 0.1) return { line: doc.lineCount + Math.floor(rnd() * 3), character: Math.floor(rnd() * 4) };
  if (r < 0.2) return { line: Math.floor(rnd() * doc.lineCount), character: 1000 };
  const p = doc.positionAt(Math.floor(rnd() * (doc.getText().length + 1)));
  return { line: p.line, character: p.character + (rnd() < 0.2 ? 1 : 0) };
}

test('splitLines cuts after \\r\\n, \\n and a lone \\r, keeping the last piece', () => {
  assert.deepEqual(splitLines(''), ['']);
  assert.deepEqual(splitLines('a\r\nb\nc\rd'), ['a\r\n', 'b\n', 'c\r', 'd']);
  assert.deepEqual(splitLines('a\n'), ['a\n', '']);
  assert.deepEqual(splitLines('\r\r\n\n'), ['\r', '\r\n', '\n', '']);
});

test('edits behave as vscode-languageserver-textdocument: text, positions, offsets, ranges (10,000 random edits)', () => {
  const rnd = mulberry32(7);
  for (let round = 0; round < 200; round++) {
    const initial = randomText(rnd, Math.floor(rnd() * 40));
    let ref = TextDocument.create('file:///x.yaml', 'yaml', 1, initial);
    const doc = LineDocument.create('file:///x.yaml', 'yaml', 1, initial);
    for (let k = 0; k < 50; k++) {
      const version = k + 2;
      const changes =
        rnd() < 0.03
          ? [{ text: randomText(rnd, 10) }]
          : Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({ range: { start: randomPosition(rnd, ref), end: randomPosition(rnd, ref) }, text: randomText(rnd, Math.floor(rnd() * 4)) }));
      // the changes apply in order: each range is in the text the previous one left
      for (const change of changes) {
        ref = TextDocument.update(ref, [change], version);
        LineDocument.update(doc, [change], version);
        const context = `round ${round}, edit ${k}: ${JSON.stringify(change)}`;
        if (rnd() < 0.5) assert.equal(doc.getText(), ref.getText(), context);
        assert.equal(doc.textLength, ref.getText().length, context);
        // the library's incremental line table goes wrong for a range past the last line (an editor never sends one):
        // positions are compared with a fresh document of the same text
        ref = TextDocument.create(ref.uri, 'yaml', version, ref.getText());
        assert.equal(doc.lineCount, ref.lineCount, context);
        const p = randomPosition(rnd, ref);
        assert.equal(doc.offsetAt(p), ref.offsetAt(p), `offsetAt ${JSON.stringify(p)}; ${context}`);
        const o = Math.floor(rnd() * (ref.getText().length + 3)) - 1;
        assert.deepEqual(doc.positionAt(o), ref.positionAt(o), `positionAt ${o}; ${context}`);
        const line = Math.floor(rnd() * (ref.lineCount + 2)) - 1;
        assert.deepEqual(doc.getLineRange(line), ref.getLineRange(line), `getLineRange ${line}; ${context}`);
        assert.equal(doc.getEOLCharacters(line), ref.getEOLCharacters(line), `getEOLCharacters ${line}; ${context}`);
        const full = ref.getText();
        const at = Math.floor(rnd() * (full.length + 2)) - 1;
        const probe = rnd() < 0.7 ? full.slice(Math.max(at, 0), Math.max(at, 0) + Math.floor(rnd() * 12)) : randomText(rnd, 3);
        assert.equal(doc.holds(probe, at), at >= 0 && at + probe.length <= full.length && full.startsWith(probe, at), `holds ${JSON.stringify(probe)} at ${at}; ${context}`);
        const range = { start: randomPosition(rnd, ref), end: randomPosition(rnd, ref) };
        assert.equal(doc.getText(range), ref.getText(range), `getText ${JSON.stringify(range)}; ${context}`);
      }
      assert.equal(doc.version, version);
    }
    assert.equal(doc.getText(), ref.getText());
  }
});

test('a paste of many lines and a whole-file replacement', () => {
  const big = Array.from({ length: 30_000 }, (_, i) => `line ${i}`).join('\r\n');
  let ref = TextDocument.create('u', 'yaml', 1, 'a\nb\nc');
  const doc = LineDocument.create('u', 'yaml', 1, 'a\nb\nc');
  const change = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: big };
  ref = TextDocument.update(ref, [change], 2);
  LineDocument.update(doc, [change], 2);
  assert.equal(doc.getText(), ref.getText());
  assert.equal(doc.lineCount, 30_002);
  LineDocument.update(doc, [{ text: 'x\ny' }], 3);
  assert.equal(doc.getText(), 'x\ny');
  assert.equal(doc.lineCount, 2);
});
