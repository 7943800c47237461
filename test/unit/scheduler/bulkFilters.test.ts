/**
 * The bulk path leaves out a filter that has nothing to reject in the snapshot (no unschedulable node, no
 * NoSchedule/NoExecute taint). That depends on the snapshot's counts following every node change: a node that
 * becomes unschedulable or tainted after it was added, or stops being so, must be filtered (or not) at once,
 * with and without explanations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterSnapshot, Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { makeNode, makePod } from './helpers';

const TAINT = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };

function placements(snapshot: ClusterSnapshot, explain: boolean): Set<string | null> {
  const scheduler = new Scheduler({ seed: 3 });
  const seen = new Set<string | null>();
  // enough attempts that the rotating start index visits every node many times
  for (let i = 0; i < 60; i++) seen.add(scheduler.schedule(makePod(`p-${i}`, { containers: [{ cpu: '100m' }] }), snapshot, { explain }).selected);
  return seen;
}

test('a node made unschedulable or tainted after it joined is filtered out by the bulk path too, and back in when that ends', () => {
  const snapshot = new ClusterSnapshot();
  for (const name of ['a', 'b', 'c']) snapshot.addNode(makeNode(name, { cpu: '4', memory: '8Gi' }));
  assert.deepEqual(snapshot.unschedulableNodes + snapshot.nodesWithHardTaints, 0);
  for (const explain of [false, true]) assert.deepEqual([...placements(snapshot, explain)].sort(), ['a', 'b', 'c']);

  snapshot.updateNode(makeNode('a', { cpu: '4', memory: '8Gi', unschedulable: true }));
  snapshot.updateNode(makeNode('b', { cpu: '4', memory: '8Gi', taints: [TAINT] }));
  assert.equal(snapshot.unschedulableNodes, 1);
  assert.equal(snapshot.nodesWithHardTaints, 1);
  for (const explain of [false, true]) assert.deepEqual([...placements(snapshot, explain)], ['c'], explain ? 'explained' : 'bulk');

  snapshot.updateNode(makeNode('a', { cpu: '4', memory: '8Gi' }));
  snapshot.removeNode('b');
  assert.equal(snapshot.unschedulableNodes + snapshot.nodesWithHardTaints, 0);
  for (const explain of [false, true]) assert.deepEqual([...placements(snapshot, explain)].sort(), ['a', 'c']);
});

test('an explanation still shows the skipped filters as passed', () => {
  const snapshot = new ClusterSnapshot();
  snapshot.addNode(makeNode('a', { cpu: '4', memory: '8Gi' }));
  const r = new Scheduler().schedule(makePod('p', { containers: [{ cpu: '100m' }] }), snapshot, { explain: true });
  assert.equal(r.filters.a?.NodeUnschedulable, 'passed');
  assert.equal(r.filters.a?.TaintToleration, 'passed');
});
