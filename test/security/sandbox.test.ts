import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { SIMULATE_REQUEST, type SimulateResponse } from '../../server/src/protocol/preview';
import { hostileWorkspace } from '../helpers/hostileWorkspace';
import { LspClient, ROOT } from '../helpers/lspClient';

// Nothing from a manifest is ever executed or fetched, Kubeplan opens no network connection
// at all, and it never writes a file (quick fixes are edits the editor applies when the user
// picks one): the server and the CLI run a realistic session on hostile manifests under a
// preload that records (and refuses) every socket, DNS lookup, HTTP request, child process,
// worker, dynamic code evaluation and file-system write.

const PRELOAD = join(ROOT, 'test', 'helpers', 'no-network.js');

function sandboxLog(): string {
  return join(mkdtempSync(join(tmpdir(), 'kubeplan-sandbox-')), 'attempts.log');
}

/** The scripts the preload ran in (it notes itself in `<log>.active`). */
function sandboxed(log: string): string[] {
  return existsSync(`${log}.active`) ? readFileSync(`${log}.active`, 'utf8').split('\n').filter(Boolean) : [];
}

/** Every file and folder below `dir` with its size, modification time and content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath, e.name);
    const st = statSync(p);
    out[relative(dir, p)] = e.isDirectory() ? `dir ${st.mtimeMs}` : `${st.size} ${st.mtimeMs} ${readFileSync(p, 'utf8')}`;
  }
  return out;
}

function attempts(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

test('the sandbox catches every way out it claims to (so the tests below can fail)', () => {
  const log = sandboxLog();
  const script = `
    const tries = {
      socket: () => new (require('net').Socket)().connect(80, '127.0.0.1'),
      netConnect: () => require('net').connect(80, 'example.com'),
      http: () => require('http').get('http://example.com'),
      https: () => require('https').request('https://example.com'),
      tls: () => require('tls').connect(443, 'example.com'),
      dns: () => require('dns').lookup('example.com', () => {}),
      dnsPromises: () => require('dns').promises.resolve4('example.com'),
      udp: () => require('dgram').createSocket('udp4'),
      fetch: () => fetch('https://example.com'),
      spawn: () => require('child_process').spawn('true'),
      execSync: () => require('child_process').execSync('true'),
      fork: () => require('child_process').fork('x.js'),
      worker: () => new (require('worker_threads').Worker)('x.js'),
      vm: () => require('vm').runInNewContext('1'),
      eval: () => globalThis.eval('1'),
      fn: () => Function('return 1')(),
      ctor: () => (() => {}).constructor('return 1')(),
      writeFile: () => require('fs').writeFileSync(${JSON.stringify(join(tmpdir(), 'kubeplan-sandbox-write'))}, 'x'),
      appendFile: () => require('fs').appendFile('x.yaml', 'x', () => {}),
      promisesWrite: () => require('fs/promises').writeFile('x.yaml', 'x'),
      openForWrite: () => require('fs').openSync('x.yaml', 'r+'),
      writeStream: () => require('fs').createWriteStream('x.yaml'),
      rename: () => require('fs').renameSync('a.yaml', 'b.yaml'),
      remove: () => require('fs').rmSync('x.yaml'),
    };
    let refused = 0;
    for (const [name, f] of Object.entries(tries)) { try { f(); } catch (e) { if (/sandbox/.test(e.message)) refused++; } }
    console.log('refused', refused, 'of', Object.keys(tries).length);
  `;
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: { ...process.env, KUBEPLAN_SANDBOX_LOG: log }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /refused 24 of 24/, 'stdout (a pipe) still works, and every attempt was refused');
  assert.equal(attempts(log).length, 24, attempts(log).join('\n'));
  assert.equal(existsSync(join(tmpdir(), 'kubeplan-sandbox-write')), false);
});

test('language server: a full session on hostile manifests opens no socket, runs nothing and writes no file', { timeout: 300_000 }, async () => {
  const ws = hostileWorkspace();
  const before = snapshot(ws.root);
  const log = sandboxLog();
  const client = new LspClient(undefined, ['--stdio'], { ...process.env, KUBEPLAN_SANDBOX_LOG: log }, ['--require', PRELOAD]);
  try {
    await client.initialize(pathToFileURL(ws.root).href, { isTrusted: true });
    const uris = ['deploy.yaml', 'network.yaml', 'pod.yaml'].map((f) => pathToFileURL(join(ws.root, f)).href);
    // the workspace scan reads them; then the editor opens them
    const scanned = await Promise.all(uris.map((u) => client.waitFor(u, (d) => d.length > 0, 120_000, true)));
    assert.ok(scanned.every((d) => d.length > 0));
    for (const u of uris) await client.open(u, ws.files[u.split('/').pop()!]!);
    const diagnostics: Diagnostic[][] = [];
    for (const u of uris) diagnostics.push(await client.waitFor(u, (d) => d.length > 0, 120_000, true));
    // hover every few characters of every line, and ask for code actions on every diagnostic
    for (const [i, u] of uris.entries()) {
      const lines = ws.files[u.split('/').pop()!]!.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (let ch = 0; ch <= lines[line]!.length; ch += 7) await client.hover(u, line, ch);
      }
      for (const d of diagnostics[i]!) await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
    }
    for (const scenario of [{ kind: 'apply' }, { kind: 'node-failure' }, { kind: 'rollout' }, { kind: 'load' }]) {
      const r = (await client.connection.sendRequest(SIMULATE_REQUEST, { scope: 'workspace', scenario })) as SimulateResponse;
      assert.ok(r.result, `scenario ${scenario.kind}: ${r.error}`);
    }
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kubeplan: { kubernetesVersion: '1.25' } } });
    await client.change(uris[0]!, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await client.waitFor(uris[0]!, () => (client.publishedVersion.get(uris[0]!) ?? 0) >= 2, 60_000, true);
  } finally {
    await client.shutdown();
  }
  assert.ok(sandboxed(log).some((l) => l.endsWith('server.js')), 'the server ran under the sandbox');
  assert.deepEqual(attempts(log), [], `the server tried to reach out:\n${attempts(log).join('\n')}\n${client.stderr}`);
  assert.equal(existsSync(ws.canary), false, 'a manifest command ran');
  assert.doesNotMatch(client.stderr, /sandbox:/);
  assert.deepEqual(snapshot(ws.root), before, 'the workspace on disk is exactly as it was (the edit above was an editor buffer)');
});

test('CLI: lint (text, JSON, SARIF) and preview (text, JSON, HTML) on hostile manifests open no socket, run nothing and write no file', { timeout: 300_000 }, () => {
  const ws = hostileWorkspace();
  const before = snapshot(ws.root);
  const log = sandboxLog();
  const runs = [
    ['lint', '.'],
    ['lint', '--format', 'json', '.'],
    ['lint', '--format', 'sarif', '.'],
    ['preview', '.'],
    ['preview', '--format', 'json', '--scenario', 'node-failure', '.'],
    ['preview', '--format', 'html', '--scenario', 'rollout', '.'],
    ['preview', '--format', 'html', '--scenario', 'load', '.'],
  ];
  for (const args of runs) {
    const r = spawnSync(process.execPath, ['--require', PRELOAD, join(ROOT, 'dist', 'cli.js'), ...args], {
      cwd: ws.root,
      env: { ...process.env, KUBEPLAN_SANDBOX_LOG: log, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(r.status === 0 || r.status === 1, `kubeplan ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    assert.ok(r.stdout.length > 0, `kubeplan ${args.join(' ')} printed nothing`);
    assert.doesNotMatch(r.stderr, /sandbox:|internal error/);
  }
  assert.equal(sandboxed(log).filter((l) => l.endsWith('cli.js')).length, runs.length, 'every CLI run was sandboxed');
  assert.deepEqual(attempts(log), [], attempts(log).join('\n'));
  assert.equal(existsSync(ws.canary), false, 'a manifest command ran');
  assert.deepEqual(snapshot(ws.root), before, 'the CLI changed nothing on disk');
});
