import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../helpers/lspClient';

// What the shipped bundles can reach, read from the bundles themselves: the language server
// and the CLI load no module that talks to the network or starts processes, except the one
// each line below explains. (test/security/sandbox.test.ts shows at run time that even those
// are never used.)

const NODE_MODULE = /\brequire\("(?:node:)?([a-z_0-9/]+)"\)/g;
const FORBIDDEN = ['child_process', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises', 'worker_threads', 'cluster', 'inspector', 'vm', 'module', 'repl', 'net'];

/** Modules that may appear, and why. */
const ALLOWED: Record<string, Record<string, string>> = {
  'dist/server.js': {
    // vscode-jsonrpc's node transports: named pipes and sockets for `--pipe`/`--socket`. Our client
    // starts the server over IPC (the tests use stdio), and the sandbox test shows no connection is made.
    net: 'vscode-jsonrpc socket/pipe transports (unused: IPC or stdio)',
  },
  'dist/cli.js': {},
};

function bundle(name: string): string {
  return readFileSync(join(ROOT, name), 'utf8');
}

function requiredModules(code: string): Set<string> {
  return new Set([...code.matchAll(NODE_MODULE)].map((m) => m[1]!));
}

for (const name of ['dist/server.js', 'dist/cli.js']) {
  test(`${name} loads no network or process module beyond the explained ones`, () => {
    const code = bundle(name);
    const modules = requiredModules(code);
    assert.ok(modules.has('fs'), 'the pattern finds the bundle’s requires');
    const unexplained = [...modules].filter((m) => FORBIDDEN.includes(m) && !(m in ALLOWED[name]!));
    assert.deepEqual(unexplained, [], `${name} requires ${unexplained.join(', ')}`);
    assert.doesNotMatch(code, /\bimport\(/, 'no dynamic import');
    assert.doesNotMatch(code, /process\.binding\(|process\.dlopen\(/);
  });

  test(`${name} has no fetch, XMLHttpRequest, WebSocket, eval or Function constructor`, () => {
    const code = bundle(name);
    for (const pattern of [/\bfetch\(/, /XMLHttpRequest/, /\bWebSocket\b/, /\beval\(/, /new Function\(/, /\bFunction\("/]) {
      assert.doesNotMatch(code, pattern);
    }
  });
}

test('the server bundle ships a refusing stub instead of child_process', () => {
  const code = bundle('dist/server.js');
  assert.equal(requiredModules(code).has('child_process'), false);
  assert.match(code, /the Kubeplan language server does not start processes/);
});

test('the one importer of net in the server is vscode-jsonrpc, and of child_process vscode-languageserver’s Files helpers (stubbed)', async () => {
  const r = await build({
    entryPoints: [join(ROOT, 'server/src/lsp/server.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const importers = (module: string) =>
    Object.entries(r.metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.external && i.path.replace(/^node:/, '') === module))
      .map(([file]) => file.replace(/^.*node_modules\//, ''))
      .sort();
  assert.deepEqual(importers('net'), ['vscode-jsonrpc/lib/node/main.js']);
  assert.deepEqual(importers('child_process'), ['vscode-languageserver/lib/node/files.js']);
  for (const m of ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'worker_threads', 'vm']) assert.deepEqual(importers(m), [], `importers of ${m}`);
});
