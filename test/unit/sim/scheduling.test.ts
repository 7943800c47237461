/**
 * The scheduler inside the simulated cluster: default topology spreading through the pods' Services and
 * controllers, and preemption carried out (victims deleted gracefully, nominated node, preemptor placed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClusterFile, type ClusterSpec } from '../../../server/src/engine/cluster/clusterFile';
import type { Pod } from 'kubernetes-types/core/v1';
import { makeNode } from '../../../server/src/engine/cluster/defaultCluster';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import type { KObject } from '../../../server/src/engine/cluster/objects';
import { Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { dedent } from '../../helpers/lint';
import { deployment, simulateYaml } from '../../helpers/sim';

/** One 16-CPU node in zone a and two 4-CPU nodes in zones b and c: resource scoring alone favours big-a. */
function unevenCluster(): ClusterSpec {
  const shapes = [['big-a', '16', 'a'], ['small-b', '4', 'b'], ['small-c', '4', 'c']] as const;
  const nodes = shapes.map(([name, cpu, z]) => makeNode({ name, cpu, memory: '64Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone-${z}` } }));
  return { nodes, objects: [], nodePools: [], origin: 'test' };
}

const placements = (r: ReturnType<typeof simulateYaml>, prefix: string) => {
  const by: Record<string, number> = {};
  for (const p of r.pods) if (p.name.startsWith(prefix)) by[p.node ?? 'Pending'] = (by[p.node ?? 'Pending'] ?? 0) + 1;
  return by;
};

test('a Deployment\'s replicas spread over nodes and zones by the system default constraints (through their ReplicaSet)', () => {
  const r = simulateYaml(deployment('web', { replicas: 3, cpu: '200m', memory: '128Mi' }), { cluster: unevenCluster() });
  // Pod 1 (every count 0): NodeResourcesFit 98 on big-a vs 97, BalancedAllocation 99 vs 97 → big-a.
  // Pod 2: spreading scores big-a's raw 1·ln(5) + 2 + 1·ln(5) + 4 = 9 against 6 elsewhere, normalized
  // 100·(9+6−9)/9 = 66 vs 100, weight 2: big-a 196+132 = 328 < 194+200 = 394 on the small nodes (plugin.go,
  // scoring.go: hostname maxSkew 3 and zone maxSkew 5, ScheduleAnyway).
  assert.deepEqual(placements(r, 'web-'), { 'big-a': 1, 'small-b': 1, 'small-c': 1 });
  const order = r.events.filter((e) => e.reason === 'Scheduled').map((e) => e.object.replace('Pod/default/', ''));
  const second = r.pods.find((p) => p.name === order[1])!;
  const spread = Object.fromEntries(Object.entries(second.scheduling!.scores).map(([n, s]) => [n, s.PodTopologySpread]));
  assert.deepEqual(spread, { 'big-a': 66, 'small-b': 100, 'small-c': 100 });
});

test('bare pods spread only once a Service selects them (helper.DefaultSelector)', () => {
  const pods = [1, 2, 3].map((i) => `apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  namespace: default
  labels: { app: web }
spec:
  containers:
    - name: app
      image: example/web:1
      resources: { requests: { cpu: 200m, memory: 128Mi } }`).join('\n---\n');
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]';
  assert.deepEqual(placements(simulateYaml(pods, { cluster: unevenCluster() }), 'web-'), { 'big-a': 3 });
  assert.deepEqual(placements(simulateYaml(`${pods}\n---\n${service}`, { cluster: unevenCluster() }), 'web-'), { 'big-a': 1, 'small-b': 1, 'small-c': 1 });
});

test('StatefulSet pods spread by their StatefulSet\'s selector', () => {
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: default }
spec:
  replicas: 3
  serviceName: db
  podManagementPolicy: Parallel
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
        - name: db
          image: example/db:1
          resources: { requests: { cpu: 200m, memory: 128Mi } }`;
  assert.deepEqual(placements(simulateYaml(sts, { cluster: unevenCluster() }), 'db-'), { 'big-a': 1, 'small-b': 1, 'small-c': 1 });
});

const PRIORITY_CLUSTER = `
apiVersion: v1
kind: Node
metadata:
  name: worker
  labels: { topology.kubernetes.io/zone: zone-a }
status:
  allocatable: { cpu: "4", memory: 16Gi, pods: "110" }
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: high }
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: low }
value: 10
`;

// db-1 (high) is created once db-0 is Ready (OrderedReady), when low-priority batch pods fill the node.
const PRIORITY_WORKLOADS = `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: default }
spec:
  replicas: 2
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      priorityClassName: high
      containers:
        - name: db
          image: example/db:1
          resources: { requests: { cpu: "1", memory: 1Gi } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: batch, namespace: default }
