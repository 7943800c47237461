// A quick fix from the lightbulb: the file changes as the fix says, and the diagnostic goes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUICK_FIX } from '../expectations';
import type { Scenario } from './scenario';

export const quickFix: Scenario = {
  id: '03-quick-fix',
  title: 'a quick fix from the lightbulb changes the file and the diagnostic goes',
  async run(session) {
    const { workbench } = session;
    const { file, line, column } = QUICK_FIX.finding;
    await workbench.openFile(file);
    // Wait, not read once: the panel may be mid-refresh after the previous scenario's edits.
    await workbench.waitForProblems({ present: [QUICK_FIX.finding] }, 30_000);
    await workbench.goTo(line, column);
    const offered = await workbench.applyQuickFixFromLightbulb(QUICK_FIX.title);
    console.log(`e2e: the lightbulb offered: ${offered.join(' | ')}`);
    await workbench.waitForProblems({ absent: [QUICK_FIX.finding], present: [QUICK_FIX.unrelated] });
    await workbench.screenshot(this.id);
    await workbench.save();
    assert.match(readFileSync(join(session.workspace, file), 'utf8'), QUICK_FIX.result);
  },
};
