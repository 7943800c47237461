import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClusterFile } from '../../../server/src/engine/cluster/clusterFile';
import { deployment, simulateYaml } from '../../helpers/sim';

function cluster(text: string) {
  const r = parseClusterFile('cluster.yaml', text);
  assert.ok(r.cluster, JSON.stringify(r.errors));
  return r.cluster;
}

const ONE_NODE = `apiVersion: v1
kind: Node
metadata:
  name: base
status:
  capacity: { cpu: "4", memory: 16Gi, pods: "110" }
`;

test('cluster autoscaler: pending pods add pool nodes after the provisioning delay, up to maxNodes', () => {
  const c = cluster(`${ONE_NODE}---
apiVersion: sim.kubeplan.dev/v1
kind: NodePool
metadata:
  name: general
spec:
  maxNodes: 3
  provisioningSeconds: 60
  template:
    status:
      capacity: { cpu: "4", memory: 16Gi, pods: "110" }
`);
  const r = simulateYaml(deployment('web', { replicas: 4, cpu: '1500m' }), { cluster: c });
  const up = r.events.filter((e) => e.reason === 'TriggeredScaleUp');
  assert.equal(up.length, 2);
  for (const e of up) {
    assert.equal(e.time, 10, 'the first scan after the pods turn Pending');
    assert.equal(e.message, 'pod triggered scale-up: [{general 0->1 (max: 3)}]');
  }
  assert.deepEqual(r.nodePoolScaling, [{ time: 10, pool: 'general', from: 0, to: 1, kind: 'up' }]);
  const added = r.nodes.find((n) => n.name.startsWith('general-'))!;
  assert.equal(added.labels['sim.kubeplan.dev/node-pool'], 'general');
  assert.equal(added.pods.length, 2);
  const scheduled = r.events.filter((e) => e.reason === 'Scheduled' && e.message.endsWith(added.name));
  assert.deepEqual(scheduled.map((e) => e.time), [70, 70]);
  assert.equal(r.pods.filter((p) => p.ready).length, 4);
  assert.ok(!r.findings.some((f) => f.rule === 'sim-unschedulable'));
});

test('cluster autoscaler: a pool that cannot fit the pod does not scale and says why', () => {
  const c = cluster(`${ONE_NODE}---
apiVersion: sim.kubeplan.dev/v1
kind: NodePool
metadata:
  name: small
spec:
  maxNodes: 3
  template:
    status:
      capacity: { cpu: "2", memory: 8Gi }
`);
  const r = simulateYaml(deployment('big', { replicas: 2, cpu: '3' }), { cluster: c });
  assert.deepEqual(r.nodePoolScaling, []);
  assert.ok(r.events.some((e) => e.reason === 'NotTriggerScaleUp' && /didn't trigger scale-up/.test(e.message)));
  assert.ok(r.findings.some((f) => f.rule === 'sim-unschedulable'));
});

test('memory pressure: the kubelet evicts the BestEffort pod first, and the node gets the memory-pressure taint', () => {
  const c = cluster(`apiVersion: v1
kind: Node
metadata:
  name: small
status:
  capacity: { cpu: "4", memory: 4Gi, pods: "110" }
`);
  const guaranteed = deployment('db', { cpu: '500m', memory: '1Gi', limitMemory: '1Gi', annotations: { 'sim.kubeplan.dev/memory': '900Mi' } });
  const bestEffort = deployment('cache', { annotations: { 'sim.kubeplan.dev/memory': '3200Mi' } }).replace(/ +resources:\n +requests:\n +cpu: 100m\n +memory: 128Mi\n/, '');
  const r = simulateYaml(`${guaranteed}---\n${bestEffort}`, { cluster: c });
  const evicted = r.events.find((e) => e.reason === 'Evicted')!;
  assert.match(evicted.object, /^Pod\/default\/cache-/);
  assert.equal(evicted.time, 20, 'the housekeeping tick after the cache is up (pulled after the db image: started 6 s, up 11 s)');
  assert.match(evicted.message, /^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\. Container app was using 3276800Ki, request is 0, has larger consumption of memory\. $/);
  assert.equal(r.evictions?.[0]?.qosClass, 'BestEffort');
  const f = r.findings.find((x) => x.rule === 'sim-evicted-first')!;
  assert.match(f.message, /^evicted first under memory pressure on small: BestEffort, uses 3200Mi and requests no memory$/);
  assert.ok(r.events.some((e) => e.reason === 'NodeHasInsufficientMemory' && e.time === 20));
  assert.ok(r.pods.some((p) => p.name.startsWith('db-') && p.ready), 'the Guaranteed pod stays');
});
