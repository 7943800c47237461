/**
 * PodTopologySpread against upstream's own cases:
 * kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go (TestSingleConstraint,
 * TestMultipleConstraints) and scoring_test.go (TestPodTopologySpreadScore). Node labels, existing pods,
 * incoming pod and expected results are theirs; the harness is ours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod, Service, Toleration } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { PodTopologySpread } from '../../../server/src/engine/cluster/scheduler/plugins/podtopologyspread/podTopologySpread';
import { labeledNode, podAt } from './helpers';

const HOST = 'kubernetes.io/hostname';
const exists = (key: string) => ({ matchExpressions: [{ key, operator: 'Exists' }] });

interface Constraint {
  maxSkew: number;
  key: string;
  when: 'DoNotSchedule' | 'ScheduleAnyway';
  selector?: object | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
}

function incoming(labels: string[], constraints: Constraint[], extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', labels: Object.fromEntries(labels.map((l) => [l, ''])) },
    spec: {
      containers: [{ name: 'c', image: 'x' }],
      topologySpreadConstraints: constraints.map((c) => ({
        maxSkew: c.maxSkew,
        topologyKey: c.key,
        whenUnsatisfiable: c.when,
        ...(c.selector === null ? {} : { labelSelector: c.selector as never }),
        ...(c.minDomains !== undefined ? { minDomains: c.minDomains } : {}),
        ...(c.nodeAffinityPolicy ? { nodeAffinityPolicy: c.nodeAffinityPolicy } : {}),
        ...(c.nodeTaintsPolicy ? { nodeTaintsPolicy: c.nodeTaintsPolicy } : {}),
      })),
      ...extra,
    },
  };
}

/** "node-a zone=zone1 node=node-a" */
function nodes(...specs: string[]): Node[] {
  return specs.map((s) => {
    const [name, ...labels] = s.split(' ');
    return labeledNode(name!, Object.fromEntries(labels.map((l) => l.split('=') as [string, string])));
  });
}

const FOUR = nodes('node-a zone=zone1 node=node-a', 'node-b zone=zone1 node=node-b', 'node-x zone=zone2 node=node-x', 'node-y zone=zone2 node=node-y');
const SPREAD_2_1_0_3 = ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-y1@node-y:foo', 'p-y2@node-y:foo', 'p-y3@node-y:foo'];

function filterCodes(pod: Pod, ns: Node[], existing: string[]): Record<string, string> {
  for (const memo of [true, false]) {
    const snap = new ClusterSnapshot();
    snap.useMemo = memo;
    ns.forEach((n) => snap.addNode(n));
    existing.forEach((p) => snap.addPod(podAt(p)));
    const cycle = PodTopologySpread.cycle(new PodInfo(pod), snap);
    const out: Record<string, string> = {};
    for (const n of snap.nodeInfos()) {
      const s = cycle.filter ? cycle.filter(n) : null;
      out[n.name] = s === null ? 'Success' : s.unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    }
    if (memo === false) return out;
  }
  throw new Error('unreachable');
}

const S = 'Success';
const U = 'Unschedulable';
const UU = 'UnschedulableAndUnresolvable';

