// A preload (`node --require test/helpers/no-network.js …`) that turns every way out of the
// process into a recorded failure: network (sockets, HTTP(S), TLS, DNS, UDP, fetch,
// WebSocket), child processes, workers and dynamic code (vm, eval, Function). Each attempt is
// appended to the file named by KUBEPLAN_SANDBOX_LOG (synchronously, so a caller that
// swallows the thrown error can't hide it) and then throws. Stdio and the IPC channel the
// process was started with are not touched: they are pipes created by the parent, not
// connections this process opens.
'use strict';
const fs = require('node:fs');

const LOG = process.env.KUBEPLAN_SANDBOX_LOG;
if (!LOG) throw new Error('no-network.js: set KUBEPLAN_SANDBOX_LOG to the file attempts are recorded in');

// proof the preload ran in this process (a test that only reads an empty log could pass without it)
fs.appendFileSync(`${LOG}.active`, `${process.pid} ${process.argv[1] || '-e'}\n`);

function record(what, detail) {
  let text;
  try {
    text = JSON.stringify(detail, (_k, v) => (typeof v === 'function' ? '[function]' : v)) ?? '';
  } catch {
    text = String(detail);
  }
  const stack = (new Error().stack || '').split('\n').slice(3, 8).join(' | ');
  fs.appendFileSync(LOG, `${what} ${text.slice(0, 300)} @ ${stack}\n`);
  const e = new Error(`sandbox: ${what} is not allowed`);
  e.code = 'EACCES';
  throw e;
}

function block(obj, name, label) {
  if (!obj || typeof obj[name] !== 'function') return;
  Object.defineProperty(obj, name, {
    configurable: true,
    writable: true,
    value: function blocked(...args) {
      return record(label, args.slice(0, 2));
    },
  });
}

// network
const net = require('node:net');
block(net.Socket.prototype, 'connect', 'net.Socket#connect');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(net.Server.prototype, 'listen', 'net.Server#listen');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  block(m, 'request', `${mod}.request`);
  block(m, 'get', `${mod}.get`);
  block(m, 'createServer', `${mod}.createServer`);
}
block(require('node:http2'), 'connect', 'http2.connect');
block(require('node:tls'), 'connect', 'tls.connect');
const dns = require('node:dns');
for (const f of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  block(dns, f, `dns.${f}`);
  block(dns.promises, f, `dns.promises.${f}`);
}
block(dns.Resolver && dns.Resolver.prototype, 'resolve', 'dns.Resolver#resolve');
block(require('node:dgram'), 'createSocket', 'dgram.createSocket');
if (typeof globalThis.fetch === 'function') block(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') block(globalThis, 'WebSocket', 'WebSocket');
if (typeof globalThis.EventSource === 'function') block(globalThis, 'EventSource', 'EventSource');

// processes and workers
const cp = require('node:child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(cp, f, `child_process.${f}`);
block(require('node:worker_threads'), 'Worker', 'worker_threads.Worker');
block(process, 'dlopen', 'process.dlopen');

// dynamic code: vm, indirect eval, the Function constructor
const vm = require('node:vm');
for (const f of ['runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction']) block(vm, f, `vm.${f}`);
block(vm, 'Script', 'vm.Script');
block(globalThis, 'eval', 'eval');
const RealFunction = Function;
const SandboxFunction = function Function(...args) {
  return record('new Function', args.slice(-1));
};
SandboxFunction.prototype = RealFunction.prototype;
Object.defineProperty(RealFunction.prototype, 'constructor', { value: SandboxFunction, configurable: true, writable: true });
globalThis.Function = SandboxFunction;
