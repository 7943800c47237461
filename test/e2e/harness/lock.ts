// A cross-process lock (mkdir is atomic), so two checkouts testing at once don't install into the same folder.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` while holding the lock `path`; a lock left by a dead process is taken over. */
export async function withLock<T>(path: string, work: () => Promise<T>, waitMs = 20 * 60_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSafe(join(path, 'pid')));
      // No pid yet may mean the owner is between mkdir and write: give it a moment before calling it stale.
      const stale = owner ? !alive(owner) : ageMs(path) > 30_000;
      if (stale) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${path} (held by pid ${owner || '?'})`);
      if (!announced) console.log(`e2e: waiting for another install to finish (${path}, pid ${owner || '?'})`);
      announced = true;
      await sleep(1000);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