test('filtering_test.go TestSingleConstraint', () => {
  const c = (maxSkew: number, key: string, selector: object | null = exists('foo'), minDomains?: number): Constraint =>
    ({ maxSkew, key, when: 'DoNotSchedule', selector, minDomains });
  const cases: [string, Pod, Node[], string[], Record<string, string>][] = [
    ['no existing pods', incoming(['foo'], [c(1, 'zone')]), FOUR, [], { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S }],
    ["no existing pods, incoming pod doesn't match itself", incoming(['foo'], [c(1, 'zone', exists('bar'))]), FOUR, [],
      { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S }],
    ['existing pods in a different namespace do not count', incoming(['foo'], [c(1, 'zone')]), FOUR,
      ['ns1/p-a1@node-a:foo', 'ns2/p-b1@node-a:foo', 'p-x1@node-x:foo', 'p-y1@node-y:foo'],
      { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U }],
    ['existing pods do not match null selector', incoming(['foo'], [c(1, 'zone', null)]), FOUR, ['p-x1@node-x:foo', 'p-y1@node-y:foo'],
      { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S }],
    ['pods spread across zones as 3/3, all nodes fit', incoming(['foo'], [c(1, 'zone')]), FOUR, SPREAD_2_1_0_3,
      { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S }],
    ["pods spread across zones as 1/2 due to absence of label 'zone' on node-b", incoming(['foo'], [c(1, 'zone')]),
      nodes('node-a zone=zone1 node=node-a', 'node-b zon=zone1 node=node-b', 'node-x zone=zone2 node=node-x', 'node-y zone=zone2 node=node-y'),
      ['p-a1@node-a:foo', 'p-b1@node-b:foo', 'p-x1@node-x:foo', 'p-y1@node-y:foo'],
      { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U }],
    ["pod cannot be scheduled as all nodes don't have label 'rack'", incoming(['foo'], [c(1, 'rack')]),
      nodes('node-a zone=zone1 node=node-a', 'node-x zone=zone2 node=node-x'), [], { 'node-a': UU, 'node-x': UU }],
    ['pods spread across nodes as 2/1/0/3, only node-x fits', incoming(['foo'], [c(1, 'node')]), FOUR, SPREAD_2_1_0_3,
      { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U }],
    ['pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', incoming(['foo'], [c(2, 'node')]), FOUR, SPREAD_2_1_0_3,
      { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U }],
    ["pods spread across nodes as 2/1/0/3, but pod doesn't match itself", incoming(['bar'], [c(1, 'node')]), FOUR, SPREAD_2_1_0_3,
      { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U }],
    ['incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      incoming(['foo'], [c(1, 'node')], {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'In', values: ['node-a', 'node-y'] }] }] } } },
      }),
      FOUR, SPREAD_2_1_0_3, { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U }],
    ['terminating Pods should be excluded', incoming(['foo'], [c(1, 'node')]), nodes('node-a node=node-a', 'node-b node=node-b'),
      ['p-a@node-a:foo!', 'p-b@node-b:foo'], { 'node-a': S, 'node-b': U }],
    ['incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      incoming(['foo'], [c(1, 'zone')], {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'NotIn', values: ['node-b'] }] }] } } },
      }),
      FOUR, ['p-b1@node-b:foo', 'p-b2@node-b:foo', 'p-y1@node-y:foo'], { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U }],
    ['pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      incoming(['foo'], [c(2, 'node', exists('foo'), 4)]), nodes('node-a node=node-a', 'node-b node=node-b', 'node-c node=node-c'),
      ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-b2@node-b:foo', 'p-c1@node-c:foo'],
      { 'node-a': U, 'node-b': U, 'node-c': S }],
    ['pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      incoming(['foo'], [c(2, 'node', exists('foo'), 2)]), nodes('node-a node=node-a', 'node-b node=node-b', 'node-c node=node-c'),
      ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-b2@node-b:foo', 'p-c1@node-c:foo'],
      { 'node-a': S, 'node-b': S, 'node-c': S }],
  ];
  for (const [name, pod, ns, existing, want] of cases) assert.deepEqual(filterCodes(pod, ns, existing), want, name);
});

test('filtering_test.go TestMultipleConstraints: zone and node constraints intersect', () => {
  const both = incoming(['foo'], [
    { maxSkew: 1, key: 'zone', when: 'DoNotSchedule', selector: exists('foo') },
    { maxSkew: 1, key: 'node', when: 'DoNotSchedule', selector: exists('foo') },
  ]);
  // spreads = [3/3, 2/1/0/3] → only node-x.
  assert.deepEqual(filterCodes(both, FOUR, SPREAD_2_1_0_3), { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U });
});

function scores(pod: Pod, candidates: Node[], failed: Node[], existing: string[], services: Service[] = []): Record<string, number> {
  const results: Record<string, number>[] = [];
  for (const memo of [true, false]) {
    const snap = new ClusterSnapshot();
    snap.useMemo = memo;
    [...candidates, ...failed].forEach((n) => snap.addNode(n));
    existing.forEach((p) => snap.addPod(podAt(p)));
    services.forEach((s) => snap.addService(s));
    const cycle = PodTopologySpread.cycle(new PodInfo(pod), snap);
    const feasible = candidates.map((n) => snap.nodeInfo(n.metadata!.name!)!);
    assert.ok(cycle.preScore!(feasible), 'PreScore should not skip');
    const s = Float64Array.from(feasible, (n) => cycle.score!(n));
    cycle.normalize!(s);
    results.push(Object.fromEntries(feasible.map((n, i) => [n.name, s[i]!])));
  }
  assert.deepEqual(results[0], results[1], 'memoized and recomputed counts agree');
  return results[0]!;
}

