/**
 * `load`: the pods' `sim.kubeplan.dev/cpu-curve` annotations drive their CPU use from t = 0;
 * the run lasts the whole budget so HorizontalPodAutoscalers and the cluster autoscaler can react.
 */
import type { Scenario } from './scenario';

export const loadScenario = (until: number): Scenario => ({
  name: 'load',
  runUntil: until,
  start(sim) {
    sim.loadStartsAt = 0;
  },
  onSteady: () => false,
});
