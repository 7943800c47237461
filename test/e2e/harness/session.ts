// One real-editor session: tools installed, the extension packaged and installed into a fresh profile, a copy of
// the fixture workspace, code-server serving it and Chromium showing it. Torn down even when a scenario fails.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer, type EditorServer } from './codeServer';
import { ensureE2eTools } from './install';
import { packageVsix } from './vsix';
import { Workbench } from './workbench';

export const ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'e2e', 'artifacts');
const FIXTURE_WORKSPACE = join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');

export interface Session {
  workbench: Workbench;
  server: EditorServer;
  /** the workspace folder the editor has open (a scratch copy of the fixtures) */
  workspace: string;
  timings: Record<string, number>;
  close(): Promise<void>;
}

export async function openSession(log: (line: string) => void = (l) => console.log(l)): Promise<Session> {
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = Date.now();
    const result = await work();
    timings[name] = Date.now() - started;
    log(`e2e: ${name} ${timings[name]} ms`);
    return result;
  };

  const tools = await time('tools', () => ensureE2eTools(log));
  const scratch = mkdtempSync(join(tmpdir(), 'kubeplan-e2e-ws-'));
  const vsix = await time('package', () => packageVsix(ROOT, scratch));
  const workspace = join(scratch, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  cleanArtifacts();

  const server = await time('code-server start', () => startCodeServer(tools, { vsix, workspace }));
  let workbench: Workbench;
  try {
    workbench = await time('workbench load', () => Workbench.open({ chromium: tools.chromium, url: server.url, folder: workspace, artifacts: ARTIFACTS }));
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    workbench,
    server,
    workspace,
    timings,
    async close() {
      try {
        await workbench.close();
      } finally {
        await server.stop();
        keepLogs(server);
        rmSync(scratch, { recursive: true, force: true });
        rmSync(server.runDir, { recursive: true, force: true });
      }
    },
  };
}

/** The channel as VS Code writes it to disk (its logs folder), the same text the Output view shows. */
export function channelLog(userDataDir: string, channel: string): string | undefined {
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        const found = walk(path);
        if (found) return found;
      } else if (entry === `${channel}.log`) return path;
    }
    return undefined;
  };
  const file = walk(join(userDataDir, 'logs'));
  return file && readFileSync(file, 'utf8');
}

/** The logs worth reading after a failure: code-server's, the extension host's, and the Kubeplan channel. */
function keepLogs(server: EditorServer): void {
  cpSync(server.logFile, join(ARTIFACTS, 'code-server.log'));
  const wanted = new Map([['remoteexthost.log', 'extension-host.log'], ['Kubeplan.log', 'kubeplan-channel.log']]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (wanted.has(entry.name)) cpSync(path, join(ARTIFACTS, wanted.get(entry.name)!));
    }
  };
  walk(join(server.userDataDir, 'logs'));
}

/** Screenshots are per run: last run's are removed so what is there matches the last result. */
function cleanArtifacts(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) {
    if (f.endsWith('.png') || f.endsWith('.log')) rmSync(join(ARTIFACTS, f), { force: true });
  }
}
