/**
 * NodeResourcesFit and BalancedAllocation keep each node's score per pod shape while the node stays the same
 * (SlotScores: same NodeInfo, same generation). Property: after any sequence of pods placed and removed, nodes
 * resized, removed and added (a new node can take a removed node's slot), the scores the bulk path adds are the
 * ones worked out from scratch for every node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { NodeResourcesFit, leastAllocatedScore } from '../../../server/src/engine/cluster/scheduler/plugins/noderesources/fit';
import { NodeResourcesBalancedAllocation, balancedAllocationScore } from '../../../server/src/engine/cluster/scheduler/plugins/noderesources/balancedAllocation';
import type { NodeInfo } from '../../../server/src/engine/cluster/scheduler/framework/nodeInfo';
import { makeNode, makePod } from './helpers';

const NAMES = ['n0', 'n1', 'n2', 'n3'];
const SIZES = [{ cpu: '4', memory: '8Gi' }, { cpu: '8', memory: '16Gi' }, { cpu: '2', memory: '32Gi' }];
const SHAPES = [{ cpu: '500m', memory: '1Gi' }, { cpu: '250m', memory: '3Gi' }, {}];

type Op =
  | { kind: 'place'; pod: number; node: number; shape: number }
  | { kind: 'remove'; pod: number }
  | { kind: 'resize'; node: number; size: number }
  | { kind: 'replace'; node: number; size: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('place' as const), pod: fc.nat(15), node: fc.nat(NAMES.length - 1), shape: fc.nat(SHAPES.length - 1) }) },
  fc.record({ kind: fc.constant('remove' as const), pod: fc.nat(15) }),
  fc.record({ kind: fc.constant('resize' as const), node: fc.nat(NAMES.length - 1), size: fc.nat(SIZES.length - 1) }),
  fc.record({ kind: fc.constant('replace' as const), node: fc.nat(NAMES.length - 1), size: fc.nat(SIZES.length - 1) }),
);

/** What the bulk path adds for every node, next to each node's score worked out directly. */
function both(snapshot: ClusterSnapshot, shape: number): { bulk: number[]; direct: number[] } {
  const info = new PodInfo(makePod(`probe-${shape}`, { containers: [SHAPES[shape]!] }));
  const nodes: readonly NodeInfo[] = snapshot.nodeInfos();
  const totals = new Float64Array(nodes.length);
  NodeResourcesFit.cycle(info, snapshot).addScores!(nodes, totals, 1);
  NodeResourcesBalancedAllocation.cycle(info, snapshot).addScores!(nodes, totals, 10_000);
  return { bulk: [...totals], direct: nodes.map((n) => leastAllocatedScore(info, n) + 10_000 * balancedAllocationScore(info, n)) };
}

test('kept resource scores equal scores worked out afresh, through placements, removals, resizes and replaced nodes', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
      const snapshot = new ClusterSnapshot();
      for (const name of NAMES) snapshot.addNode(makeNode(name, SIZES[0]));
      const placed = new Map<number, string>();
      for (const o of ops) {
        if (o.kind === 'place' && !placed.has(o.pod)) {
          const pod = makePod(`p${o.pod}`, { node: NAMES[o.node], containers: [SHAPES[o.shape]!] });
          if (snapshot.addPod(pod)) placed.set(o.pod, `default/p${o.pod}`);
        } else if (o.kind === 'remove' && placed.has(o.pod)) {
          snapshot.removePodByKey(placed.get(o.pod)!);
          placed.delete(o.pod);
        } else if (o.kind === 'resize') snapshot.updateNode(makeNode(NAMES[o.node]!, SIZES[o.size]));
        else if (o.kind === 'replace') {
          // the node goes with its pods, and a new one of that name comes (it may get the freed slot)
          snapshot.removeNode(NAMES[o.node]!);
          for (const [k, key] of placed) if (snapshot.nodeOf(key) === undefined) placed.delete(k);
          snapshot.addNode(makeNode(NAMES[o.node]!, SIZES[o.size]));
        }
        for (let shape = 0; shape < SHAPES.length; shape++) {
          const { bulk, direct } = both(snapshot, shape);
          assert.deepEqual(bulk, direct);
        }
      }
    }),
    { numRuns: 200 },
  );
});
