/**
 * The simulator's bulk paths give the plain answers, end to end:
 *
 * 1. Explaining placements or not changes nothing but the explanations. The bulk path (no explanation)
 *    scores with each plugin's `scoreAll` (or adds weighted scores straight into the totals, `addScores`), leaves out a plugin that gives every node the same score, and
 *    keeps a placement as its node name; the explained path scores node by node with every plugin.
 *    On workloads with taints (PreferNoSchedule and NoSchedule), node affinity, topology spread and
 *    anti-affinity, every pod, event, timeline interval and finding must be the same.
 * 2. The kubelet writes a pod's status once per step (admission, a timer): a pod admitted with its image
 *    present is written once at admission, not once per container state change, and the status it ends
 *    with is the one the steps build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { makeNode } from '../../../server/src/engine/cluster/defaultCluster';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import type { KObject } from '../../../server/src/engine/cluster/objects';
import type { SimulationResult } from '../../../server/src/engine/cluster/result';
import { simulate } from '../../../server/src/engine/cluster/simulate';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { deployment } from '../../helpers/sim';

function cluster() {
  const nodes = Array.from({ length: 130 }, (_, i) =>
    makeNode({ name: `node-${String(i).padStart(3, '0')}`, cpu: i % 5 === 0 ? '2' : '4', memory: '16Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}`, ...(i % 4 === 0 ? { disk: 'ssd' } : {}) } }),
  );
  // some nodes repel pods softly, some hard: TaintToleration scores differ from node to node for some pods only
  for (const [i, n] of nodes.entries()) {
    if (i % 7 === 0) n.spec = { ...(n.spec ?? {}), taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] };
    if (i % 11 === 0) n.spec = { ...(n.spec ?? {}), taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] };
  }
  return { nodes, objects: [], nodePools: [], origin: 'test' };
}

const withoutExplanations = (r: SimulationResult) => ({ ...r, pods: r.pods.map(({ scheduling, ...p }) => ({ ...p, selected: scheduling?.selected })) });

test('placing pods with or without explanations gives the same cluster, pods, events, timeline and findings', () => {
  const sizes = ['100m', '250m', '700m'];
  const texts = Array.from({ length: 24 }, (_, d) => {
    const extra = [
      '',
      'affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 50\n        preference: { matchExpressions: [{ key: disk, operator: In, values: [ssd] }] }',
      'tolerations:\n  - { key: spot, operator: Exists, effect: PreferNoSchedule }',
      'topologySpreadConstraints:\n  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: app-' + d + ' } } }',
      'affinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 10\n        podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: app-' + d + ' } } }',
    ][d % 5]!;
    const yaml = deployment(`app-${d}`, { replicas: 9 + (d % 4), cpu: sizes[d % 3] });
    // the extra fields belong to the pod spec, beside `containers:`
    return extra ? yaml.replace('    spec:\n      containers:', `    spec:\n${extra.split('\n').map((l) => `      ${l}`).join('\n')}\n      containers:`) : yaml;
  });
  const objects = objectsFromTexts([['apps.yaml', texts.join('---\n')]]);
  const plain = simulate({ objects, cluster: cluster(), explainPlacements: true });
  const bulk = simulate({ objects, cluster: cluster(), explainPlacements: false });
  assert.ok(plain.pods.length > 200 && plain.pods.every((p) => p.node !== null), 'every pod placed');
  assert.ok(new Set(plain.pods.map((p) => p.node)).size > 80, 'the workload spreads');
  assert.ok(plain.pods.some((p) => Object.keys(p.scheduling?.scores ?? {}).some((n) => p.scheduling!.scores[n]!.TaintToleration !== 100)), 'TaintToleration scored nodes differently for some pods');
  assert.deepEqual(withoutExplanations(bulk), withoutExplanations(plain));
  // without explanations, a placement reads as an empty explanation naming the node
  for (const p of bulk.pods) assert.deepEqual(p.scheduling, { filters: {}, scores: {}, totals: {}, selected: p.node });
});

/**
 * Runs pods on one node until nothing is left to do, recording for each pod (by name) what `describe` makes of
 * every write of it (undefined: not recorded).
 */
