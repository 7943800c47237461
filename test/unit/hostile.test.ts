import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, Workspace, type Finding } from '../../server/src/engine';
import { decodeManifest } from '../../server/src/engine/yaml/decode';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: shop\n';
const rules = (f: readonly Finding[]) => [...new Set(f.map((x) => x.rule))];

test('a billion-laughs alias bomb is refused with a clear, located message', () => {
  let bomb = HEAD + 'data:\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) bomb += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  const f = lintText(bomb);
  assert.deepEqual(rules(f), ['yaml-syntax']);
  assert.match(f[0]!.message, /billion laughs/);
  assert.equal(f[0]!.range.start.line, 0);
});

test('10,000 levels of flow nesting are a located, plainly worded syntax error', () => {
  const f = lintText(HEAD + 'data: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n');
  assert.deepEqual(rules(f), ['yaml-syntax']);
  assert.match(f[0]!.message, /Nesting too deep/);
  assert.equal(f[0]!.range.start.line, 5);
});

test('block nesting beyond 500 levels is refused before the parser recurses', () => {
  const lines = Array.from({ length: 1_100 }, (_, i) => ' '.repeat(i + 2) + `k${i}:`);
  const f = lintText(HEAD + 'data:\n' + lines.join('\n') + ' v\n');
  assert.deepEqual(rules(f), ['yaml-syntax']);
  assert.match(f[0]!.message, /Nesting deeper than 500 levels/);
  assert.equal(f[0]!.range.start.line, 6 + 999, 'the line whose indentation passes 1000 columns');
});

test('brackets inside strings do not count as nesting', () => {
  const f = lintText(HEAD + `data:\n  a: "${'['.repeat(600)}"\n  b: '${'{'.repeat(600)}'\n`);
  assert.deepEqual(rules(f), []);
});

test('a document with 100k keys is read in linear time (no quadratic duplicate check)', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v`).join('\n');
  const f = lintText(HEAD + 'data:\n' + keys + '\n');
  assert.deepEqual(rules(f), [], 'valid, if large: 100k keys fit under the 1.5 MiB object limit');
  const dup = lintText(HEAD + 'data:\n' + keys + '\n  k5: again\n');
  assert.deepEqual(dup.map((x) => x.message), ['Map keys must be unique: "k5" is repeated.']);
});

test('a document over the 1.5 MiB API-server object limit gets one info note instead of a slow lint', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `  key-number-${i}: some value`).join('\n');
  const f = lintText(HEAD + 'data:\n' + keys + '\n---\n' + HEAD.replace('name: x', 'name: z'));
  assert.deepEqual(rules(f), ['file-too-large']);
  assert.equal(f[0]!.severity, 'info');
  assert.match(f[0]!.message, /1\.5 MiB/);
});

test('duplicate keys are a located syntax error, reported once per repeat', () => {
  const f = lintText(HEAD + 'data:\n  a: 1\n  b: 2\n  a: 3\n');
  assert.deepEqual(rules(f), ['yaml-syntax']);
  assert.match(f[0]!.message, /"a" is repeated/);
  assert.deepEqual(f[0]!.range.start, { line: 8, character: 2 });
});

test('binary content is at most a few located syntax errors, never a flood', () => {
  let bin = '';
  for (let i = 0; i < 200_000; i++) bin += String.fromCharCode((i * 7919) % 256);
  const f = lintText('apiVersion: v1\nkind: ConfigMap\n' + bin);
  assert.ok(f.length >= 1 && f.length <= 20, `${f.length} findings`);
  assert.deepEqual(rules(f), ['yaml-syntax']);
});

test('a file that is not UTF-8 is decoded with replacement characters and reported at the first bad byte', () => {
  const bytes = Buffer.concat([Buffer.from(HEAD + 'data:\n  a: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
  const { text, problem } = decodeManifest(bytes, 'latin1.yaml');
  assert.ok(text.includes('\uFFFD'));
  assert.equal(problem!.rule, 'yaml-syntax');
  assert.deepEqual(problem!.range.start, { line: 6, character: 9 });
});

test('UTF-16 files (with a byte-order mark) decode cleanly', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEAD, 'utf16le')]);
  const { text, problem } = decodeManifest(le, 'u16.yaml');
  assert.equal(problem, undefined);
  assert.equal(text.replace(/^\uFEFF/, ''), HEAD);
});

test('a Helm template is one info note, not a flood of errors', () => {
  const f = lintText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  {{- toYaml .Values.spec | nindent 2 }}\n');
  assert.deepEqual(rules(f), ['templated-file']);
});

test('a file of 150k documents is linted and indexed (no argument-spread stack overflow)', () => {
  const ws = new Workspace({ objectRules: [], workspaceRules: [] }); // the splitting and indexing are under test, not the rules
  ws.setFile('many.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n'.repeat(150_000));
  assert.equal(ws.objects().length, 150_000);
});

test('a document that is one 10 MB string gets the size note, fast', () => {
  const f = lintText(HEAD + 'data:\n  k: "' + 'x'.repeat(10_000_000) + '"\n');
  assert.deepEqual(rules(f), ['file-too-large']);
  assert.deepEqual(f[0]!.range.start, { line: 0, character: 0 });
});

test('a 10 MB plain scalar with no structure is not an error', () => {
  assert.deepEqual(lintText('x'.repeat(10_000_000)), []);
});
