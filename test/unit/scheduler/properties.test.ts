/**
 * Properties over random clusters and workloads (fast-check):
 * - every placement satisfies, checked independently of the plugins: resources, pod count, cordon,
 *   taints, nodeSelector, host ports, required anti-affinity and hard topology spread;
 * - requests on a node never exceed its allocatable;
 * - scheduling is deterministic for a seed;
 * - the fast path, the explain path and a from-scratch reference (fresh snapshot each decision, no caches)
 *   make identical decisions with identical messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo, Scheduler } from '../../../server/src/engine/cluster/scheduler';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

interface NodeSpec {
  cpu: number;
  memGi: number;
  pods: number;
  zone: number | null;
  taint: { value: string; effect: string } | null;
  cordoned: boolean;
}
interface PodSpecGen {
  cpuMilli: number | null;
  memMi: number | null;
  app: number;
  tolerate: string | null;
  zoneSelector: number | null;
  spread: { key: 'zone' | 'host'; maxSkew: number } | null;
  antiAffinity: boolean;
  hostPort: boolean;
  preferAway: boolean;
}

const nodeArbFixed: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memGi: fc.integer({ min: 1, max: 16 }),
  pods: fc.integer({ min: 1, max: 12 }),
  zone: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 6 }),
  taint: fc.option(fc.record({ value: fc.constantFrom('a', 'b'), effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute') }), { freq: 3 }),
  // About one node in ten is cordoned.
  cordoned: fc.integer({ min: 0, max: 9 }).map((r) => r === 0),
});

const podArb: fc.Arbitrary<PodSpecGen> = fc.record({
  cpuMilli: fc.option(fc.constantFrom(0, 100, 250, 500, 1000, 2000), { freq: 4 }),
  memMi: fc.option(fc.constantFrom(0, 128, 256, 1024, 4096), { freq: 4 }),
  app: fc.integer({ min: 0, max: 3 }),
  tolerate: fc.option(fc.constantFrom('a', 'b'), { freq: 3 }),
  zoneSelector: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 5 }),
  spread: fc.option(fc.record({ key: fc.constantFrom('zone' as const, 'host' as const), maxSkew: fc.integer({ min: 1, max: 2 }) }), { freq: 3 }),
  antiAffinity: fc.boolean(),
  hostPort: fc.boolean(),
  preferAway: fc.boolean(),
});

function makeNodes(specs: NodeSpec[]): Node[] {
  return specs.map((s, i) => {
    const name = `n${i}`;
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
    if (s.zone !== null) labels['topology.kubernetes.io/zone'] = `z${s.zone}`;
    const taints: Taint[] = s.taint ? [{ key: 'dedicated', value: s.taint.value, effect: s.taint.effect }] : [];
    return {
      metadata: { name, labels },
      spec: { taints, unschedulable: s.cordoned },
      status: { allocatable: { cpu: String(s.cpu), memory: `${s.memGi}Gi`, pods: String(s.pods) } },
    };
  });
}

function makePods(specs: PodSpecGen[]): Pod[] {
  return specs.map((s, i) => {
    const app = `app${s.app}`;
    const requests: Record<string, string> = {};
    if (s.cpuMilli !== null) requests.cpu = `${s.cpuMilli}m`;
    if (s.memMi !== null) requests.memory = `${s.memMi}Mi`;
    const tolerations: Toleration[] = s.tolerate ? [{ key: 'dedicated', operator: 'Equal', value: s.tolerate }] : [];
    const selector = { matchLabels: { app } };
    return {
      metadata: { name: `p${i}`, namespace: 'default', labels: { app } },
      spec: {
        containers: [{ name: 'c', image: 'x', resources: { requests }, ports: s.hostPort ? [{ containerPort: 80, hostPort: 8080 }] : [] }],
        tolerations,
        nodeSelector: s.zoneSelector !== null ? { 'topology.kubernetes.io/zone': `z${s.zoneSelector}` } : undefined,
        topologySpreadConstraints: s.spread
          ? [{ maxSkew: s.spread.maxSkew, whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector,
            topologyKey: s.spread.key === 'zone' ? 'topology.kubernetes.io/zone' : 'kubernetes.io/hostname' }]
          : undefined,
        affinity: s.antiAffinity || s.preferAway
          ? {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: s.antiAffinity ? [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }] : undefined,
              preferredDuringSchedulingIgnoredDuringExecution: s.preferAway
                ? [{ weight: 10, podAffinityTerm: { labelSelector: selector, topologyKey: 'topology.kubernetes.io/zone' } }] : undefined,
            },
          }
          : undefined,
      },
    };
  });
}

const bound = (p: Pod, node: string): Pod => ({ ...p, spec: { ...p.spec!, nodeName: node } });

interface Run {
  placements: (string | null)[];
  messages: (string | undefined)[];
  totals: Record<string, number>[];
}

function runIncremental(nodes: Node[], pods: Pod[], seed: number, explain: boolean): Run {
  const snap = new ClusterSnapshot();
  nodes.forEach((n) => snap.addNode(n));
  const s = new Scheduler({ seed });
  const out: Run = { placements: [], messages: [], totals: [] };
  for (const p of pods) {
    const r = s.schedule(p, snap, { explain });
    out.placements.push(r.selected);
    out.messages.push(r.message);
    out.totals.push(r.totals);
    if (r.selected) snap.addPod(bound(p, r.selected));
  }
  return out;
}

/** The reference: a brand-new snapshot for every decision, caches off. */
function runFromScratch(nodes: Node[], pods: Pod[], seed: number): Run {
  const s = new Scheduler({ seed });
  const placed: Pod[] = [];
  const out: Run = { placements: [], messages: [], totals: [] };
  for (const p of pods) {
    const snap = new ClusterSnapshot();
    snap.useMemo = false;
    nodes.forEach((n) => snap.addNode(n));
    placed.forEach((q) => snap.addPod(q));
    const r = s.schedule(p, snap, { explain: true });
    out.placements.push(r.selected);
    out.messages.push(r.message);
    out.totals.push(r.totals);
    if (r.selected) placed.push(bound(p, r.selected));
  }
  return out;
}

