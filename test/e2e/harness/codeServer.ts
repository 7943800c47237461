// Starts a code-server (a real VS Code workbench served to a browser) with a fresh profile, the packaged
// extension installed from its .vsix, and trust prompts off; stops it (the whole process group) afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { E2eTools } from './install';

export interface EditorServer {
  url: string;
  /** per-run folder holding the profile, extensions and logs */
  runDir: string;
  userDataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Settings of a person who has already dismissed every first-run prompt; trust off so the extension runs. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

export async function startCodeServer(tools: E2eTools, options: { vsix: string; workspace: string }): Promise<EditorServer> {
  const runDir = mkdtempSync(join(tmpdir(), 'kubeplan-e2e-'));
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const logFile = join(runDir, 'code-server.log');
  const base = [tools.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  // Installing from the .vsix is what a user does; copying a folder into the extensions dir is not honoured.
  const install = spawnSync(tools.node, [...base, '--install-extension', options.vsix], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) {
    throw new Error(`code-server --install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const out = openSync(logFile, 'a');
  const child = spawn(
    tools.node,
    [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', options.workspace],
    { detached: true, stdio: ['ignore', out, out] },
  );
  const killGroup = () => killProcessGroup(child);
  process.once('exit', killGroup); // a crashed test run must not leave a server behind
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(url, child, logFile);
  return {
    url,
    runDir,
    userDataDir,
    logFile,
    async stop() {
      process.removeListener('exit', killGroup);
      await stopProcessGroup(child);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready; see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
}

/** Signals code-server and everything it started (extension hosts, our language server): they share its group. */
function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
  killProcessGroup(child, 'SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  killProcessGroup(child, 'SIGKILL'); // whatever of the group outlived the leader
}
