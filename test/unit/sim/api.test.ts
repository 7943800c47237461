import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import { simulate, simulateAsync } from '../../../server/src/engine/cluster/simulate';
import { formatClusterFileError, parseClusterFile } from '../../../server/src/engine/cluster/clusterFile';
import { Workspace } from '../../../server/src/engine/lint/workspace';
import { objectsFromWorkspace } from '../../../server/src/engine/cluster/input';
import { deployment } from '../../helpers/sim';

const objects = objectsFromTexts([['d.yaml', deployment('web', { replicas: 30, annotations: { 'sim.kubeplan.dev/exit-after-seconds': '30' } })]]);

test('simulateAsync gives the same result as simulate, in slices with progress', async () => {
  const progress: number[] = [];
  const r = await simulateAsync({ objects }, { sliceMs: 0, progressMs: 0, onProgress: (f) => progress.push(f) });
  assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(simulate({ objects }))));
  assert.ok(progress.length > 3);
  assert.equal(progress[progress.length - 1], 1);
  assert.ok(progress.every((p, i) => i === 0 || p >= progress[i - 1]!));
});

// 600 pods created and scheduled at t = 0: one instant of work, which must not block the event loop
const wide = objectsFromTexts([['w.yaml', `${deployment('web', { replicas: 300 })}---\n${deployment('api', { replicas: 300 })}`]]);

test('simulateAsync yields inside one busy instant (between pods, keys and timed actions) and still gives the same result', async () => {
  const atZero: string[] = [];
  let turns = 0;
  const timer = setInterval(() => turns++, 0);
  try {
    const r = await simulateAsync({ objects: wide }, { sliceMs: 0, progressMs: 0, onProgress: (_, message) => atZero.push(message) });
    assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(simulate({ objects: wide }))));
  } finally {
    clearInterval(timer);
  }
  // the instant t = 0 (ReplicaSets creating 600 pods, the scheduler placing them) spans hundreds of slices
  assert.ok(atZero.filter((m) => m.startsWith('simulated 0 s')).length > 600, `${atZero.length} slices`);
  assert.ok(turns > 10, 'timers ran while it simulated');
});

test('simulateAsync stops when its signal aborts, even in the middle of an instant', async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  const run = simulateAsync({ objects: wide }, { sliceMs: 0, progressMs: 0, signal: controller.signal, onProgress: (_, m) => { if (seen.push(m) === 3) controller.abort(); } });
  await assert.rejects(run, { name: 'AbortError' });
  assert.deepEqual(seen, ['simulated 0 s, 0 events', 'simulated 0 s, 0 events', 'simulated 0 s, 0 events']);
});

test('simulateAsync with the default slices', async () => {
  const r = await simulateAsync({ objects: wide });
  assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(simulate({ objects: wide }))));
  assert.equal(r.pods.length, 600);
});

test('the event budget cuts a run short with a finding', () => {
  const r = simulate({ objects, budget: { maxEvents: 100 } });
  const f = r.findings.find((x) => x.rule === 'sim-budget-exceeded');
  assert.ok(f);
  assert.match(f.message, /stopped after 10\d events/);
});

test('objects come from the engine Workspace with their source ranges', () => {
  const ws = new Workspace();
  ws.setFile('a.yaml', deployment('web', { namespace: 'nowhere' }));
  const r = simulate({ objects: objectsFromWorkspace(ws.objects()) });
  assert.equal(r.applyErrors[0]?.message, 'namespaces "nowhere" not found');
  assert.equal(r.applyErrors[0]?.source?.file, 'a.yaml');
});

test('cluster file: Nodes, NodePools and extra objects; located errors', () => {
  const ok = parseClusterFile('c.yaml', `apiVersion: v1
kind: Node
metadata:
  name: big
  labels: { topology.kubernetes.io/zone: z1 }
spec:
  taints: [{ key: gpu, value: "true", effect: NoSchedule }]
status:
  capacity: { cpu: "32", memory: 128Gi, pods: "250" }
  allocatable: { cpu: 31500m, memory: 120Gi, pods: "250" }
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: sim.kubeplan.dev/v1
kind: NodePool
metadata:
  name: general
spec:
  maxNodes: 5
  template:
    metadata:
      labels: { pool: general }
    status:
      capacity: { cpu: "4", memory: 16Gi }
`);
  assert.ok(ok.cluster);
  const node = ok.cluster.nodes[0]!;
  assert.equal(node.status?.allocatable?.cpu, '31500m');
  assert.equal(node.status?.capacity?.cpu, '32');
  assert.equal(node.metadata?.labels?.['kubernetes.io/hostname'], 'big');
  assert.deepEqual(node.spec?.taints, [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }]);
  assert.equal(ok.cluster.objects[0]?.kind, 'Namespace');
  assert.deepEqual({ ...ok.cluster.nodePools[0], template: undefined }, { name: 'general', minNodes: 0, maxNodes: 5, provisioningSeconds: 60, scaleDownUnneededSeconds: 600, template: undefined });

  const errors = (text: string) => {
    const r = parseClusterFile('c.yaml', text);
    return r.errors.map(formatClusterFileError);
  };
  assert.deepEqual(errors('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  capacity:\n    memory: 1Gi\n'), ['c.yaml:6:3: status.capacity.cpu is required']);
  assert.deepEqual(errors('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nspec:\n  taints:\n    - key: x\n      effect: Sometimes\nstatus:\n  capacity: { cpu: "1", memory: 1Gi }\n'), ['c.yaml:8:15: taint effect must be NoSchedule, PreferNoSchedule or NoExecute, not "Sometimes"']);
  assert.deepEqual(errors('apiVersion: sim.kubeplan.dev/v1\nkind: NodePool\nmetadata:\n  name: p\nspec:\n  minNodes: 3\n  maxNodes: 2\n  template:\n    status:\n      capacity: { cpu: "1", memory: 1Gi }\n'), ['c.yaml:6:13: spec.minNodes (3) is more than spec.maxNodes (2)']);
  assert.deepEqual(errors('# nothing\n'), ['c.yaml:1:1: the cluster file defines no Node and no NodePool']);
  assert.deepEqual(errors('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  capacity: { cpu: "1", memory: 1Gi }\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  capacity: { cpu: "1", memory: 1Gi }\n'), ['c.yaml:11:9: Node "a" is defined twice (first at line 4)']);
});
