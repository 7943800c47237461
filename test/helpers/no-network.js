// A preload (`node --require test/helpers/no-network.js …`) that turns every way out of the
// process into a recorded failure: network (sockets, HTTP(S), TLS, DNS, UDP, fetch,
// WebSocket), child processes, workers, dynamic code (vm, eval, Function) and writing to the
// file system (Kubeplan only ever reads the user's files; edits go through the editor). Each attempt is
// appended to the file named by KUBEPLAN_SANDBOX_LOG (synchronously, so a caller that
// swallows the thrown error can't hide it) and then throws. Stdio and the IPC channel the
// process was started with are not touched: they are pipes created by the parent, not
// connections this process opens.
'use strict';
const fs = require('node:fs');
const realAppendFileSync = fs.appendFileSync;
/** The log's own writes pass the fence below (appendFileSync goes through fs.openSync and fs.writeSync). */
let logging = false;
function appendFileSync(file, text) {
  logging = true;
  try {
    realAppendFileSync(file, text);
  } finally {
    logging = false;
  }
}

const LOG = process.env.KUBEPLAN_SANDBOX_LOG;
if (!LOG) throw new Error('no-network.js: set KUBEPLAN_SANDBOX_LOG to the file attempts are recorded in');

// proof the preload ran in this process (a test that only reads an empty log could pass without it)
appendFileSync(`${LOG}.active`, `${process.pid} ${process.argv[1] || '-e'}\n`);

function record(what, detail) {
  let text;
  try {
    text = JSON.stringify(detail, (_k, v) => (typeof v === 'function' ? '[function]' : v)) ?? '';
  } catch {
    text = String(detail);
  }
  const stack = (new Error().stack || '').split('\n').slice(3, 8).join(' | ');
  appendFileSync(LOG, `${what} ${text.slice(0, 300)} @ ${stack}\n`);
  const e = new Error(`sandbox: ${what} is not allowed`);
  e.code = 'EACCES';
  throw e;
}

function block(obj, name, label) {
  if (!obj || typeof obj[name] !== 'function') return;
  const real = obj[name];
  Object.defineProperty(obj, name, {
    configurable: true,
    writable: true,
    value: function blocked(...args) {
      if (logging) return real.apply(this, args);
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

// writing to the file system: file contents, creating, renaming, removing, permissions and times
// (descriptors 1 and 2 stay usable: a stdout redirected to a file is written with fs.writeSync)
const WRITES = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rename', 'unlink', 'rm', 'rmdir', 'copyFile', 'cp', 'symlink', 'link', 'truncate', 'chmod', 'chown', 'utimes', 'lutimes', 'lchown'];
for (const f of WRITES) {
  block(fs, f, `fs.${f}`);
  block(fs, `${f}Sync`, `fs.${f}Sync`);
  block(fs.promises, f, `fs.promises.${f}`);
}
block(fs, 'createWriteStream', 'fs.createWriteStream');
const writeFlags = (flags) => (typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND)) !== 0 : typeof flags === 'string' && /[wa+]/.test(flags));
for (const [obj, name] of [[fs, 'open'], [fs, 'openSync'], [fs.promises, 'open']]) {
  const real = obj[name];
  Object.defineProperty(obj, name, {
    configurable: true,
    writable: true,
    value: function open(path, flags, ...rest) {
      if (!logging && writeFlags(flags)) return record(`fs.${obj === fs.promises ? 'promises.' : ''}${name} for writing`, [path, flags]);
      return real.call(this, path, flags, ...rest);
    },
  });
}
for (const name of ['write', 'writeSync', 'writev', 'writevSync']) {
  const real = fs[name];
  if (typeof real !== 'function') continue;
  Object.defineProperty(fs, name, {
    configurable: true,
    writable: true,
    value: function write(fd, ...rest) {
      if (!logging && fd !== 1 && fd !== 2) return record(`fs.${name}`, [fd]);
      return real.call(this, fd, ...rest);
    },
  });
}
