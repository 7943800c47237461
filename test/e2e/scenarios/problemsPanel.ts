// Opening a workspace of manifests: the Problems panel lists what the linter finds, rule id and position.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { ROOT, channelLog, type Session } from '../harness/session';
import type { Problem } from '../harness/workbench';
import { EXPECTED_AT_START, key } from '../expectations';
import type { Scenario } from './scenario';

/** The panel's rows as workspace-relative `file:line:col rule` keys, sorted. */
export async function problemKeys(session: Session): Promise<string[]> {
  const rows = await session.workbench.problems();
  return rows.map((p: Problem) => key({ ...p, file: relative(session.workspace, p.file) })).sort();
}

/**
 * What the CLI reports for the same files — `kubeplan lint` plus the simulated cluster's findings from
 * `kubeplan preview` (the editor simulates on type): the editor must show the same findings, no more and no fewer.
 */
function cliKeys(workspace: string): string[] {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, '--format', 'json', '.'], { cwd: workspace, encoding: 'utf8' });
  const lint = cli(['lint']);
  assert.ok(lint.stdout.trim().startsWith('['), `kubeplan lint --format json printed no JSON: ${lint.stdout}\n${lint.stderr}`);
  const findings = JSON.parse(lint.stdout) as { file: string; rule: string; line: number; column: number }[];
  const preview = cli(['preview']);
  assert.ok(preview.stdout.trim().startsWith('{'), `kubeplan preview --format json printed no JSON: ${preview.stdout}\n${preview.stderr}`);
  const simulated = (JSON.parse(preview.stdout) as { findings: { rule: string; source?: { file: string; line: number; column: number } }[] }).findings;
  for (const f of simulated) if (f.source) findings.push({ rule: f.rule, ...f.source });
  return findings.map((f) => key({ ...f, file: relative(workspace, join(workspace, f.file)) })).sort();
}

export const problemsPanel: Scenario = {
  id: '01-problems-panel',
  title: 'opening a workspace of manifests: the Problems panel lists the expected rule ids at the right lines',
  timeoutMs: 420_000,
  async run(session) {
    const { workbench } = session;
    await workbench.openFile('shop/api.yaml');
    // Opening a YAML file activates the extension. On a busy machine the extension host alone can take minutes to
    // start, so wait for the server's start line first, and time the diagnostics from there.
    const { ms: startMs } = await workbench.waitFor(
      'the Kubeplan language server to start',
      async () => /Kubeplan language server started/.test(channelLog(session.server.userDataDir, 'Kubeplan') ?? ''),
      300_000,
    );
    console.log(`e2e: language server started ${startMs} ms after the file opened`);
    const expected = EXPECTED_AT_START.map(key).sort();
    const cli = cliKeys(session.workspace);
    for (const e of expected) assert.ok(cli.includes(e), `the CLI no longer reports ${e}; update the fixture expectations`);
    const { ms } = await workbench.waitFor('the Problems panel to list every finding', async () => {
      const shown = await problemKeys(session);
      return cli.every((k) => shown.includes(k)) && shown;
    }, 60_000);
    console.log(`e2e: diagnostics on screen ${ms} ms after the server started`);
    const shown = await problemKeys(session);
    assert.deepEqual(shown, cli, 'the Problems panel shows exactly what `kubeplan lint` and `kubeplan preview` report');
    for (const row of await workbench.problems()) assert.equal(row.source, 'kubeplan');
    await workbench.screenshot(this.id);
  },
};
