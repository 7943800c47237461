/**
 * NodeAffinity: scoring against upstream's cases in kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinityPriority; the AddedAffinity
 * cases need scheduler config we do not model), filtering against the semantics TestNodeAffinity covers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affinity, Node, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo, Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { NodeAffinity } from '../../../server/src/engine/cluster/scheduler/plugins/nodeaffinity/nodeAffinity';

const node = (name: string, labels: Record<string, string>): Node => ({ metadata: { name, labels }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], ...spec } });

function scores(p: Pod, nodes: Node[]): Record<string, number> | 'Skip' {
  const snap = new ClusterSnapshot();
  nodes.forEach((n) => snap.addNode(n));
  const cycle = NodeAffinity.cycle(new PodInfo(p), snap);
  const feasible = [...snap.nodeInfos()];
  if (!cycle.preScore || !cycle.preScore(feasible)) return 'Skip';
  const s = Float64Array.from(feasible, (n) => cycle.score!(n));
  cycle.normalize!(s);
  return Object.fromEntries(feasible.map((n, i) => [n.name, s[i]!]));
}

test('node_affinity_test.go TestNodeAffinityPriority', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const In = (key: string, value: string) => ({ key, operator: 'In', values: [value] });
  const affinity1: Affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: { matchExpressions: [In('foo', 'bar')] } }] } };
  const affinity2: Affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 2, preference: { matchExpressions: [In('foo', 'bar')] } },
    { weight: 4, preference: { matchExpressions: [In('key', 'value')] } },
    { weight: 5, preference: { matchExpressions: [In('foo', 'bar'), In('key', 'value'), In('az', 'az1')] } },
  ] } };
  assert.equal(scores(pod(), [node('node1', label1)]), 'Skip', 'Skip is returned in PreScore when NodeAffinity is nil');
  assert.deepEqual(scores(pod({ affinity: affinity1 }), [node('node1', label4), node('node2', label2), node('node3', label3)]),
    { node1: 0, node2: 0, node3: 0 }, 'no node matches the preferred terms');
  assert.deepEqual(scores(pod({ affinity: affinity1 }), [node('node1', label1), node('node2', label2), node('node3', label3)]),
    { node1: 100, node2: 0, node3: 0 }, 'only node1 matches');
  assert.deepEqual(scores(pod({ affinity: affinity2 }), [node('node1', label1), node('node5', label5), node('node2', label2)]),
    { node1: 18, node5: 100, node2: 36 }, 'all nodes match with different priorities');
});

function fits(p: Pod, labels: Record<string, string>, name = 'n'): boolean {
  const snap = new ClusterSnapshot();
  snap.addNode(node(name, labels));
  const cycle = NodeAffinity.cycle(new PodInfo(p), snap);
  if (cycle.rejected) return false;
  if (cycle.nodeNames && !cycle.nodeNames.has(name)) return false;
  return cycle.filter ? cycle.filter(snap.nodeInfo(name)!) === null : true;
}
const required = (...terms: NodeSelectorTerm[]): Affinity => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });

test('filtering: nodeSelector and required node affinity (TestNodeAffinity semantics)', () => {
  assert.equal(fits(pod(), {}), true, 'no selector or affinity: every node');
  assert.equal(fits(pod({ nodeSelector: { foo: 'bar' } }), { foo: 'bar' }), true, 'nodeSelector matches');
  assert.equal(fits(pod({ nodeSelector: { foo: 'bar' } }), { foo: 'baz' }), false, 'nodeSelector value differs');
  assert.equal(fits(pod({ nodeSelector: { foo: 'bar' } }), {}), false, 'nodeSelector key missing');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'bar'] }] }) }), { foo: 'bar' }), true, 'In');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['bar'] }] }) }), {}), true, 'NotIn matches a missing key');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }) }), { 'kernel-version': '0206' }), true, 'Gt compares integers');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'Lt', values: ['5'] }] }) }), { 'mem-type': 'DDR4' }), false, 'Lt on a non-integer label');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'foo', operator: 'DoesNotExist' }] }) }), { GPU: 'NVIDIA' }), true, 'Exists AND DoesNotExist');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }, { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong'] }] }) }), { foo: 'bar' }), true, 'terms are ORed');
  assert.equal(fits(pod({ affinity: required({}) }), { foo: 'bar' }), false, 'an empty term matches nothing');
  assert.equal(fits(pod({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Bogus', values: ['bar'] }] }) }), { foo: 'bar' }), false, 'an invalid term matches nothing');
  assert.equal(fits(pod({ nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) }), { foo: 'baz' }), false,
    'nodeSelector and affinity are ANDed');
  const byName = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] });
  assert.equal(fits(pod({ affinity: byName }), {}, 'node1'), true, 'matchFields metadata.name');
  assert.equal(fits(pod({ affinity: byName }), {}, 'node2'), false, 'matchFields metadata.name, other node');
});

test('PreFilter: terms pinning metadata.name narrow the nodes; conflicting pins reject the pod', () => {
  const snap = new ClusterSnapshot();
  ['node1', 'node2', 'node3'].forEach((n) => snap.addNode(node(n, {})));
  const pinned = pod({ affinity: required(
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] },
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node2'] }] },
  ) });
  assert.deepEqual([...NodeAffinity.cycle(new PodInfo(pinned), snap).nodeNames!].sort(), ['node1', 'node2']);
  const conflict = pod({ affinity: required({ matchFields: [
    { key: 'metadata.name', operator: 'In', values: ['node1'] },
    { key: 'metadata.name', operator: 'In', values: ['node2'] },
  ] }) });
  const r = new Scheduler().schedule(conflict, snap);
  assert.equal(r.selected, null);
  assert.equal(r.message, '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  const selector = new Scheduler().schedule(pod({ nodeSelector: { disk: 'ssd' } }), snap);
  assert.equal(selector.message,
    "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
});
