/**
 * `rollout`: apply, wait until steady (at most SETTLE_LIMIT_SECONDS; or until `at`), then change Deployments' pod template —
 * a new image for one container, or a restart annotation as `kubectl rollout restart` sets —
 * and watch the rolling update: surge, unavailability, readiness.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KObject } from '../objects';
import type { Simulation } from '../simulation';
import { onceSettled, type Scenario } from './scenario';

export interface RolloutOptions {
  deployment?: string;
  image?: string;
  container?: string;
  at?: number;
}

export function rolloutScenario(options: RolloutOptions): Scenario & { rolled: string[]; startedAt?: number; error?: string } {
  const settled = onceSettled((sim) => {
    roll(sim);
    return scenario.rolled.length > 0;
  });
  const scenario: Scenario & { rolled: string[]; startedAt?: number; error?: string } = {
    name: 'rollout',
    rolled: [],
    start(sim) {
      if (options.at !== undefined) sim.clock.at(options.at, () => roll(sim));
      else settled.start(sim);
    },
    onSteady: (sim) => options.at === undefined && settled.onSteady(sim),
  };
  const roll = (sim: Simulation) => {
    scenario.startedAt = sim.clock.now;
    const all = sim.store.list<Deployment & KObject>('Deployment');
    const targets = options.deployment ? all.filter((d) => d.metadata.name === options.deployment || `${d.metadata.namespace}/${d.metadata.name}` === options.deployment) : all;
    if (targets.length === 0) {
      scenario.error = options.deployment ? `Deployment "${options.deployment}" not found` : 'no Deployment to roll out';
      return;
    }
    for (const d of targets) {
      const spec = d.spec?.template?.spec;
      if (!spec) continue;
      if (options.image) {
        const containers = spec.containers ?? [];
        const c = options.container ? containers.find((x) => x.name === options.container) : containers[0];
        if (!c) continue;
        c.image = options.image;
      } else {
        const meta = (d.spec!.template.metadata ??= {});
        meta.annotations = { ...(meta.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': new Date(Date.UTC(2025, 0, 1) + sim.clock.now * 1000).toISOString() };
      }
      sim.store.update(d, { specChanged: true });
      scenario.rolled.push(`${d.metadata.namespace}/${d.metadata.name}`);
    }
  };
  return scenario;
}
