import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { encodeMessage as encodeParts, messageText } from '../../server/src/lsp/wire/encodeMessage';
import { StreamWriter } from '../../server/src/lsp/wire/streamWriter';

const encodeMessage = (m: Message) => messageText(encodeParts(m));

const diagnostic = (i: number, message = `finding ${i} — “quoted” ✓`) => ({
  range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
  severity: 2,
  source: 'kubeplan',
  code: 'mutable-image-tag',
  codeDescription: { href: 'https://example.test/rules.md#mutable-image-tag' },
  message,
});
const publish = (diagnostics: object[], version?: number): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: version === undefined ? { uri: 'file:///a b.yaml', diagnostics } : { uri: 'file:///a b.yaml', version, diagnostics } }) as Message;

test('a publish encodes to the same JSON value as JSON.stringify, with and without a version, empty or not', () => {
  for (const m of [publish([], 3), publish([diagnostic(1)]), publish([diagnostic(1), diagnostic(2, 'a "quote"\nand a line')], 7)]) {
    assert.deepEqual(JSON.parse(encodeMessage(m)), JSON.parse(JSON.stringify(m)));
    assert.equal(encodeParts(m).bytes, Buffer.byteLength(encodeMessage(m)), 'the UTF-8 length the header announces');
  }
  const other = { jsonrpc: '2.0', id: 4, result: { diagnostics: [1] } } as Message;
  assert.equal(encodeMessage(other), JSON.stringify(other));
});

test('a diagnostic object is serialised once: a later publish reuses its JSON', () => {
  const d = diagnostic(1);
  const first = encodeMessage(publish([d]));
  d.message = 'changed after publishing'; // never done by the server; shows the cache is by object
  assert.equal(encodeMessage(publish([d])), first);
  assert.match(encodeMessage(publish([{ ...d }])), /changed after publishing/);
});

const streams: [string, () => { out: NodeJS.WritableStream; in: NodeJS.ReadableStream; reuse: boolean; done: () => void }][] = [
  ['a stream', () => {
    const pipe = new PassThrough();
    return { out: pipe, in: pipe, reuse: false, done: () => undefined };
  }],
  // a real pipe (a net.Socket, as stdout is): the writer reuses its buffer once the kernel has the bytes
  ['a pipe through cat', () => {
    const cat = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
    return { out: cat.stdin, in: cat.stdout, reuse: true, done: () => cat.kill() };
  }],
];

for (const [name, open] of streams) test(`the stream writer frames small and big messages in order over ${name}, readable by vscode-jsonrpc`, async () => {
  const io = open();
  const writer = new StreamWriter(io.out, io.reuse);
  const reader = new StreamMessageReader(io.in);
  const received: Message[] = [];
  reader.listen((m) => received.push(m));
  const big = (n: number, offset: number) => publish(Array.from({ length: n }, (_, i) => diagnostic(i + offset)), n);
  const sent: Message[] = [{ jsonrpc: '2.0', id: 1, result: null } as Message, big(2000, 0), big(1500, 5), publish([]), big(2500, 9), { jsonrpc: '2.0', method: 'x', params: { ü: 'ß' } } as Message];
  await Promise.all(sent.map((m) => writer.write(m)));
  for (let i = 0; i < 100 && received.length < sent.length; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(received.length, sent.length);
  io.done();
  assert.deepEqual(received, JSON.parse(JSON.stringify(sent)));
});
