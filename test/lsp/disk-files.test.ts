import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

// Files the editor has not opened are read from disk by the server (workspace scan, watched
// files, a document closed): they must be decoded as the CLI decodes them, and a huge one
// must not be read at all.
const root = mkdtempSync(join(tmpdir(), 'kubeplan-disk-'));
const uri = (name: string) => pathToFileURL(join(root, name)).href;
const head = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n`;

writeFileSync(join(root, 'latin1.yaml'), Buffer.concat([Buffer.from(head('latin') + '  a: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
writeFileSync(join(root, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(head('utf16') + '  a: "café"\n', 'utf16le')]));
writeFileSync(join(root, 'plain.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
// 60 MB, written in pieces so the test itself stays light
{
  const fd = openSync(join(root, 'huge.yaml'), 'w');
  const block = Buffer.from((head('huge') + '  k: v\n---\n').repeat(10_000));
  for (let written = 0; written < 60_000_000; written += block.length) writeSync(fd, block);
  closeSync(fd);
}

const client = new LspClient();
before(() => client.initialize(pathToFileURL(root).href));
after(async () => {
  await client.shutdown();
  rmSync(root, { recursive: true, force: true });
});

test('the workspace scan reports a file that is not UTF-8 at its first bad byte', async () => {
  const d = await client.waitFor(uri('latin1.yaml'), (x) => x.length > 0, 60_000, true);
  const problem = d.find((x) => /not valid UTF-8/.test(String(x.message)));
  assert.ok(problem, JSON.stringify(d));
  assert.equal(problem.code, 'yaml-syntax');
  assert.deepEqual(problem.range.start, { line: 6, character: 9 });
});

test('a UTF-16 file on disk is decoded, not read as garbage', async () => {
  const d = await client.waitFor(uri('utf16.yaml'), () => true, 60_000, true);
  assert.deepEqual(d.map((x) => x.code), [], JSON.stringify(d));
});

test('a 60 MB file in the workspace gets one note and is never read; the other files are linted', async () => {
  const d = await client.waitFor(uri('huge.yaml'), () => true, 60_000, true);
  assert.deepEqual(d.map((x) => x.code), ['file-too-large']);
  assert.match(String(d[0]!.message), /6\d\.\d M bytes is over the editor's 10 M limit/);
  const plain = await client.waitFor(uri('plain.yaml'), (x) => x.length > 0, 60_000, true);
  assert.ok(plain.some((x) => x.code === 'default-namespace'));
});

test('fixing the encoding on disk clears the problem (watched-file change)', async () => {
  writeFileSync(join(root, 'latin1.yaml'), head('latin') + '  a: "café"\n');
  const cleared = client.waitFor(uri('latin1.yaml'), (x) => !x.some((y) => /UTF-8/.test(String(y.message))), 60_000);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('latin1.yaml'), type: 2 }] });
  assert.deepEqual((await cleared).map((x) => x.code), []);
});

test('opening a file replaces the on-disk encoding problem with the editor’s text', async () => {
  writeFileSync(join(root, 'bad2.yaml'), Buffer.concat([Buffer.from(head('bad2') + '  a: '), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from('\n')]));
  const reported = client.waitFor(uri('bad2.yaml'), (x) => x.some((y) => /UTF-8/.test(String(y.message))), 60_000);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('bad2.yaml'), type: 1 }] });
  await reported;
  const opened = client.waitFor(uri('bad2.yaml'), (x) => !x.some((y) => /UTF-8/.test(String(y.message))), 60_000);
  await client.open(uri('bad2.yaml'), head('bad2') + '  a: b\n');
  assert.deepEqual((await opened).map((x) => x.code), []);
});