test('scoring_test.go TestPodTopologySpreadScore', () => {
  const soft = (maxSkew: number, key: string, selector: object | null = exists('foo')): Constraint => ({ maxSkew, key, when: 'ScheduleAnyway', selector });
  const hosts = (...names: string[]) => names.map((n) => labeledNode(n, { [HOST]: n }));
  const spread4321 = ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-a3@node-a:foo', 'p-a4@node-a:foo', 'p-b1@node-b:foo', 'p-b2@node-b:foo',
    'p-b3@node-b:foo', 'p-c1@node-c:foo', 'p-c2@node-c:foo', 'p-d1@node-d:foo'];
  const spread2103 = ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-d1@node-d:foo', 'p-d2@node-d:foo', 'p-d3@node-d:foo'];
  const spread42x3 = ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-a3@node-a:foo', 'p-a4@node-a:foo', 'p-b1@node-b:foo', 'p-b2@node-b:foo',
    'p-x1@node-x:foo', 'p-y1@node-y:foo', 'p-y2@node-y:foo', 'p-y3@node-y:foo'];

  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b'), [], []), { 'node-a': 100, 'node-b': 100 },
    'one constraint on node, no existing pods');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a'), hosts('node-b'), ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo']),
    { 'node-a': 100 }, 'one constraint on node, only one node is candidate');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b'), [], ['p-a1@node-a:foo', 'p-b1@node-b:foo']),
    { 'node-a': 100, 'node-b': 100 }, 'all nodes have the same number of matching pods');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b', 'node-c', 'node-d'), [], spread2103),
    { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 }, 'one constraint on node, all 4 nodes are candidates');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST, null)]), hosts('node-a', 'node-b', 'node-c', 'node-d'), [], spread2103),
    { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 }, 'one constraint on node, null selector');
  assert.deepEqual(scores(incoming(['foo'], [soft(2, HOST)]), hosts('node-a', 'node-b', 'node-c', 'node-d'), [], spread2103),
    { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 }, 'maxSkew=2');
  assert.deepEqual(scores(incoming(['foo'], [soft(3, HOST)]), hosts('node-a', 'node-b', 'node-c', 'node-d'), [], spread4321),
    { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 }, 'maxSkew=3');
  const plain = { metadata: { name: 'p', namespace: 'default', labels: { foo: '' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } as Pod;
  assert.deepEqual(
    scores(plain, hosts('node-a', 'node-b', 'node-c', 'node-d'), [], spread4321, [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }]),
    { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 }, "system defaulting, nodes don't have zone, pods match service");
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b', 'node-x'), hosts('node-y'), spread42x3),
    { 'node-a': 33, 'node-b': 83, 'node-x': 100 }, '3 out of 4 nodes are candidates');
  assert.deepEqual(
    scores(incoming(['foo'], [soft(1, HOST)]), [labeledNode('node-a', { [HOST]: 'node-a' }), labeledNode('node-b', { n: 'node-b' }), labeledNode('node-x', { [HOST]: 'node-x' })],
      hosts('node-y'), spread42x3),
    { 'node-a': 16, 'node-b': 0, 'node-x': 100 }, "one node doesn't match topology key");
  const zoned = (name: string, zone: string) => labeledNode(name, { zone, [HOST]: name });
  assert.deepEqual(scores(incoming(['foo'], [soft(1, 'zone')]), [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
    [zoned('node-y', 'zone2')], spread42x3), { 'node-a': 75, 'node-b': 75, 'node-x': 100 }, 'one constraint on zone, 3 out of 4 candidates');
  assert.deepEqual(
    scores(incoming(['foo'], [soft(1, 'zone'), soft(1, HOST)]), [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')], [zoned('node-b', 'zone1'), zoned('node-y', 'zone2')],
      ['p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-x1@node-x:foo', 'p-x2@node-x:foo', 'p-y1@node-y:foo', 'p-y2@node-y:foo', 'p-y3@node-y:foo', 'p-y4@node-y:foo']),
    { 'node-a': 100, 'node-x': 63 }, 'two Constraints on zone and node, 2 out of 4 nodes are candidates');
  assert.deepEqual(
    scores(incoming(['foo', 'bar'], [soft(1, 'zone'), soft(1, 'zone', exists('bar'))]),
      [labeledNode('node-a', { zone: 'zone1' }), labeledNode('node-x', { zone: 'zone2' })], [labeledNode('node-b', { zone: 'zone1' }), labeledNode('node-y', { zone: 'zone2' })],
      ['p-a1@node-a:foo,bar', 'p-a2@node-a:foo', 'p-b1@node-b:foo,bar', 'p-y1@node-y:foo', 'p-y2@node-y:foo,bar', 'p-y3@node-y:foo']),
    { 'node-a': 85, 'node-x': 100 }, 'two Constraints on zone, 2 out of 4 nodes are candidates');
  const all4 = [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')];
  assert.deepEqual(
    scores(incoming(['foo', 'bar'], [soft(1, 'zone'), soft(1, HOST, exists('bar'))]), all4, [],
      ['p-a1@node-a:foo', 'p-b1@node-b:foo,bar', 'p-y1@node-y:foo', 'p-y2@node-y:bar']),
    { 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 }, 'two Constraints on zone and node, with different labelSelectors');
  assert.deepEqual(
    scores(incoming(['foo', 'bar'], [soft(1, 'zone'), soft(1, HOST, exists('bar'))]), all4, [],
      ['p-b1@node-b:bar', 'p-x1@node-x:foo', 'p-y1@node-y:foo,bar']),
    { 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 }, 'different labelSelectors, some nodes have 0 pods');
  assert.deepEqual(
    scores(incoming(['foo', 'bar'], [soft(1, 'zone'), soft(1, HOST, exists('bar'))]), all4.slice(0, 3), [all4[3]!],
      ['p-a1@node-a:foo', 'p-b1@node-b:foo,bar', 'p-y1@node-y:foo', 'p-y2@node-y:bar']),
    { 'node-a': 50, 'node-b': 25, 'node-x': 100 }, 'different labelSelectors, 3 out of 4 nodes are candidates');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b'), [],
    ['ns1/p-a1@node-a:foo', 'p-a2@node-a:foo', 'p-b1@node-b:foo', 'p-b2@node-b:foo']),
    { 'node-a': 100, 'node-b': 33 }, 'existing pods in a different namespace do not count');
  assert.deepEqual(scores(incoming(['foo'], [soft(1, HOST)]), hosts('node-a', 'node-b'), [], ['p-a@node-a:foo!', 'p-b@node-b:foo']),
    { 'node-a': 100, 'node-b': 0 }, 'terminating Pods should be excluded');
});