spec:
  replicas: 3
  selector: { matchLabels: { app: batch } }
  template:
    metadata: { labels: { app: batch } }
    spec:
      priorityClassName: low
      containers:
        - name: work
          image: example/batch:1
          resources: { requests: { cpu: "1", memory: 1Gi } }
`;

function priorityCluster(): ClusterSpec {
  const parsed = parseClusterFile('cluster.yaml', PRIORITY_CLUSTER);
  assert.ok(parsed.cluster, JSON.stringify(parsed.errors));
  return parsed.cluster;
}

test('preemption: the victim is deleted gracefully with a Preempted event, the preemptor binds to its nominated node once room frees', () => {
  const r = simulateYaml(PRIORITY_WORKLOADS, { cluster: priorityCluster() });
  const lines = r.events
    .filter((e) => ['Preempted', 'FailedScheduling', 'Scheduled'].includes(e.reason) && e.time > 0)
    .map((e) => `${e.time} ${e.object.replace(/batch-[a-z0-9]+-/, 'batch-')} ${e.reason}: ${e.message.replace(/batch-[a-z0-9]+-/g, 'batch-')}`);
  const db1 = r.pods.find((p) => p.name === 'db-1')!;
  const victimEvent = r.events.find((e) => e.reason === 'Preempted')!;
  const victim = victimEvent.object.split('/')[2]!;
  // db-0 is Ready at 3 s (image pulled): db-1 is created, finds no room, preempts one batch pod (1 CPU)
  assert.match(victimEvent.message, /^Preempted by pod uid-[0-9a-f]+ on node worker$/);
  assert.ok(r.pods.every((p) => p.name !== victim), 'the victim is gone');
  const replacement = r.pods.find((p) => p.name.startsWith('batch-') && p.node === null)!;
  assert.deepEqual(lines.map((l) => l.replace(victim.replace(/batch-[a-z0-9]+-/, 'batch-'), 'VICTIM').replace(replacement.name.replace(/batch-[a-z0-9]+-/, 'batch-'), 'REPLACEMENT')), [
    '3 Pod/default/VICTIM Preempted: ' + victimEvent.message,
    // a successful preemption adds no "preemption:" suffix; the pod waits for its victim
    '3 Pod/default/db-1 FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.',
    '3 Pod/default/REPLACEMENT FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    // the victim terminates in 1 s; the preemptor's 1 s back-off is over, it goes first (priority) to its nominated node
    '4 Pod/default/db-1 Scheduled: Successfully assigned default/db-1 to worker',
  ]);
  assert.equal(db1.node, 'worker');
  assert.equal(db1.nominatedNode, undefined, 'binding clears the nomination');
  const victimTimeline = r.timeline.filter((i) => i.pod === `default/${victim}`).map((i) => `${i.from}-${i.to} ${i.state}`);
  assert.equal(victimTimeline.at(-1), '3-4 Terminating');
  assert.equal(replacement.reason, 'Unschedulable');
});

test('preemption: while the victim terminates, the preemptor is Pending with its nominated node, and the victim carries DisruptionTarget', () => {
  const sim = new Simulation({ seed: 1, explainPlacements: true });
  sim.addCluster(priorityCluster());
  sim.apply(objectsFromTexts([['w.yaml', dedent(PRIORITY_WORKLOADS)]]));
  for (;;) {
    sim.settle();
    const a = sim.clock.next(3);
    if (!a) break;
    a.run();
  }
  const db1 = sim.store.get<Pod & KObject>('Pod', 'default/db-1')!;
  assert.equal(db1.spec?.nodeName, undefined);
  assert.equal(db1.status?.nominatedNodeName, 'worker');
  const victims = sim.store.list<Pod & KObject>('Pod').filter((p) => p.metadata.deletionTimestamp);
  assert.equal(victims.length, 1);
  assert.deepEqual(victims[0]!.status?.conditions?.find((c) => c.type === 'DisruptionTarget'), {
    type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod', lastTransitionTime: '2025-01-01T00:00:03Z',
  });
  // another attempt while the victim terminates does not preempt more (PodEligibleToPreemptOthers)
  const again = new Scheduler({ seed: 1 }).schedule(db1, sim.scheduler.snapshot);
  assert.equal(again.selected, null);
  assert.equal(again.preemption, undefined);
  assert.equal(again.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
});
