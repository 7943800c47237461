/**
 * InterPodAffinity against upstream's own cases: kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (TestRequiredAffinitySingleNode) and
 * scoring_test.go (TestPreferredAffinity). Labels, pods, terms and expected outcomes are theirs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affinity, Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { InterPodAffinity } from '../../../server/src/engine/cluster/scheduler/plugins/interpodaffinity/interPodAffinity';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from '../../../server/src/engine/cluster/scheduler/plugins/interpodaffinity/filtering';

type Expr = { key: string; operator: string; values?: string[] };
const term = (exprs: Expr[], topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: { matchExpressions: exprs },
  topologyKey,
  ...extra,
});
const In = (key: string, ...values: string[]): Expr => ({ key, operator: 'In', values });
const NotIn = (key: string, ...values: string[]): Expr => ({ key, operator: 'NotIn', values });
const Exists = (key: string): Expr => ({ key, operator: 'Exists' });
const DoesNotExist = (key: string): Expr => ({ key, operator: 'DoesNotExist' });

function pod(o: { name?: string; ns?: string; node?: string; labels?: Record<string, string>; affinity?: Affinity }): Pod {
  return {
    metadata: { name: o.name ?? `p${Math.random().toString(36).slice(2, 8)}`, namespace: o.ns, labels: o.labels ?? {} },
    spec: { containers: [{ name: 'c', image: 'x' }], nodeName: o.node, affinity: o.affinity },
  };
}
const required = (affinity?: PodAffinityTerm[], anti?: PodAffinityTerm[]): Affinity => ({
  podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity },
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti },
});
const node = (name: string, labels: Record<string, string>): Node => ({ metadata: { name, labels }, status: { allocatable: { pods: '110' } } });

function snapshot(nodes: Node[], pods: Pod[]): ClusterSnapshot {
  const s = new ClusterSnapshot();
  nodes.forEach((n) => s.addNode(n));
  pods.forEach((p) => s.addPod(p));
  for (const [name, team] of [['subteam1.team1', 'team1'], ['subteam2.team1', 'team1'], ['subteam1.team2', 'team2'], ['subteam2.team2', 'team2']]) {
    s.addNamespace({ metadata: { name, labels: { team: team! } } });
  }
  return s;
}

test('filtering_test.go TestRequiredAffinitySingleNode', () => {
  const podLabel = { service: 'securityscan' };
  const podLabel2 = { security: 'S1' };
  const node1 = node('machine1', { region: 'r1', zone: 'z11' });
  const existing = (labels: Record<string, string>, n = 'machine1', affinity?: Affinity, ns?: string) => pod({ node: n, labels, affinity, ns });
  const cases: [string, Pod, Pod[], string | null][] = [
    ['no required pod affinity, no existing pods', pod({}), [], null],
    ['In operator matches the existing pod', pod({ labels: podLabel2, affinity: required([term([In('service', 'securityscan', 'value2')], 'region')]) }),
      [existing(podLabel)], null],
    ['NotIn operator matches the existing pod', pod({ labels: podLabel2, affinity: required([term([NotIn('service', 'securityscan3', 'value3')], 'region')]) }),
      [existing(podLabel)], null],
    ['diff Namespace', pod({ labels: podLabel2, affinity: required([term([In('service', 'securityscan', 'value2')], '', { namespaces: ['DiffNameSpace'] })]) }),
      [existing(podLabel, 'machine1', undefined, 'ns')], ERR_REASON_AFFINITY_RULES_NOT_MATCH],
    ['unmatching labelSelector', pod({ labels: podLabel, affinity: required([term([In('service', 'antivirusscan', 'value2')], '')]) }),
      [existing(podLabel)], ERR_REASON_AFFINITY_RULES_NOT_MATCH],
    ['different label operators in multiple terms', pod({ labels: podLabel2, affinity: required([
      term([Exists('service'), DoesNotExist('wrongkey')], 'region'),
      term([In('service', 'securityscan'), NotIn('service', 'WrongValue')], 'region'),
    ]) }), [existing(podLabel)], null],
    ['requirements are ANDed; one does not match', pod({ labels: podLabel2, affinity: required([
      term([Exists('service'), DoesNotExist('wrongkey')], 'region'),
      term([In('service', 'securityscan2'), NotIn('service', 'WrongValue')], 'region'),
    ]) }), [existing(podLabel)], ERR_REASON_AFFINITY_RULES_NOT_MATCH],
    ['affinity and anti-affinity satisfied', pod({ labels: podLabel2, affinity: required(
      [term([In('service', 'securityscan', 'value2')], 'region')], [term([In('service', 'antivirusscan', 'value2')], 'node')]) }),
      [existing(podLabel)], null],
    ['affinity, anti-affinity and symmetry satisfied', pod({ labels: podLabel2, affinity: required(
      [term([In('service', 'securityscan', 'value2')], 'region')], [term([In('service', 'antivirusscan', 'value2')], 'node')]) }),
      [existing(podLabel, 'machine1', required(undefined, [term([In('service', 'antivirusscan', 'value2')], 'node')]))], null],
    ["affinity ok but anti-affinity not", pod({ labels: podLabel2, affinity: required(
      [term([In('service', 'securityscan', 'value2')], 'region')], [term([In('service', 'securityscan', 'value2')], 'zone')]) }),
      [existing(podLabel)], ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH],
    ["existing pod's anti-affinity (symmetry) not satisfied", pod({ labels: podLabel, affinity: required(
      [term([In('service', 'securityscan', 'value2')], 'region')], [term([In('service', 'antivirusscan', 'value2')], 'node')]) }),
      [existing(podLabel, 'machine1', required(undefined, [term([In('service', 'securityscan', 'value2')], 'zone')]))],
      ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH],
    ['pod matches its own term, but an existing pod elsewhere matches too', pod({ labels: podLabel, affinity: required([term([NotIn('service', 'securityscan', 'value2')], 'region')]) }),
      [existing(podLabel, 'machine2')], ERR_REASON_AFFINITY_RULES_NOT_MATCH],
    ["existing pod's anti-affinity is respected for a pod without affinity", pod({ labels: podLabel }),
      [existing(podLabel, 'machine1', required(undefined, [term([In('service', 'securityscan', 'value2')], 'zone')]))],
      ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH],
    ["existing pod's anti-affinity that does not match", pod({ labels: podLabel }),
      [existing(podLabel, 'machine1', required(undefined, [term([NotIn('service', 'securityscan', 'value2')], 'zone')]))], null],
  ];
  for (const [name, incoming, pods, want] of cases) {
    const snap = snapshot([node1, node('machine2', { region: 'r2' })], pods);
    const cycle = InterPodAffinity.cycle(new PodInfo(incoming), snap);
    const status = cycle.filter ? cycle.filter(snap.nodeInfo('machine1')!) : null;
    assert.equal(status ? status.reasons.join(', ') : null, want, name);
    if (want === ERR_REASON_AFFINITY_RULES_NOT_MATCH) assert.equal(status!.unresolvable, true, `${name}: affinity failures are unresolvable`);
    if (want && want !== ERR_REASON_AFFINITY_RULES_NOT_MATCH) assert.equal(status!.unresolvable, false, `${name}: preemption may help`);
  }
});

test('filtering: the first pod of a self-affine group may schedule; a node missing the topology key may not', () => {
  const self = required([term([In('app', 'db')], 'zone')]);
  const snap = snapshot([node('a', { zone: 'z1' }), node('b', {})], []);
  const cycle = InterPodAffinity.cycle(new PodInfo(pod({ labels: { app: 'db' }, affinity: self })), snap);
  assert.equal(cycle.filter!(snap.nodeInfo('a')!), null);
  assert.equal(cycle.filter!(snap.nodeInfo('b')!)?.reasons[0], ERR_REASON_AFFINITY_RULES_NOT_MATCH);
});

function scores(incoming: Pod, nodes: Node[], pods: Pod[]): Record<string, number> | 'Skip' {
  const snap = snapshot(nodes, pods);
  const cycle = InterPodAffinity.cycle(new PodInfo(incoming), snap);
  const feasible = [...snap.nodeInfos()];
  // as the scheduler runs it: a cycle with no Score, or whose PreScore says false, skips
  if (cycle.score === undefined || (cycle.preScore !== undefined && !cycle.preScore(feasible))) return 'Skip';
  const s = Float64Array.from(feasible, (n) => cycle.score!(n));
  cycle.normalize!(s);
  return Object.fromEntries(feasible.map((n, i) => [n.name, s[i]!]));
}

test('scoring_test.go TestPreferredAffinity', () => {
  const rgChina = { region: 'China' };
  const rgIndia = { region: 'India' };
  const az1 = { az: 'az1' };
  const az2 = { az: 'az2' };
  const rgChinaAz1 = { region: 'China', az: 'az1' };
  const S1 = { security: 'S1' };
  const S2 = { security: 'S2' };
  const pref = (weight: number, t: PodAffinityTerm) => ({ weight, podAffinityTerm: t });
  const stayWithS1InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, term([In('security', 'S1')], 'region'))] } };
  const stayWithS2InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(6, term([In('security', 'S2')], 'region'))] } };
  const affinity3: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    pref(8, term([NotIn('security', 'S1'), In('security', 'S2')], 'region')),
    pref(2, term([Exists('security'), DoesNotExist('wrongkey')], 'region')),
  ] } };
  const hardAffinity: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
    term([In('security', 'S1', 'value2')], 'region'),
    term([Exists('security'), DoesNotExist('wrongkey')], 'region'),
  ] } };
  const awayFromS1InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, term([In('security', 'S1')], 'az'))] } };
  const awayFromS2InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, term([In('security', 'S2')], 'az'))] } };
  const stayWithS1InRegionAwayFromS2InAz: Affinity = {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(8, term([In('security', 'S1')], 'region'))] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, term([In('security', 'S2')], 'az'))] },
  };
  const nsSelected = (): PodAffinityTerm => term([In('security', 'S1')], 'region', {
    namespaces: ['subteam2.team2'],
    namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['team1'] }] },
  });
  const affinityNamespaceSelector: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, nsSelected())] } };
  const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, nsSelected())] } };
  const N = (...ls: Record<string, string>[]) => ls.map((l, i) => node(`node${i + 1}`, l));
  const on = (n: number, labels: Record<string, string> = {}, affinity?: Affinity) => pod({ node: `node${n}`, labels, affinity });

  assert.equal(scores(pod({ labels: S1 }), N(rgChina, rgIndia, az1), []), 'Skip', 'all nodes are same priority as Affinity is nil');
  assert.deepEqual(scores(pod({ labels: S1, affinity: stayWithS1InRegion }), N(rgChina, rgIndia, az1), [on(1, S1), on(2, S2), on(3, S1)]),
    { node1: 100, node2: 0, node3: 0 }, 'pod that matches topology key & pods in nodes gets high score');
  assert.deepEqual(scores(pod({ affinity: stayWithS1InRegion }), N(rgChina, rgChinaAz1, rgIndia), [on(1, S1)]),
    { node1: 100, node2: 100, node3: 0 }, 'same topology key & value get the same score');
  assert.deepEqual(scores(pod({ labels: S1, affinity: stayWithS2InRegion }), N(rgChina, rgIndia, rgChina, rgChina, rgIndia),
    [on(1, S2), on(1, S2), on(2, S2), on(3, S2), on(4, S2), on(5, S2)]),
    { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 }, 'region with more matches gets high score');
  assert.deepEqual(scores(pod({ labels: S1, affinity: affinity3 }), N(rgChina, rgIndia, az1), [on(1, S1), on(2, S2), on(3, S1)]),
    { node1: 20, node2: 100, node3: 0 }, 'different label operators, including some match failures');
  assert.deepEqual(scores(pod({ labels: S2 }), N(rgChina, rgIndia, az1), [on(1, S1, stayWithS1InRegion), on(2, S2, stayWithS2InRegion)]),
    { node1: 0, node2: 100, node3: 0 }, 'affinity symmetry (preferred)');
  assert.deepEqual(scores(pod({ labels: S1, ns: 'subteam1.team1' }), N(rgChina, rgIndia, az1), [on(1, S1, affinityNamespaceSelector), on(2, S2, stayWithS2InRegion)]),
    { node1: 100, node2: 0, node3: 0 }, 'affinity symmetry with namespace selector');
  assert.deepEqual(scores(pod({ labels: S1, ns: 'subteam1.team1' }), N(rgChina, rgIndia, az1), [on(1, S1, antiAffinityNamespaceSelector), on(2, S2, stayWithS2InRegion)]),
    { node1: 0, node2: 100, node3: 100 }, 'anti-affinity symmetry with namespace selector');
  assert.deepEqual(scores(pod({ labels: S1 }), N(rgChina, rgIndia, az1), [on(1, S1, hardAffinity), on(2, S2, hardAffinity)]),
    { node1: 100, node2: 100, node3: 0 }, 'affinity symmetry (required, hardPodAffinityWeight 1)');
  assert.deepEqual(scores(pod({ labels: S1, affinity: awayFromS1InAz }), N(az1, rgChina), [on(1, S1), on(2, S2)]),
    { node1: 0, node2: 100 }, 'anti-affinity: not matching existing pods scores high');
  assert.deepEqual(scores(pod({ labels: S1, affinity: awayFromS1InAz }), N(az1, rgChina), [on(1, S1), on(2, S1)]),
    { node1: 0, node2: 100 }, 'anti-affinity: not matching the topology key scores high');
  assert.deepEqual(scores(pod({ labels: S1, affinity: awayFromS1InAz }), N(az1, rgIndia), [on(1, S1), on(1, S1), on(2, S2)]),
    { node1: 0, node2: 100 }, 'anti-affinity: more unmatches scores high');
  assert.deepEqual(scores(pod({ labels: S2 }), N(az1, az2), [on(1, S1, awayFromS2InAz), on(2, S2, awayFromS1InAz)]),
    { node1: 0, node2: 100 }, 'anti-affinity symmetry');
  assert.deepEqual(scores(pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }), N(rgChina, az1), [on(1, S1), on(2, S1)]),
    { node1: 100, node2: 0 }, 'affinity and anti-affinity');
  assert.deepEqual(scores(pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }), N(rgChinaAz1, rgIndia, rgChina, rgChina, rgIndia),
    [on(1, S1), on(1, S1), on(2, S1), on(3, S1), on(3, S1), on(4, S1), on(5, S1)]),
    { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 }, 'affinity and anti-affinity, same labels');
  assert.deepEqual(scores(pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }), N(rgChina, az1, rgIndia, az2),
    [on(1, S1), on(2, S2), on(3, {}, stayWithS1InRegionAwayFromS2InAz), on(4, {}, awayFromS1InAz)]),
    { node1: 100, node2: 0, node3: 100, node4: 0 }, 'affinity, anti-affinity and symmetry');
  assert.deepEqual(scores(pod({ labels: S1 }), N(rgChina, rgChina), [on(1, S1), on(2, {}, stayWithS1InRegionAwayFromS2InAz)]),
    { node1: 0, node2: 0 }, 'partial nodes in a topology without pods with affinity (kubernetes#82796)');
});
