/** Malformed input (what a half-typed manifest looks like) never throws: it is unset, mismatched or reported. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, Scheduler } from '../../../server/src/engine/cluster/scheduler';
import { makeNode } from './helpers';

const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 2 }));

test('property: pods and nodes with junk in any field are scheduled or explained, never thrown on', () => {
  const fields = ['containers', 'initContainers', 'tolerations', 'affinity', 'nodeSelector', 'topologySpreadConstraints', 'overhead', 'priority', 'nodeName', 'resources'];
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...fields), junk), fc.dictionary(fc.constantFrom('taints', 'unschedulable'), junk), junk, (spec, nodeSpec, labels) => {
      const snap = new ClusterSnapshot();
      snap.addNode(makeNode('good', { cpu: '4', memory: '8Gi' }));
      snap.addNode({ metadata: { name: 'odd', labels: labels as never }, spec: nodeSpec as never, status: { allocatable: { cpu: 'lots', memory: 12 as never } } } as Node);
      const pod = { metadata: { name: 'p', labels: labels as never }, spec: spec as never } as Pod;
      const r = new Scheduler().schedule(pod, snap, { explain: true });
      assert.ok(r.selected !== null || typeof r.message === 'string');
      if (r.selected) assert.ok(snap.addPod({ ...pod, spec: { ...(pod.spec ?? { containers: [] }), nodeName: r.selected } }) !== undefined);
    }),
    { numRuns: 300 },
  );
});

test('affinity terms with junk selectors match nothing instead of throwing', () => {
  const snap = new ClusterSnapshot();
  snap.addNode(makeNode('n', { cpu: '4', memory: '8Gi' }));
  const pod: Pod = {
    metadata: { name: 'p' },
    spec: {
      containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1 core' } } }],
      affinity: {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'a', operator: 'Sometimes' }] } }] },
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Gt', values: ['many'] }] }] } },
      },
    },
  };
  const r = new Scheduler().schedule(pod, snap);
  assert.equal(r.selected, null);
  assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
});
