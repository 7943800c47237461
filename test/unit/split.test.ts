import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitDocuments } from '../../server/src/engine/yaml/split';

test('splits at --- markers and records each chunk\'s first line', () => {
  const text = 'a: 1\n---\nb: 2\n--- # comment\nc: 3\n';
  const chunks = splitDocuments(text);
  assert.deepEqual(chunks.map((c) => [c.startLine, c.text]), [
    [0, 'a: 1\n'],
    [1, '---\nb: 2\n'],
    [3, '--- # comment\nc: 3\n'],
  ]);
});

test('a line of four dashes or ---x is content, not a marker', () => {
  const chunks = splitDocuments('a: |\n  x\n----\n---x: 1\n');
  assert.equal(chunks.length, 1);
});

test('CRLF files split the same way', () => {
  const chunks = splitDocuments('a: 1\r\n---\r\nb: 2\r\n');
  assert.deepEqual(chunks.map((c) => c.startLine), [0, 1]);
});

test('streams with directives are left whole for the full parser', () => {
  const chunks = splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n');
  assert.equal(chunks.length, 1);
});
