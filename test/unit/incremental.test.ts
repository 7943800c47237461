import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace, compareFindings, type Finding, type Range } from '../../server/src/engine';

// Pieces the random texts and edits are made of: documents, markers, comments, syntax
// errors, duplicates across files, templates, CRLF and directives — every path the
// incremental splitter treats specially.
const DOCS = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  'kind: Service\napiVersion: v1\nmetadata: { name: a, namespace: x }\n',
  '# just a comment\n',
  'key: "unterminated\n',
  'a: 1\na: 2\n',
  'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\n',
  // a lone CR is a line break to the editor and not to YAML's line counting
  'apiVersion: v1\r\r\nkind: ConfigMap\rmetadata:\n  name: cr\n',
];
const SNIPPETS = ['---\n', '\n---\n', '---', '-', '\n', ' ', 'x', ':', '  ', 'name: a\n', 'kind: Pod\n', '{{ .Values.x }}', '%YAML 1.2\n', '\r\n', '"', '# c', '...\n', ''];

const textArb = fc.array(fc.constantFrom(...DOCS), { minLength: 0, maxLength: 6 }).map((docs) => docs.map((d, i) => (i === 0 ? d : `---\n${d}`)).join(''));

interface Edit {
  start: number;
  length: number;
  text: string;
  whole: boolean;
}
const editArb: fc.Arbitrary<Edit> = fc.record({
  start: fc.nat({ max: 10_000 }),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 8 }), fc.nat({ max: 200 })),
  text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.constantFrom(...DOCS), fc.string({ maxLength: 4 })),
  whole: fc.boolean().map((b) => b && Math.random() < 0.05),
});

function sorted(findings: Finding[]): string[] {
  return [...findings].sort(compareFindings).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.rule} ${f.message}`);
}

function fresh(files: [string, string][]): Workspace {
  const ws = new Workspace();
  for (const [f, t] of files) ws.setFile(f, t);
  return ws;
}

test('after any sequence of edits, findings equal a fresh lint of the final text (property)', () => {
  fc.assert(
    fc.property(textArb, textArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (initial, other, edits) => {
      const ws = new Workspace();
      ws.setFile('b.yaml', other);
      ws.setFile('a.yaml', initial);
      let doc = TextDocument.create('file:///a.yaml', 'yaml', 1, initial);
      for (const e of edits) {
        const start = Math.min(e.start, doc.getText().length);
        const range = { start: doc.positionAt(start), end: doc.positionAt(Math.min(start + e.length, doc.getText().length)) };
        // like the server: the editor's change events, applied in order, with the full text for fallbacks
        const change = e.whole ? { text: e.text } : { range, text: e.text };
        doc = TextDocument.update(doc, [change], doc.version + 1);
        const text = doc.getText();
        ws.editFile('a.yaml', [change], () => text);
      }
      const final = doc.getText();
      assert.equal(ws.text('a.yaml'), final, 'the engine holds the editor text');
      assert.equal(ws.counters.repairs, 0, 'every edit was applied where the editor applied it');
      const expected = fresh([['b.yaml', other], ['a.yaml', final]]);
      assert.deepEqual(sorted(ws.findings('a.yaml')), sorted(expected.findings('a.yaml')));
      assert.deepEqual(sorted(ws.findings('b.yaml')), sorted(expected.findings('b.yaml')));
      ws.removeFile('b.yaml');
      assert.deepEqual(sorted(ws.findings('a.yaml')), sorted(fresh([['a.yaml', final]]).findings('a.yaml')), 'removing a file drops what it contributed');
    }),
    { numRuns: 200 },
  );
});

test('several changes in one didChange are applied in order', () => {
  const initial = DOCS[1]! + '---\n' + DOCS[1]!.replace('name: b', 'name: c');
  let doc = TextDocument.create('file:///a.yaml', 'yaml', 1, initial);
  const changes = [
    { range: { start: { line: 8, character: 8 }, end: { line: 8, character: 9 } }, text: 'b' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' },
  ];
  doc = TextDocument.update(doc, changes, 2);
  const ws = fresh([['a.yaml', initial]]);
  ws.editFile('a.yaml', changes, () => doc.getText());
  assert.equal(ws.text('a.yaml'), doc.getText());
  assert.deepEqual(sorted(ws.findings('a.yaml')), sorted(fresh([['a.yaml', doc.getText()]]).findings('a.yaml')));
  assert.ok(ws.findings('a.yaml').some((f) => f.rule === 'duplicate-object'), 'the rename made a duplicate');
});

test('a one-character edit in a large file re-parses one document', () => {
  const docs = Array.from({ length: 2000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: x\ndata:\n  k: v\n`);
  let doc = TextDocument.create('file:///big.yaml', 'yaml', 1, docs.join('---\n'));
  const ws = fresh([['big.yaml', doc.getText()]]);
  const edit = (change: { range: Range; text: string }) => {
    doc = TextDocument.update(doc, [change], doc.version + 1);
    const { parsedChunks, fullUpdates } = ws.counters;
    ws.editFile('big.yaml', [change], () => doc.getText());
    assert.equal(ws.counters.fullUpdates, fullUpdates, 'applied in place, not by re-splitting the whole text');
    assert.equal(ws.counters.parsedChunks - parsedChunks, 1);
  };
  // line of `name: c1000`
  const line = 1000 * 8 + 3;
  edit({ range: { start: { line, character: 9 }, end: { line, character: 10 } }, text: '9' });
  assert.ok(ws.text('big.yaml')!.includes('name: c9000\n'));
  const dup = ws.findings('big.yaml').filter((f) => f.rule === 'duplicate-object');
  assert.equal(dup.length, 0);
  edit({ range: { start: { line, character: 8 }, end: { line, character: 13 } }, text: 'c5' });
  assert.deepEqual(
    ws.findings('big.yaml').filter((f) => f.rule === 'duplicate-object').map((f) => f.range.start.line),
    [5 * 8 + 3, line],
  );
  assert.equal(ws.counters.repairs, 0);
});

test('a released document still answers rangeOf by re-parsing its source', () => {
  const ws = fresh([['a.yaml', DOCS[2]!]]);
  const o = ws.objects()[0]!;
  assert.deepEqual(o.doc.rangeOf(['spec', 'template', 'spec', 'containers', 0, 'image'], 'value'), { start: { line: 10, character: 17 }, end: { line: 10, character: 27 } });
  assert.equal(o.doc.has(['metadata', 'namespace']), true);
});
