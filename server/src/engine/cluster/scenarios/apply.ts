/** `apply`: apply everything at t = 0 and run until the cluster is steady (or the budget ends). */
import type { Scenario } from './scenario';

export const applyScenario = (): Scenario => ({
  name: 'apply',
  start() {},
  onSteady: () => false,
});
