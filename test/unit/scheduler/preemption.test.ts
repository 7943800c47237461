/**
 * DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption, framework/preemption): who is evicted,
 * which node is nominated, and the PostFilter message when preemption cannot help.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodInfo, Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { makeNode, makePod, snapshotOf } from './helpers';

test('a higher-priority pod nominates a node and names the lower-priority victims; no preemption suffix', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '2', memory: '4Gi' })], [
    makePod('low', { node: 'n1', containers: [{ cpu: '1500m' }], priority: 0 }),
  ]);
  const r = new Scheduler().schedule(makePod('high', { containers: [{ cpu: '1' }], priority: 1000 }), snap);
  assert.equal(r.selected, null);
  assert.deepEqual(r.preemption, { nominatedNode: 'n1', victims: ['default/low'] });
  assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu.');
});

test('reprieve: only as many victims as needed, the least important first', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '3', memory: '4Gi' })], [
    makePod('a', { node: 'n1', containers: [{ cpu: '1' }], priority: 10 }),
    makePod('b', { node: 'n1', containers: [{ cpu: '1' }], priority: 5 }),
    makePod('c', { node: 'n1', containers: [{ cpu: '1' }], priority: 20 }),
  ]);
  const r = new Scheduler().schedule(makePod('high', { containers: [{ cpu: '1' }], priority: 100 }), snap);
  assert.deepEqual(r.preemption, { nominatedNode: 'n1', victims: ['default/b'] });
});

test('pickOneNodeForPreemption: the node whose most important victim has the lowest priority', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '1', memory: '4Gi' }), makeNode('n2', { cpu: '1', memory: '4Gi' })], [
    makePod('mid', { node: 'n1', containers: [{ cpu: '1' }], priority: 50 }),
    makePod('low', { node: 'n2', containers: [{ cpu: '1' }], priority: 10 }),
  ]);
  const r = new Scheduler().schedule(makePod('high', { containers: [{ cpu: '1' }], priority: 100 }), snap);
  assert.deepEqual(r.preemption, { nominatedNode: 'n2', victims: ['default/low'] });
});

test('preemption honours the other plugins: evicting an anti-affine pod clears the way', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };
  const snap = snapshotOf([makeNode('n1', { cpu: '4', memory: '4Gi' })], [
    makePod('blocker', { node: 'n1', labels: { app: 'db' }, priority: 0, spec: { affinity: anti } }),
  ]);
  const incoming = makePod('web', { labels: { app: 'web' }, priority: 100 });
  const r = new Scheduler().schedule(incoming, snap);
  assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
  assert.deepEqual(r.preemption, { nominatedNode: 'n1', victims: ['default/blocker'] });
});

test('when removing every lower-priority pod still does not fit, that reason is the verdict', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '2', memory: '1Gi' })], [
    makePod('low', { node: 'n1', containers: [{ cpu: '500m' }], priority: 0 }),
    makePod('peer', { node: 'n1', containers: [{ cpu: '1' }], priority: 100 }),
  ]);
  const r = new Scheduler().schedule(makePod('high', { containers: [{ cpu: '1500m' }], priority: 100 }), snap);
  assert.equal(r.preemption, undefined);
  assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.');
});

test('a pod nominated to a node holds its room against pods of lower priority, not higher (RunFilterPluginsWithNominatedPods)', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '2', memory: '4Gi' }), makeNode('n2', { cpu: '1', memory: '4Gi' })], [
    makePod('busy', { node: 'n1', containers: [{ cpu: '1' }], priority: 0 }),
  ]);
  snap.nominate(new PodInfo(makePod('waiting', { containers: [{ cpu: '1' }], priority: 100 })), 'n1');
  const low = new Scheduler().schedule(makePod('low', { containers: [{ cpu: '1' }], priority: 10 }), snap, { explain: true });
  assert.equal(low.selected, 'n2');
  assert.equal(low.filters.n1?.NodeResourcesFit, 'Insufficient cpu');
  const high = new Scheduler().schedule(makePod('high', { containers: [{ cpu: '1' }], priority: 200 }), snap, { explain: true, });
  assert.equal(high.filters.n1?.NodeResourcesFit, 'passed');
});

test('a pod with status.nominatedNodeName is placed on that node when it fits, without scoring', () => {
  const snap = snapshotOf([makeNode('n1', { cpu: '8', memory: '4Gi' }), makeNode('n2', { cpu: '2', memory: '4Gi' })], [
    makePod('busy', { node: 'n2', containers: [{ cpu: '1500m' }] }),
  ]);
  const pod = { ...makePod('p', { containers: [{ cpu: '100m' }] }), status: { nominatedNodeName: 'n2' } };
  const r = new Scheduler().schedule(pod, snap, { explain: true });
  assert.equal(r.selected, 'n2');
  assert.deepEqual(r.scores, {});
  // no longer fitting there: the usual search (n1 wins on resources)
  pod.spec!.containers[0]!.resources = { requests: { cpu: '1' } };
  assert.equal(new Scheduler().schedule(pod, snap).selected, 'n1');
});