function podWrites(yaml: string, describe: (type: string, pod: Pod & KObject, now: number) => string | undefined): { sim: Simulation; writes: Map<string, string[]> } {
  const sim = new Simulation({ seed: 1, explainPlacements: false, horizon: 120 });
  sim.addCluster({ nodes: [makeNode({ name: 'n1', cpu: '4', memory: '8Gi', pods: '110' })], objects: [], nodePools: [], origin: 'test' });
  const writes = new Map<string, string[]>();
  sim.store.watch('Pod', (type, obj) => {
    const pod = obj as Pod & KObject;
    const line = describe(type, pod, sim.clock.now);
    if (line === undefined) return;
    const list = writes.get(pod.metadata.name) ?? [];
    list.push(line);
    writes.set(pod.metadata.name, list);
  });
  sim.apply(objectsFromTexts([['p.yaml', yaml]]));
  for (;;) {
    sim.settle();
    const action = sim.clock.next(120);
    if (!action) break;
    action.run();
  }
  return { sim, writes };
}

test('the kubelet writes a pod\'s status once per step: once at admission, with the status its steps built', () => {
  // two pods of one image: the second finds it present, so admission starts its container at once
  const { sim, writes } = podWrites(
    ['a', 'b'].map((n) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${n}, namespace: default }\nspec:\n  containers: [{ name: app, image: example/app:1.0, resources: { requests: { cpu: 100m, memory: 64Mi } } }]\n`).join('---\n'),
    (type, pod, now) => `${now} ${type} ${pod.spec?.nodeName ?? '-'} ${pod.status?.phase ?? '-'} ${(pod.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',')}`,
  );
  const b = writes.get('b')!;
  const admission = b.filter((w) => / MODIFIED n1 /.test(w));
  const firstAdmission = admission.findIndex((w) => w.includes('Initialized='));
  assert.ok(firstAdmission >= 0, b.join('\n'));
  assert.match(admission[firstAdmission]!, /Initialized=True/, 'the admission write already holds the initialized state (no Pending-only write before it)');
  const pod = sim.store.get<Pod & KObject>('Pod', 'default/b')!;
  assert.equal(pod.status?.phase, 'Running');
  assert.deepEqual(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  assert.equal(pod.status?.containerStatuses?.[0]?.ready, true);
});

test('with no startup or readiness probe, the first running write already says started and ready (as the status manager reports the prober verdict with the state); a readiness probe that passes later gets a write of its own', () => {
  const probe = '\n    readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 }';
  const { writes: states } = podWrites(
    [['plain', ''], ['probed', probe]].map(([n, extra]) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${n}, namespace: default }\nspec:\n  containers:\n  - name: app\n    image: example/app:1.0\n    resources: { requests: { cpu: 100m, memory: 64Mi } }${extra}\n`).join('---\n'),
    (_type, pod, now) => {
      const c = pod.status?.containerStatuses?.[0];
      return c?.state?.running ? `${now} started=${c.started} ready=${c.ready}` : undefined;
    },
  );
  const plain = states.get('plain')!;
  const probed = states.get('probed')!;
  // running, started and ready in one write: no zero-length "running, not started" status before it
  assert.deepEqual(plain.map((s) => s.replace(/^\S+ /, '')), ['started=true ready=true'], plain.join('\n'));
  // with a readiness probe: started with the running write, ready at a later probe
  assert.deepEqual(probed.map((s) => s.replace(/^\S+ /, '')), ['started=true ready=false', 'started=true ready=true'], probed.join('\n'));
  assert.ok(Number(probed[1]!.split(' ')[0]) > Number(probed[0]!.split(' ')[0]), 'ready later than started');
});
