// The Kubeplan output channel: the server says it started, and nothing in it is an error.
import assert from 'node:assert/strict';
import { channelLog } from '../harness/session';
import type { Scenario } from './scenario';

const ERROR = /\b(error|exception|uncaught|unhandled|stack trace|ECONN\w+|EPIPE)\b|^\s+at .+:\d+:\d+\)?$/im;

export const outputChannel: Scenario = {
  id: '07-output-channel',
  title: 'the Kubeplan output channel shows the server started and no errors',
  async run(session) {
    const { workbench } = session;
    await workbench.runCommandAndPick('Output: Show Output Channels...', 'Kubeplan');
    const lines = workbench.page.locator('.panel .monaco-editor .view-lines').first();
    const { value: shown } = await workbench.waitFor('the Kubeplan channel to show the server start line', async () => {
      const text = (await lines.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
      return /Kubeplan language server started/.test(text) && text;
    });
    assert.doesNotMatch(shown, ERROR, `the Output view shows an error:\n${shown}`);
    await workbench.screenshot(this.id);

    const onDisk = channelLog(session.server.userDataDir, 'Kubeplan');
    assert.ok(onDisk, 'VS Code wrote the Kubeplan channel to its logs folder');
    assert.match(onDisk, /Kubeplan language server started/);
    assert.doesNotMatch(onDisk, ERROR, `the Kubeplan channel logged an error:\n${onDisk}`);
  },
};
