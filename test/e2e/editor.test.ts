// The packaged extension in a real VS Code workbench (code-server, served locally) driven in headless Chromium.
// Installs its tools on first run (cached); fails, never skips, when it cannot. Screenshots: test/e2e/artifacts/.
import { after, before, describe, it } from 'node:test';
import { openSession, type Session } from './harness/session';
import { SCENARIOS } from './scenarios';

describe('Kubeplan in a real VS Code (code-server + Chromium)', () => {
  let session: Session | undefined;

  // Cold, this installs Node 24 and builds code-server (about 3 minutes on 2 cores); warm, it takes seconds.
  before(async () => {
    session = await openSession();
  }, { timeout: 15 * 60_000 });

  after(async () => {
    await session?.close();
  }, { timeout: 60_000 });

  for (const scenario of SCENARIOS) {
    // Longer than any wait inside a scenario, so a stuck step fails with its own message (and a screenshot) rather
    // than the runner abandoning it while it still drives the browser.
    it(scenario.title, { timeout: scenario.timeoutMs ?? 180_000 }, async () => {
      if (!session) throw new Error('the editor session did not start');
      try {
        await scenario.run(session);
      } catch (e) {
        await session.workbench.screenshot(`${scenario.id}-FAILED`).catch(() => undefined);
        throw e;
      }
    });
  }
});