const clusterArb = fc.record({
  nodes: fc.array(nodeArbFixed, { minLength: 1, maxLength: 10 }),
  pods: fc.array(podArb, { minLength: 1, maxLength: 30 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});

test('property: every placement passes independent checks; requests never exceed allocatable', () => {
  fc.assert(
    fc.property(clusterArb, ({ nodes: nodeSpecs, pods: podSpecs, seed }) => {
      const nodes = makeNodes(nodeSpecs);
      const pods = makePods(podSpecs);
      const snap = new ClusterSnapshot();
      nodes.forEach((n) => snap.addNode(n));
      const s = new Scheduler({ seed });
      const onNode = new Map<string, { pod: Pod; spec: PodSpecGen }[]>(nodes.map((n) => [n.metadata!.name!, []]));
      pods.forEach((p, i) => {
        const spec = podSpecs[i]!;
        const r = s.schedule(p, snap);
        if (!r.selected) {
          assert.match(r.message ?? '', new RegExp(`^0/${nodes.length} nodes are available: `));
          return;
        }
        const nodeIndex = Number(r.selected.slice(1));
        const node = nodeSpecs[nodeIndex]!;
        const here = onNode.get(r.selected)!;
        const info = new PodInfo(p);
        // Resources and pod count.
        const cpuUsed = here.reduce((a, q) => a + new PodInfo(q.pod).requests.cpu, 0);
        const memUsed = here.reduce((a, q) => a + new PodInfo(q.pod).requests.memory, 0);
        if (info.requests.cpu > 0) assert.ok(cpuUsed + info.requests.cpu <= node.cpu * 1000, 'cpu fits');
        if (info.requests.memory > 0) assert.ok(memUsed + info.requests.memory <= node.memGi * 2 ** 30, 'memory fits');
        assert.ok(here.length + 1 <= node.pods, 'pod count fits');
        // Cordon, taints, selector.
        assert.ok(!node.cordoned, 'not cordoned');
        if (node.taint && node.taint.effect !== 'PreferNoSchedule') assert.equal(spec.tolerate, node.taint.value, 'taint tolerated');
        if (spec.zoneSelector !== null) assert.equal(node.zone, spec.zoneSelector, 'nodeSelector');
        // Host ports.
        if (spec.hostPort) assert.ok(!here.some((q) => q.spec.hostPort), 'host port free');
        // Required anti-affinity, both ways (hostname, same app).
        if (spec.antiAffinity) assert.ok(!here.some((q) => q.spec.app === spec.app), 'own anti-affinity');
        assert.ok(!here.some((q) => q.spec.antiAffinity && q.spec.app === spec.app), "existing pods' anti-affinity");
        // Hard spread: the chosen domain's count + 1 − the global minimum ≤ maxSkew (over eligible nodes).
        if (spec.spread) {
          const keyOf = (i: number) => (spec.spread!.key === 'host' ? `n${i}` : nodeSpecs[i]!.zone === null ? null : `z${nodeSpecs[i]!.zone}`);
          const counts = new Map<string, number>();
          nodeSpecs.forEach((ns, i) => {
            const k = keyOf(i);
            if (k === null) return;
            if (spec.zoneSelector !== null && ns.zone !== spec.zoneSelector) return; // nodeAffinityPolicy Honor
            const n = onNode.get(`n${i}`)!.filter((q) => q.spec.app === spec.app).length;
            counts.set(k, (counts.get(k) ?? 0) + n);
          });
          const min = Math.min(...counts.values());
          const chosen = keyOf(nodeIndex);
          assert.notEqual(chosen, null, 'has the topology key');
          assert.ok((counts.get(chosen!) ?? 0) + 1 - min <= spec.spread.maxSkew, 'maxSkew respected');
        }
        here.push({ pod: p, spec });
        snap.addPod(bound(p, r.selected));
      });
      // Requests never exceed allocatable.
      for (const ni of snap.nodeInfos()) {
        assert.ok(ni.requested.cpu <= ni.allocatable.cpu && ni.requested.memory <= ni.allocatable.memory && ni.pods.length <= ni.allocatable.pods);
      }
    }),
    { numRuns: RUNS },
  );
});

test('property: deterministic for a seed; fast path = explain path = from-scratch reference', () => {
  fc.assert(
    fc.property(clusterArb, ({ nodes: nodeSpecs, pods: podSpecs, seed }) => {
      const nodes = makeNodes(nodeSpecs);
      const pods = makePods(podSpecs);
      const fast = runIncremental(nodes, pods, seed, false);
      const again = runIncremental(nodes, pods, seed, false);
      const explained = runIncremental(nodes, pods, seed, true);
      const reference = runFromScratch(nodes, pods, seed);
      assert.deepEqual(again.placements, fast.placements, 'same seed, same placements');
      assert.deepEqual(explained.placements, fast.placements, 'explain path');
      assert.deepEqual(explained.messages, fast.messages);
      assert.deepEqual(reference.placements, fast.placements, 'from-scratch reference');
      assert.deepEqual(reference.messages, fast.messages);
      assert.deepEqual(reference.totals, explained.totals, 'same weighted totals');
    }),
    { numRuns: RUNS },
  );
});

test('reference equivalence at scale: 150 nodes (sampled), 300 pods (sampling, spreading, default constraints)', () => {
  const nodes = Array.from({ length: 150 }, (_, i) => makeNodes([{ cpu: 4, memGi: 8, pods: 20, zone: i % 3, taint: null, cordoned: false }])[0]!)
    .map((n, i) => ({ ...n, metadata: { ...n.metadata, name: `n${i}`, labels: { ...n.metadata!.labels, 'kubernetes.io/hostname': `n${i}` } } }));
  const pods = makePods(Array.from({ length: 300 }, (_, i) => ({
    cpuMilli: [100, 250, 500][i % 3]!, memMi: [128, 256][i % 2]!, app: i % 4, tolerate: null, zoneSelector: null,
    spread: i % 5 === 0 ? { key: 'zone' as const, maxSkew: 1 } : null, antiAffinity: false, hostPort: false, preferAway: i % 7 === 0,
  })));
  const fast = runIncremental(nodes, pods, 7, false);
  const reference = runFromScratch(nodes, pods, 7);
  assert.deepEqual(reference.placements, fast.placements);
  assert.ok(fast.placements.every((p) => p !== null));
});
