/**
 * The simulator's fast paths give the plain answers.
 *
 * 1. Placements: the benchmark's shape of workload (Deployments × replicas on zoned nodes: default
 *    topology spreading, resources, node sampling above 100 nodes) run through the whole simulator, then
 *    replayed through the straightforward path — a brand-new snapshot for every pod, holding the nodes,
 *    the ReplicaSets and the pods placed so far, with the caches off and full explanations — in the
 *    order the simulator tried the pods. Every pod must land on the same node.
 * 2. The store: after a run that creates, binds, updates status, deletes and recreates pods, every
 *    index equals a scan of all objects, and `contains` agrees with `get`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { makeNode } from '../../../server/src/engine/cluster/defaultCluster';
import { objectsFromTexts, type ManifestObject } from '../../../server/src/engine/cluster/input';
import { controllerOf, keyOf, type KObject } from '../../../server/src/engine/cluster/objects';
import { ClusterSnapshot, Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { defaultCluster } from '../../../server/src/engine/cluster/simulate';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { deployment } from '../../helpers/sim';

/** Runs a simulation to its end (no scenario) and returns it, for its store and events. */
function run(objects: ManifestObject[], nodes: Node[] | undefined, seconds = 600): Simulation {
  const sim = new Simulation({ seed: 1, explainPlacements: false, horizon: seconds });
  sim.addCluster(nodes ? { nodes, objects: [], nodePools: [], origin: 'test' } : defaultCluster());
  sim.apply(objects);
  sim.startBackground();
  for (;;) {
    sim.settle();
    const action = sim.clock.next(seconds);
    if (!action) break;
    action.run();
  }
  return sim;
}

test('the simulator places every pod where the plain path (fresh snapshot, no caches) places it', () => {
  const nodes = Array.from({ length: 150 }, (_, i) =>
    makeNode({ name: `node-${String(i).padStart(3, '0')}`, cpu: '4', memory: '16Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` } }),
  );
  const sizes = ['100m', '250m', '500m'];
  const texts = Array.from({ length: 30 }, (_, d) => deployment(`app-${d}`, { replicas: 12, cpu: sizes[d % 3] }));
  const sim = run(objectsFromTexts([['apps.yaml', texts.join('---\n')]]), nodes);

  const attempts = sim.events.events.filter((e) => e.reason === 'Scheduled' || e.reason === 'FailedScheduling');
  assert.equal(attempts.length, 360);
  assert.ok(attempts.every((e) => e.reason === 'Scheduled' && !e.count), 'one successful attempt per pod');
  const placed = attempts.map((e) => /^Successfully assigned (\S+) to (\S+)$/.exec(e.message)!.slice(1) as [string, string]);

  const storedNodes = sim.store.list<Node & KObject>('Node');
  const replicaSets = sim.store.list('ReplicaSet');
  const reference = new Scheduler({ seed: 1 });
  const bound: Pod[] = [];
  const replayed: string[] = [];
  for (const [key] of placed) {
    const pod = structuredClone(sim.store.get<Pod & KObject>('Pod', key)!);
    delete pod.spec!.nodeName;
    delete pod.status;
    const snapshot = new ClusterSnapshot();
    snapshot.useMemo = false;
    for (const n of storedNodes) snapshot.addNode(n);
    for (const rs of replicaSets) snapshot.addController(rs as Parameters<ClusterSnapshot['addController']>[0]);
    for (const b of bound) snapshot.addPod(b);
    const r = reference.schedule(pod, snapshot, { explain: true });
    assert.ok(r.selected, `${key}: ${r.message}`);
    replayed.push(r.selected);
    bound.push({ ...pod, spec: { ...pod.spec!, nodeName: r.selected } });
  }
  assert.deepEqual(replayed, placed.map(([, node]) => node));
  // the workload really spreads: every zone and most nodes hold pods
  assert.ok(new Set(replayed).size > 100);
});

test('after pods are created, bound, updated, deleted and recreated, every index equals a scan of the store', () => {
  const yaml = [
    deployment('web', { replicas: 6 }),
    deployment('crash', { replicas: 3, annotations: { 'sim.kubeplan.dev/exit-after-seconds': '20' } }),
    `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: default }
spec:
  replicas: 2
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db, tier: data } }
    spec:
      containers: [{ name: db, image: example/db:1, resources: { requests: { cpu: 100m, memory: 128Mi } } }]
`,
    `apiVersion: batch/v1
kind: Job
metadata: { name: once, namespace: default }
spec:
  backoffLimit: 2
  template:
    metadata: { annotations: { sim.kubeplan.dev/exit-after-seconds: "5", sim.kubeplan.dev/exit-code: "1" } }
    spec:
      restartPolicy: Never
      containers: [{ name: once, image: busybox:1.36, resources: { requests: { cpu: 50m, memory: 32Mi } } }]
`,
  ].join('---\n');
  const sim = run(objectsFromTexts([['w.yaml', yaml]]), undefined, 300);
  // fail a worker midway through a second run of the same manifests: evictions, deletions, replacements
  const failing = new Simulation({ seed: 1, explainPlacements: false, horizon: 600 });
  failing.addCluster(defaultCluster());
  failing.apply(objectsFromTexts([['w.yaml', yaml]]));
  failing.clock.at(30, () => failing.failNode('worker-a'));
  for (;;) {
    failing.settle();
    const action = failing.clock.next(600);
    if (!action) break;
    action.run();
  }
  for (const s of [sim, failing]) {
    const pods = s.store.list<Pod & KObject>('Pod');
    assert.ok(pods.length > 5);
    const expect = (name: string, kind: string, keysOf: (o: KObject) => string[]) => {
      const objects = s.store.list(kind);
      const values = new Set(objects.flatMap(keysOf));
      for (const v of values) {
        const scanned = objects.filter((o) => keysOf(o).includes(v)).map(keyOf).sort();
        assert.deepEqual([...s.store.byIndex(name, v)].map(keyOf).sort(), scanned, `${name} ${v}`);
      }
    };
    const owner = (o: KObject) => {
      const c = controllerOf(o);
      return c?.uid ? [c.uid] : [];
    };
    expect('pod-owner', 'Pod', owner);
    expect('owner', 'ReplicaSet', owner);
    expect('job-owner', 'Job', owner);
    expect('pod-node', 'Pod', (o) => ((o as Pod).spec?.nodeName ? [(o as Pod).spec!.nodeName!] : []));
    expect('pod-namespace', 'Pod', (o) => [o.metadata.namespace ?? 'default']);
    expect('pod-label', 'Pod', (o) => Object.entries(o.metadata.labels ?? {}).map(([k, v]) => `${o.metadata.namespace}\u0000${k}=${v}`));
    // nothing removed lingers in an index
    assert.ok(![...s.store.byIndex('pod-namespace', 'default')].some((p) => !s.store.contains(p)));
    for (const p of pods) assert.equal(s.store.contains(p), s.store.get('Pod', keyOf(p)) === p);
  }
  assert.ok(failing.events.events.some((e) => e.reason === 'TaintManagerEviction'), 'the failure run evicted pods');
});
