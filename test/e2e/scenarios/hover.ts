// Hovering a field shows its documentation from the Kubernetes schema.
import assert from 'node:assert/strict';
import { HOVER } from '../expectations';
import type { Scenario } from './scenario';

export const hover: Scenario = {
  id: '04-hover',
  title: 'hovering a field shows its docs',
  async run(session) {
    const { workbench } = session;
    await workbench.openFile(HOVER.file);
    const text = await workbench.hoverWord(HOVER.word);
    await workbench.screenshot(this.id);
    for (const pattern of HOVER.shows) assert.match(text, pattern, `the hover over ${HOVER.word} should show ${pattern}:\n${text}`);
    await workbench.dismissWidgets();
  },
};
