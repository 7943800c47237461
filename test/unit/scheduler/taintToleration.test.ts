/**
 * TaintToleration against upstream's cases: kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go (TestTaintTolerationScore,
 * TestTaintTolerationFilter; the Gt/Lt cases need the alpha TaintTolerationComparisonOperators gate, off by default, and are left out).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { TaintToleration } from '../../../server/src/engine/cluster/scheduler/plugins/tainttoleration/taintToleration';
import { NodeUnschedulable } from '../../../server/src/engine/cluster/scheduler/plugins/nodeunschedulable/nodeUnschedulable';

const nodeWithTaints = (name: string, taints: Taint[], unschedulable = false): Node => ({ metadata: { name }, spec: { taints, unschedulable } });
const podWithTolerations = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'pod1' }, spec: { containers: [], tolerations } });
const P = 'PreferNoSchedule';

function scores(pod: Pod, nodes: Node[]): Record<string, number> {
  const snap = new ClusterSnapshot();
  nodes.forEach((n) => snap.addNode(n));
  const cycle = TaintToleration.cycle(new PodInfo(pod), snap);
  const feasible = [...snap.nodeInfos()];
  assert.ok(cycle.preScore!(feasible));
  const s = Float64Array.from(feasible, (n) => cycle.score!(n));
  cycle.normalize!(s);
  return Object.fromEntries(feasible.map((n, i) => [n.name, s[i]!]));
}

test('taint_toleration_test.go TestTaintTolerationScore', () => {
  assert.deepEqual(scores(podWithTolerations([{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }]),
    [nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: P }]), nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: P }])]),
  { nodeA: 100, nodeB: 0 }, 'tolerated taints score higher than intolerable ones');
  const armSsd = [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: P }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: P }];
  const three = [
    nodeWithTaints('nodeA', []),
    nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: P }]),
    nodeWithTaints('nodeC', [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }]),
  ];
  assert.deepEqual(scores(podWithTolerations(armSsd), three), { nodeA: 100, nodeB: 100, nodeC: 100 }, 'the count of tolerated taints does not matter');
  assert.deepEqual(scores(podWithTolerations([{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }]), three), { nodeA: 100, nodeB: 50, nodeC: 0 },
    'the more intolerable taints, the lower the score');
  assert.deepEqual(scores(podWithTolerations(armSsd.map((t) => ({ ...t, effect: 'NoSchedule' }))), [
    nodeWithTaints('nodeA', []),
    nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
    three[2]!,
  ]), { nodeA: 100, nodeB: 100, nodeC: 0 }, 'only PreferNoSchedule taints and tolerations count');
  assert.deepEqual(scores(podWithTolerations([]), [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: P }])]),
    { nodeA: 100, nodeB: 0 }, 'no taints and tolerations: lands on the node without taints');
});

test('taint_toleration_test.go TestTaintTolerationFilter', () => {
  const cases: [string, Toleration[], Taint[], boolean][] = [
    ['no tolerations, nonempty taints', [], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], false],
    ['dedicated node for user1', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], true],
    ['dedicated node for user1, pod of user2', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], false],
    ['Exists tolerates', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], true],
    ['multiple tolerations, all taints tolerated', [
      { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    ], [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }], true],
    ['non-empty effect that does not match', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], false],
    ['empty toleration effect matches NoSchedule', [{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], true],
    ['PreferNoSchedule taints do not filter', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user1', effect: P }], true],
    ['no toleration, PreferNoSchedule taint', [], [{ key: 'dedicated', value: 'user1', effect: P }], true],
  ];
  for (const [name, tolerations, taints, fits] of cases) {
    const snap = new ClusterSnapshot();
    snap.addNode(nodeWithTaints('nodeA', taints));
    const status = TaintToleration.cycle(new PodInfo(podWithTolerations(tolerations)), snap).filter!(snap.nodeInfo('nodeA')!);
    assert.equal(status === null, fits, name);
    if (status) {
      assert.deepEqual(status.reasons, ['node(s) had untolerated taint(s)'], name);
      assert.equal(status.unresolvable, true, name);
    }
  }
});

test('NodeUnschedulable: cordoned nodes reject pods unless they tolerate node.kubernetes.io/unschedulable', () => {
  const snap = new ClusterSnapshot();
  snap.addNode(nodeWithTaints('n', [], true));
  const n = snap.nodeInfo('n')!;
  assert.deepEqual(NodeUnschedulable.cycle(new PodInfo(podWithTolerations([])), snap).filter!(n)?.reasons, ['node(s) were unschedulable']);
  const tolerant = podWithTolerations([{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }]);
  assert.equal(NodeUnschedulable.cycle(new PodInfo(tolerant), snap).filter!(n), null);
});