test('PreFilter/PreScore skip: no hard constraints → no filter; no soft ones and no default selector → no score', () => {
  const snap = new ClusterSnapshot();
  FOUR.forEach((n) => snap.addNode(n));
  const cycle = PodTopologySpread.cycle(new PodInfo(podAt('p:foo')), snap);
  assert.equal(cycle.filter, undefined);
  // skipped as the scheduler skips: no Score at all, or a PreScore that says false
  assert.ok(cycle.score === undefined || cycle.preScore?.(snap.nodeInfos()) === false);
});

test('default spreading uses the controlling ReplicaSet selector', () => {
  const snap = new ClusterSnapshot();
  hostsOf(3).forEach((n) => snap.addNode(n));
  snap.addController({ kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } });
  const owned = (name: string, node?: string): Pod => ({
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }] },
    spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node },
  });
  snap.addPod(owned('w1', 'h0'));
  snap.addPod(owned('w2', 'h0'));
  snap.addPod(owned('w3', 'h1'));
  const cycle = PodTopologySpread.cycle(new PodInfo(owned('new')), snap);
  const feasible = [...snap.nodeInfos()];
  assert.ok(cycle.preScore!(feasible));
  const s = Float64Array.from(feasible, (n) => cycle.score!(n));
  cycle.normalize!(s);
  assert.ok(s[2]! > s[1]! && s[1]! > s[0]!, `emptier nodes score higher: ${s}`);
});

test('pods of one ReplicaSet share one default scoring cycle, which scores each attempt afresh; other tolerations get their own', () => {
  const snap = new ClusterSnapshot();
  hostsOf(3).forEach((n) => snap.addNode(n));
  snap.addController({ kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } });
  const owned = (name: string, node?: string, tolerations?: Toleration[]): Pod => ({
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }] },
    spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node, tolerations },
  });
  const scores = (cycle: ReturnType<typeof PodTopologySpread.cycle>) => {
    const feasible = [...snap.nodeInfos()];
    assert.ok(cycle.preScore!(feasible));
    const s = Float64Array.from(feasible, (n) => cycle.score!(n));
    cycle.normalize!(s);
    return [...s];
  };
  const first = PodTopologySpread.cycle(new PodInfo(owned('a')), snap);
  const second = PodTopologySpread.cycle(new PodInfo(owned('b')), snap);
  assert.equal(second, first, 'one cycle for both pods');
  assert.deepEqual(scores(first), [100, 100, 100], 'an empty cluster: every node alike');
  // a sibling lands on h0: the shared cycle's next attempt sees it
  snap.addPod(owned('w1', 'h0'));
  const after = scores(second);
  assert.ok(after[1]! > after[0]! && after[2]! > after[0]!, `the node with the sibling scores lower: ${after}`);
  const tolerant = PodTopologySpread.cycle(new PodInfo(owned('c', undefined, [{ key: 'spot', operator: 'Exists' }])), snap);
  assert.notEqual(tolerant, first, 'other tolerations: another counting key, another cycle');
  assert.deepEqual(scores(tolerant), after, 'with the same counts it scores the same');
});

function hostsOf(n: number): Node[] {
  return Array.from({ length: n }, (_, i) => labeledNode(`h${i}`, { [HOST]: `h${i}` }));
}
