import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { ServerRecovery } from '../../client/src/serverRecovery';
import { LspClient, ROOT } from '../helpers/lspClient';
import { fakeUi } from '../helpers/fakeRecoveryUi';

// A server must never outlive its editor (an orphan would keep eating CPU and memory), and
// when it dies the client's recovery policy brings it back with the documents re-opened.

const SERVER = join(ROOT, 'dist', 'server.js');
const DOC = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n';
const INIT = (processId: number | null) => ({ processId, rootUri: null, workspaceFolders: null, capabilities: {} });

function exited(p: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (p.exitCode !== null) return Promise.resolve(p.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server still running after ${timeoutMs} ms`)), timeoutMs);
    p.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('stdio: the server exits when the editor closes its input, even without shutdown', { timeout: 180_000 }, async () => {
  const c = new LspClient();
  await c.initialize();
  const uri = 'file:///tmp/kubeplan-life/a.yaml';
  const linted = c.waitFor(uri, (d) => d.length > 0, 60_000);
  await c.open(uri, DOC);
  await linted;
  c.process.stdin!.end();
  assert.equal(await exited(c.process, 30_000), 1, 'an exit without shutdown is an error exit');
  c.connection.dispose();
});

test('node-ipc: the server exits when the IPC channel disconnects after initialization', { timeout: 180_000 }, async () => {
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  conn.listen();
  await conn.sendRequest('initialize', INIT(process.pid));
  await conn.sendNotification('initialized', {});
  child.disconnect();
  await exited(child, 30_000);
  conn.dispose();
});

test('the server exits when the editor process it was given dies (no orphan)', { timeout: 180_000 }, async () => {
  // a stand-in for the editor: a process the server watches through initialize's processId
  const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
  const c = new LspClient();
  await c.connection.sendRequest('initialize', INIT(editor.pid!));
  await c.connection.sendNotification('initialized', {});
  editor.kill('SIGKILL');
  // the library polls the parent every 3 s
  await exited(c.process, 30_000);
  c.connection.dispose();
});

test('killed repeatedly, the server is restarted with its documents until the policy gives up; the user is told twice (restarted, then stopped)', { timeout: 180_000 }, async () => {
  const { ui, shown } = fakeUi();
  const recovery = new ServerRecovery(ui, { maxRestarts: 3, windowMs: 180_000 });
  const uri = 'file:///tmp/kubeplan-life/restart.yaml';
  const diagnosed: number[] = [];
  let client: LspClient | undefined;
  const start = async () => {
    const c = new LspClient();
    await c.initialize();
    const linted = c.waitFor(uri, (d) => d.some((x) => x.code === 'default-namespace'), 60_000);
    await c.open(uri, DOC); // what vscode-languageclient does after a restart: re-open every document
    diagnosed.push((await linted).length);
    return c;
  };
  client = await start();
  for (let crash = 1; ; crash++) {
    const c = client;
    c.process.kill('SIGKILL');
    await exited(c.process, 30_000);
    c.connection.dispose();
    const decision = recovery.closed();
    if (decision.action !== 2) {
      assert.equal(crash, 4, 'stopped at the fourth crash with maxRestarts 3');
      break;
    }
    client = await start();
  }
  await new Promise((r) => setImmediate(r));
  assert.equal(diagnosed.length, 4, 'the first start and three restarts all linted the document');
  assert.ok(diagnosed.every((n) => n === diagnosed[0]), 'a restarted server publishes what the first one did');
  assert.deepEqual(shown.map((s) => s.kind), ['warn', 'error']);
});
