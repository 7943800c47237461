/**
 * PodTopologySpread's counts are kept incrementally (counting.ts): a node whose pods changed is recounted,
 * a node whose Node object changed (labels, taints) is worked out again. Property: after any sequence of
 * pods placed, removed or marked terminating, and nodes relabelled or tainted, one long-lived snapshot with
 * its caches on gives the same filter verdicts and scores as a fresh snapshot with the caches off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { PodTopologySpread } from '../../../server/src/engine/cluster/scheduler/plugins/podtopologyspread/podTopologySpread';
import { makeNode, makePod } from './helpers';

const NODES = ['n0', 'n1', 'n2', 'n3', 'n4'];
const ZONES = ['z1', 'z2', 'z3'];
const TAINT = { key: 'dedicated', value: 'x', effect: 'NoSchedule' as const };

type Op =
  | { kind: 'place'; pod: number; node: number; app: number; ns: number }
  | { kind: 'remove'; pod: number }
  | { kind: 'terminate'; pod: number }
  | { kind: 'relabel'; node: number; zone: number; keepZone: boolean }
  | { kind: 'taint'; node: number; on: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('place' as const), pod: fc.nat(11), node: fc.nat(NODES.length - 1), app: fc.nat(1), ns: fc.nat(1) }) },
  fc.record({ kind: fc.constant('remove' as const), pod: fc.nat(11) }),
  fc.record({ kind: fc.constant('terminate' as const), pod: fc.nat(11) }),
  fc.record({ kind: fc.constant('relabel' as const), node: fc.nat(NODES.length - 1), zone: fc.nat(ZONES.length - 1), keepZone: fc.boolean() }),
  fc.record({ kind: fc.constant('taint' as const), node: fc.nat(NODES.length - 1), on: fc.boolean() }),
);

/** Incoming pods: the system defaults (through a ReplicaSet), and their own constraints honouring taints. */
function incoming(): Pod[] {
  const owned = makePod('new-owned', { labels: { app: 'a0' } });
  owned.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs-a0', uid: 'u', controller: true }];
  const own = makePod('new-own', { labels: { app: 'a1' } });
  own.spec!.topologySpreadConstraints = [
    { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a1' } }, nodeTaintsPolicy: 'Honor' },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'a1' } } },
    { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'a1' } }, nodeTaintsPolicy: 'Honor' },
  ];
  return [owned, own];
}

function verdicts(snap: ClusterSnapshot, pod: Pod): unknown {
  const cycle = PodTopologySpread.cycle(new PodInfo(pod), snap);
  const nodes = [...snap.nodeInfos()];
  const filters = nodes.map((n) => (cycle.filter ? (cycle.filter(n)?.reasons.join(',') ?? 'ok') : 'ok'));
  if (cycle.score === undefined || (cycle.preScore !== undefined && !cycle.preScore(nodes))) return { filters, scores: 'skip' };
  const s = Float64Array.from(nodes, (n) => cycle.score!(n));
  cycle.normalize?.(s);
  return { filters, scores: [...s] };
}

test('property: incrementally kept spread counts equal fresh ones after pod and node changes', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
      const nodes = new Map<string, Node>(NODES.map((n, i) => [n, makeNode(n, { cpu: '8', memory: '16Gi', labels: { zone: ZONES[i % ZONES.length]! } })]));
      const pods = new Map<number, Pod>();
      const rs = { kind: 'ReplicaSet', metadata: { name: 'rs-a0', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'a0' } } } };
      const live = new ClusterSnapshot();
      for (const n of nodes.values()) live.addNode(n);
      live.addController(rs);
      for (const o of ops) {
        switch (o.kind) {
          case 'place': {
            if (pods.has(o.pod)) break;
            const p = makePod(`p${o.pod}`, { node: NODES[o.node], namespace: o.ns ? 'other' : 'default', labels: { app: `a${o.app}` } });
            pods.set(o.pod, p);
            live.addPod(p);
            break;
          }
          case 'remove': {
            const p = pods.get(o.pod);
            if (!p) break;
            pods.delete(o.pod);
            live.removePod(p);
            break;
          }
          case 'terminate': {
            const p = pods.get(o.pod);
            if (!p || p.metadata!.deletionTimestamp) break;
            const t = { ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
            pods.set(o.pod, t);
            live.addPod(t);
            break;
          }
          case 'relabel': {
            const name = NODES[o.node]!;
            const old = nodes.get(name)!;
            const labels = { ...old.metadata!.labels };
            if (o.keepZone) labels.zone = ZONES[o.zone]!;
            else delete labels.zone;
            const n = { ...old, metadata: { ...old.metadata, labels } };
            nodes.set(name, n);
            live.updateNode(n);
            break;
          }
          case 'taint': {
            const name = NODES[o.node]!;
            const old = nodes.get(name)!;
            const n = { ...old, spec: { ...old.spec, taints: o.on ? [TAINT] : [] } };
            nodes.set(name, n);
            live.updateNode(n);
            break;
          }
        }
        const fresh = new ClusterSnapshot();
        fresh.useMemo = false;
        for (const n of nodes.values()) fresh.addNode(n);
        fresh.addController(rs);
        for (const p of pods.values()) fresh.addPod(p);
        for (const p of incoming()) assert.deepEqual(verdicts(live, p), verdicts(fresh, p), `after ${JSON.stringify(o)}`);
      }
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: 20261207 },
  );
});
