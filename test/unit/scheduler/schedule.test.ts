import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler, numFeasibleNodesToFind } from '../../../server/src/engine/cluster/scheduler';
import { makeNode, makePod, snapshotOf } from './helpers';

test('picks the least allocated node and explains filters, normalized scores and weighted totals', () => {
  const snap = snapshotOf(
    [makeNode('busy', { cpu: '4', memory: '8Gi' }), makeNode('idle', { cpu: '4', memory: '8Gi' })],
    [makePod('x', { node: 'busy', containers: [{ cpu: '3', memory: '6Gi' }] })],
  );
  const r = new Scheduler().schedule(makePod('p', { containers: [{ cpu: '1', memory: '2Gi' }] }), snap, { explain: true });
  assert.equal(r.selected, 'idle');
  assert.equal(r.filters.busy?.NodeResourcesFit, 'passed');
  // busy: cpu (4000-4000)*100/4000 = 0, memory 0 → 0; idle: cpu 75, memory 75 → 75.
  assert.equal(r.scores.busy?.NodeResourcesFit, 0);
  assert.equal(r.scores.idle?.NodeResourcesFit, 75);
  // Balanced: both nodes have equal cpu and memory fractions → 100.
  assert.equal(r.scores.idle?.NodeResourcesBalancedAllocation, 100);
  assert.equal(r.scores.idle?.TaintToleration, 100);
  assert.equal(r.totals.idle, 3 * 100 + 1 * 75 + 1 * 100);
  assert.equal(r.totals.busy, 3 * 100 + 0 + 100);
  assert.equal(r.message, undefined);
});

test('one feasible node: chosen without scoring', () => {
  const snap = snapshotOf([makeNode('a', { cpu: '1', memory: '1Gi', unschedulable: true }), makeNode('b', { cpu: '1', memory: '1Gi' })]);
  const r = new Scheduler().schedule(makePod('p'), snap, { explain: true });
  assert.equal(r.selected, 'b');
  assert.deepEqual(r.scores, {});
  assert.deepEqual(r.totals, {});
  assert.equal(r.filters.a?.NodeUnschedulable, 'node(s) were unschedulable');
});

test('BestEffort pods skip BalancedAllocation (absent from scores)', () => {
  const snap = snapshotOf([makeNode('a', { cpu: '1', memory: '1Gi' }), makeNode('b', { cpu: '1', memory: '1Gi' })]);
  const r = new Scheduler().schedule(makePod('p'), snap, { explain: true });
  assert.ok(r.selected);
  assert.equal(r.scores.a?.NodeResourcesBalancedAllocation, undefined);
  assert.equal(typeof r.scores.a?.NodeResourcesFit, 'number');
});

test('numFeasibleNodesToFind mirrors upstream: all below 100 nodes, adaptive percentage above', () => {
  assert.equal(numFeasibleNodesToFind(50, 0), 50);
  assert.equal(numFeasibleNodesToFind(100, 0), 100, '50% of 100 is 50, floored at 100');
  assert.equal(numFeasibleNodesToFind(1000, 0), 420, '50 - 1000/125 = 42%');
  assert.equal(numFeasibleNodesToFind(5000, 0), 500, '50 - 40 = 10%');
  assert.equal(numFeasibleNodesToFind(10000, 0), 500, 'at least 5%');
  assert.equal(numFeasibleNodesToFind(1000, 100), 1000);
});

test('sampling in big clusters is reported truthfully', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`, { cpu: '4', memory: '8Gi' }));
  const r = new Scheduler().schedule(makePod('p', { containers: [{ cpu: '100m' }] }), snapshotOf(nodes), { explain: true });
  // 300 nodes → 50 - 2 = 48% → 144 nodes evaluated.
  assert.deepEqual(r.sampling, { evaluatedNodes: 144, totalNodes: 300 });
  assert.equal(Object.keys(r.filters).length, 144);
  const all = new Scheduler({ percentageOfNodesToScore: 100 }).schedule(makePod('p'), snapshotOf(nodes), { explain: true });
  assert.equal(all.sampling, undefined);
  assert.equal(Object.keys(all.filters).length, 300);
});

test('ties are broken deterministically for a seed, and differently across pods', () => {
  const nodes = Array.from({ length: 20 }, (_, i) => makeNode(`n${i}`, { cpu: '4', memory: '8Gi' }));
  const pick = (seed: number, name: string) => new Scheduler({ seed }).schedule(makePod(name), snapshotOf(nodes)).selected;
  assert.equal(pick(1, 'a'), pick(1, 'a'));
  const picks = new Set(Array.from({ length: 30 }, (_, i) => pick(1, `pod-${i}`)));
  assert.ok(picks.size > 5, `equal nodes should be spread by the tie-break, got ${[...picks]}`);
});
