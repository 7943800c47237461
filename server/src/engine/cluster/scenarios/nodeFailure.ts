/**
 * `node-failure`: a node stops (kubelet and heartbeats gone) at `at` seconds — by default the
 * moment the cluster is first steady, or at SETTLE_LIMIT_SECONDS if it never is — and the control plane reacts: NotReady after the grace
 * period, unreachable taints, evictions when tolerations run out, replacements rescheduled.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../objects';
import type { Simulation } from '../simulation';
import { onceSettled, type Scenario } from './scenario';

/** The worker running the most pods (ties: name order), or the first node. */
export function busiestNode(sim: Simulation): string | undefined {
  let best: string | undefined;
  let most = -1;
  const nodes = sim.store.list<Node & KObject>('Node').filter((n) => !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' && t.key.startsWith('node-role.kubernetes.io/')));
  for (const n of nodes.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const count = [...sim.store.byIndex<Pod & KObject>('pod-node', n.metadata.name)].filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
    if (count > most) {
      most = count;
      best = n.metadata.name;
    }
  }
  return best;
}

export function nodeFailureScenario(options: { node?: string; at?: number }): Scenario & { failedNode?: string; failedAt?: number; error?: string } {
  const fail = (sim: Simulation): boolean => {
    const name = options.node ?? busiestNode(sim);
    if (!name || !sim.store.get('Node', name)) {
      scenario.error = `node "${options.node ?? ''}" not found (nodes: ${sim.store.list('Node').map((n) => n.metadata.name).join(', ')})`;
      return false;
    }
    scenario.failedNode = name;
    scenario.failedAt = sim.clock.now;
    return sim.failNode(name);
  };
  const settled = onceSettled(fail);
  const scenario: Scenario & { failedNode?: string; failedAt?: number; error?: string } = {
    name: 'node-failure',
    start(sim) {
      if (options.at !== undefined) sim.clock.at(options.at, () => fail(sim));
      else settled.start(sim);
    },
    onSteady: (sim) => options.at === undefined && settled.onSteady(sim),
  };
  return scenario;
}
