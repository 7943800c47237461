import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import { DEFAULT_MAX_PODS, simulate } from '../../../server/src/engine/cluster/simulate';

// The simulator runs on every pause in typing, on whatever the manifest says: a count that no
// real cluster would hold must end in a finding, not in a frozen editor or an exhausted heap.

const deployment = (replicas: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n`;

const run = (text: string, maxPods?: number) => simulate({ objects: objectsFromTexts([['a.yaml', text]]), budget: { maxEvents: 50_000, ...(maxPods ? { maxPods } : {}) } });

test('replicas: 1000000000 stops at the pod limit with a finding that says so (it used to run until the heap was gone)', () => {
  const r = run(deployment('1000000000'), 2_000);
  assert.equal(r.pods.length, 2_000);
  const budget = r.findings.filter((f) => f.rule === 'sim-budget-exceeded');
  assert.deepEqual(budget.map((f) => f.message), ['the workloads ask for more pods than the simulation holds (2,000); pods beyond that were not created']);
});

test('the default pod limit is the documented one', () => {
  assert.equal(DEFAULT_MAX_PODS, 10_000);
});

test('every absurd replica count terminates with a bounded number of pods', () => {
  for (const replicas of ['2147483647', '1e308', '.inf', '.nan', '-5', '2.5', '"3"', '[]', '{}', 'null']) {
    const r = run(deployment(replicas), 500);
    assert.ok(r.pods.length <= 500, `${replicas}: ${r.pods.length} pods`);
  }
});

test('a Job asking for a billion parallel pods and a StatefulSet asking for a billion replicas are bounded too', () => {
  const job = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 1000000000\n  completions: 1000000000\n  template:\n    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}\n`;
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  replicas: 1000000000\n  podManagementPolicy: Parallel\n  serviceName: s\n  selector: {matchLabels: {app: s}}\n  template:\n    metadata: {labels: {app: s}}\n    spec: {containers: [{name: c, image: nginx}]}\n`;
  for (const text of [job, sts]) {
    const r = run(text, 500);
    assert.ok(r.pods.length <= 500, `${r.pods.length} pods`);
    assert.ok(r.findings.some((f) => f.rule === 'sim-budget-exceeded'));
  }
});
