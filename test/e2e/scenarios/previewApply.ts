// Kubeplan: Preview Apply from the command palette: the webview shows the cluster's nodes and the pod that cannot
// be scheduled, with kube-scheduler's reason.
import assert from 'node:assert/strict';
import { PREVIEW } from '../expectations';
import type { Scenario } from './scenario';

export const previewApply: Scenario = {
  id: '05-preview-apply',
  title: 'Kubeplan: Preview Apply shows the nodes and a Pending pod with its reason',
  timeoutMs: 240_000,
  async run(session) {
    const { workbench } = session;
    await workbench.openFile(PREVIEW.file);
    await workbench.runCommand('Kubeplan: Preview Apply');
    const text = await workbench.webviewText(PREVIEW.ready, 180_000);
    await workbench.screenshot(this.id);
    for (const pattern of PREVIEW.shows) assert.match(text, pattern, `the preview should show ${pattern}:\n${text.slice(0, 3000)}`);
  },
};
