// A YAML file that is not Kubernetes (a CI pipeline with `kind:` but no apiVersion) gets no diagnostics,
// even after it is edited.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { NOT_KUBERNETES } from '../expectations';
import { problemKeys } from './problemsPanel';
import type { Scenario } from './scenario';

/** Diagnostics show within a second of a change (see the type-a-fix scenario), so a quiet second means none. */
const QUIET_MS = 1500;

export const nonKubernetes: Scenario = {
  id: '06-non-kubernetes-yaml',
  title: 'a YAML file that is not Kubernetes gets no diagnostics',
  async run(session) {
    const { workbench, page } = { workbench: session.workbench, page: session.workbench.page };
    await workbench.openFile(NOT_KUBERNETES);
    // The editor treats it as YAML, so the extension does see it (otherwise this test would prove nothing).
    await page.locator('.statusbar-item', { hasText: /^YAML$/ }).first().waitFor({ state: 'visible' });
    await workbench.goTo(10, 1);
    await workbench.press('End');
    await workbench.press('Enter');
    await workbench.type('- npm run lint');
    await workbench.press('Escape');
    await sleep(QUIET_MS);
    const keys = await problemKeys(session);
    assert.ok(keys.length > 0, 'the other files still have their findings (the server is alive)');
    assert.deepEqual(keys.filter((k) => k.startsWith(`${NOT_KUBERNETES}:`)), [], 'no finding for the CI pipeline');
    const squiggles = await page.locator('.editor-group-container.active .monaco-editor .view-overlays [class*="squiggly"]').count();
    assert.equal(squiggles, 0, 'no squiggles in the pipeline file');
    await workbench.screenshot(this.id);
  },
};
