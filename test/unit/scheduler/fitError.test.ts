import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scheduler, fitErrorMessage } from '../../../server/src/engine/cluster/scheduler';
import { makeNode, makePod, snapshotOf } from './helpers';

const CONTROL_PLANE = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

test('FitError: histogram entries "<count> <reason>" sorted as strings, preemption suffix', () => {
  const snap = snapshotOf([
    makeNode('cp', { cpu: '4', memory: '8Gi', taints: [CONTROL_PLANE] }),
    makeNode('w1', { cpu: '2', memory: '8Gi' }),
    makeNode('w2', { cpu: '2', memory: '8Gi' }),
  ], [
    makePod('used1', { node: 'w1', containers: [{ cpu: '1' }] }),
    makePod('used2', { node: 'w2', containers: [{ cpu: '500m' }] }),
  ]);
  const r = new Scheduler().schedule(makePod('big', { containers: [{ cpu: '2' }] }), snap, { explain: true });
  assert.equal(r.selected, null);
  assert.equal(
    r.message,
    // Since kubernetes#134740 (v1.35, backported to 1.34.x) the taint is no longer named in the message.
    '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
  assert.deepEqual(r.filters.cp, {
    NodeUnschedulable: 'passed',
    TaintToleration: 'node(s) had untolerated taint(s)',
  });
  assert.deepEqual(r.details, { cp: { TaintToleration: 'untolerated taint node-role.kubernetes.io/control-plane:NoSchedule' } });
  assert.equal(r.filters.w1?.NodeResourcesFit, 'Insufficient cpu');
});

test('FitError: a node short of several resources counts once per reason', () => {
  const snap = snapshotOf(
    [makeNode('a', { cpu: '2', memory: '2Gi' }), makeNode('b', { cpu: '4', memory: '2Gi' })],
    [makePod('x', { node: 'a', containers: [{ cpu: '1', memory: '1Gi' }] }), makePod('y', { node: 'b', containers: [{ memory: '1Gi' }] })],
  );
  const r = new Scheduler().schedule(makePod('p', { containers: [{ cpu: '2', memory: '2Gi' }] }), snap);
  assert.equal(
    r.message,
    '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. ' +
      'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
  );
});

test('FitError: sorting is by string, so 10 sorts before 2 (as Go sort.Strings)', () => {
  const msg = fitErrorMessage({
    numAllNodes: 12,
    nodeReasons: [...Array(10).fill(['node(s) were unschedulable']), ['Insufficient cpu'], ['Insufficient cpu']],
  });
  assert.equal(msg, '0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu.');
});

test('FitError: unresolvable rejections are "Preemption is not helpful"; preemptionPolicy Never', () => {
  const snap = snapshotOf([
    makeNode('cordoned', { cpu: '4', memory: '8Gi', unschedulable: true }),
    makeNode('full', { cpu: '4', memory: '8Gi', pods: 0 }),
  ]);
  const r = new Scheduler().schedule(makePod('p'), snap);
  assert.equal(
    r.message,
    '0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable. ' +
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
  );
  const never = new Scheduler().schedule(makePod('p', { spec: { preemptionPolicy: 'Never' } }), snap);
  assert.equal(
    never.message,
    '0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable. preemption: not eligible due to preemptionPolicy=Never.',
  );
});

test('no nodes at all: kube-scheduler\'s "no nodes available to schedule pods"', () => {
  const r = new Scheduler().schedule(makePod('p'), snapshotOf([]));
  assert.equal(r.selected, null);
  assert.equal(r.message, 'no nodes available to schedule pods');
});

test('a request larger than the whole node is unresolvable: preemption cannot help', () => {
  const snap = snapshotOf([makeNode('small', { cpu: '1', memory: '1Gi' })]);
  const r = new Scheduler().schedule(makePod('p', { containers: [{ cpu: '2' }] }), snap);
  assert.equal(
    r.message,
    '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
});

test('spec.nodeName: NodeName PreFilter narrows to that node; the others "didn\'t satisfy plugin(s) [NodeName]"', () => {
  const snap = snapshotOf([makeNode('a', { cpu: '1', memory: '1Gi' }), makeNode('b', { cpu: '1', memory: '1Gi' }), makeNode('c', { cpu: '1', memory: '1Gi' })]);
  const ok = new Scheduler().schedule(makePod('p', { spec: { nodeName: 'b' } }), snap, { explain: true });
  assert.equal(ok.selected, 'b');
  assert.equal(ok.filters.a?.NodeName, "node(s) didn't satisfy plugin(s) [NodeName]");
  const big = new Scheduler().schedule(makePod('p', { spec: { nodeName: 'b' }, containers: [{ cpu: '2' }] }), snap);
  assert.equal(
    big.message,
    "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeName]. " +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
});
