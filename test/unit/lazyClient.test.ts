import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LazyLanguageClient, type ClientModuleExports } from '../../client/src/lazyClient';

/** A stand-in for the language client module: records what happens to the client, in order. */
function fakeModule(options: { failLoad?: boolean; failStart?: boolean } = {}) {
  const events: string[] = [];
  let loads = 0;
  const client = {
    start: async () => {
      events.push('start');
      if (options.failStart) throw new Error('server did not start');
    },
    stop: async () => void events.push('stop'),
  };
  const load = () => {
    loads++;
    if (options.failLoad) throw new Error('dist/languageClient.js is missing');
    return {
      createLanguageClient: () => {
        events.push('create');
        return client as unknown as LanguageClient;
      },
      WorkDoneProgress: { type: 'progress-type' },
    } as unknown as ClientModuleExports;
  };
  return { events, load, client, loads: () => loads };
}

const context = {} as ExtensionContext;

test('constructing loads nothing; start() loads the module once, runs setups before the client starts', async () => {
  const m = fakeModule();
  const lazy = new LazyLanguageClient(context, m.load);
  lazy.onCreated(() => m.events.push('setup'));
  assert.equal(m.loads(), 0, 'activation must not load the language client');
  await Promise.all([lazy.start(), lazy.start()]);
  assert.equal(m.loads(), 1);
  assert.deepEqual(m.events, ['create', 'setup', 'start']);
  // a setup registered after creation still runs, once
  lazy.onCreated(() => m.events.push('late setup'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(m.events, ['create', 'setup', 'start', 'late setup']);
});

test('ready() before start() (a command right after activation) starts the client and waits for it', async () => {
  const m = fakeModule();
  const lazy = new LazyLanguageClient(context, m.load);
  const { client, lib } = await lazy.ready();
  assert.equal(client, m.client);
  assert.equal((lib.WorkDoneProgress as unknown as { type: string }).type, 'progress-type');
  await lazy.start();
  assert.deepEqual(m.events, ['create', 'start'], 'one client, started once');
});

test('a module that fails to load rejects every ready(), and start() does not hang', async () => {
  const m = fakeModule({ failLoad: true });
  const lazy = new LazyLanguageClient(context, m.load);
  await assert.rejects(lazy.start(), /languageClient\.js is missing/);
  await assert.rejects(lazy.ready(), /languageClient\.js is missing/);
  await assert.rejects(lazy.ready(), /languageClient\.js is missing/);
  await lazy.stop();
});

test('a server that fails to start leaves the client usable for the library to report (no rejection)', async () => {
  const m = fakeModule({ failStart: true });
  const lazy = new LazyLanguageClient(context, m.load);
  await lazy.start();
  assert.equal((await lazy.ready()).client, m.client);
});

test('deactivation before the deferred start loads nothing; after it, the client is stopped', async () => {
  const early = fakeModule();
  const a = new LazyLanguageClient(context, early.load);
  await a.stop();
  await a.start();
  assert.equal(early.loads(), 0);
  await assert.rejects(a.ready(), /shutting down/);

  const late = fakeModule();
  const b = new LazyLanguageClient(context, late.load);
  void b.start();
  await b.stop();
  assert.deepEqual(late.events, ['create', 'start', 'stop']);
});

test('the built extension activates without loading dist/languageClient.js, and loads it right after', async () => {
  const { spawnSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const ext = join(__dirname, '..', '..', 'dist', 'extension.js');
  // a `vscode` whose every property is a no-op (as in bench/activation.ts)
  const script = `
const Module = require('module');
const stub = () => new Proxy(function () {}, { get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : stub()), apply: () => stub(), construct: () => stub(), set: () => true });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub() };
const loaded = () => Object.keys(require.cache).some((f) => f.endsWith('languageClient.js'));
const commands = [];
const ext = require(process.argv[1]);
const ret = ext.activate({ subscriptions: { push: (...d) => commands.push(...d) }, asAbsolutePath: (p) => p });
const atActivation = loaded();
setTimeout(() => { console.log(JSON.stringify({ atActivation, after: loaded(), subscriptions: commands.length })); process.exit(0); }, 50);
`;
  const out = spawnSync(process.execPath, ['-e', script, ext], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(out.status, 0, out.stderr);
  const r = JSON.parse(out.stdout.trim().split('\n').pop()!);
  assert.equal(r.atActivation, false, 'activate() must not load the language client');
  assert.equal(r.after, true, 'the language client loads right after activation');
  assert.ok(r.subscriptions > 0, 'commands and providers are registered at activation');
});
