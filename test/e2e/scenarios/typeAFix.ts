// Typing the fix a finding asks for: the diagnostic goes from the Problems panel within a second, unsaved.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { TYPED_FIX, key } from '../expectations';
import { problemKeys } from './problemsPanel';
import type { Scenario } from './scenario';

/**
 * A second on a machine that is not overloaded. Several test runs sharing two cores slow the editor, the extension
 * host and the server alike, so the limit grows with the run-queue length per core (1-minute load average).
 */
function latencyLimitMs(): { limit: number; why: string } {
  const load = loadavg()[0]!;
  const cores = availableParallelism();
  const factor = Math.max(1, load / cores);
  return { limit: Math.round(1000 * factor), why: `1000 ms × max(1, load ${load.toFixed(1)} / ${cores} cores)` };
}

const GONE = key(TYPED_FIX.clears);
const STAYS = key(TYPED_FIX.keeps);

export const typeAFix: Scenario = {
  id: '02-type-a-fix',
  title: 'typing a fix: the diagnostic disappears within a second',
  async run(session) {
    const { workbench } = session;
    await workbench.openFile(TYPED_FIX.file);
    assert.ok((await problemKeys(session)).includes(GONE), `${GONE} should be listed before the fix`);

    // `cpu: 500m` under `limits:`; a new line after it keeps its indentation.
    await workbench.goTo(TYPED_FIX.afterLine, 1);
    await workbench.press('End');
    await workbench.press('Enter');
    await workbench.type(TYPED_FIX.text);
    const { limit, why } = latencyLimitMs();
    const typed = Date.now();
    await workbench.waitForProblems({ absent: [TYPED_FIX.clears], present: [TYPED_FIX.keeps] }, 15_000);
    const afterTyping = Date.now() - typed;
    console.log(`e2e: diagnostic gone from the Problems panel ${afterTyping} ms after the last keystroke (limit ${limit} ms = ${why})`);
    assert.ok(afterTyping < limit, `the diagnostic took ${afterTyping} ms to disappear (limit ${limit} ms = ${why})`);
    await workbench.press('Escape'); // close word suggestions, as a person would
    assert.ok((await problemKeys(session)).includes(STAYS), 'the unrelated finding stays');
    assert.ok(!(await problemKeys(session)).includes(GONE), 'and the fixed one does not come back');
    await workbench.screenshot(this.id);

    // What was typed is what a person meant: saved, it reads as a memory limit beside the CPU limit.
    await workbench.save();
    const text = readFileSync(join(session.workspace, TYPED_FIX.file), 'utf8');
    assert.match(text, /\n {12}limits:\n {14}cpu: 500m\n {14}memory: 256Mi\n/);
  },
};
