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

test('a value of the wrong JSON type is refused at decoding, as the API server does, before any controller sees it', () => {
  const r = run(deployment('"3"'));
  assert.equal(r.pods.length, 0);
  assert.deepEqual(
    r.applyErrors.map((e) => [e.object, e.message, e.source?.file, e.source?.range?.start.line]),
    [['Deployment/web', 'Deployment in version "v1" cannot be handled as a Deployment: "replicas" must be an integer, not the string "3". Remove the quotes.', 'a.yaml', 4]],
  );
  // fields a controller reads as structs or lists, and an int32 out of range
  const spec = (body: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${body}`;
  for (const text of [
    spec('  selector: {matchLabels: {app: web}}\n  template: ""\n'),
    spec('  selector: []\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n'),
    spec('  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: {name: c}}\n'),
    deployment('99999999999'),
  ]) {
    const r2 = run(text);
    assert.match(r2.applyErrors[0]?.message ?? '', /^Deployment in version "v1" cannot be handled as a Deployment: /, text);
    assert.equal(r2.pods.length, 0);
  }
});

test('a rollout over a Deployment of an unknown version without containers does not crash', () => {
  const text = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template:\n    spec: {}\n';
  const r = simulate({ objects: objectsFromTexts([['a.yaml', text]]), scenario: { kind: 'rollout', image: 'x:2' } });
  assert.ok(Array.isArray(r.findings));
});

test('the wrong types are refused under any apiVersion the simulator still runs the kind for (found by npm run fuzz)', () => {
  for (const apiVersion of ['""', 'v1', 'extensions/v1beta1', 'nonsense/v9']) {
    const text = `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template: 0\n`;
    const r = run(text);
    assert.match(r.applyErrors[0]?.message ?? '', /cannot be handled as a Deployment: "template" must be an object/, apiVersion);
  }
});

test('a null list item (containers: [null]) is refused instead of crashing the pod defaults (found by npm run fuzz)', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template:\n    spec:\n      containers:\n        - null\n';
  const r = run(text);
  assert.deepEqual(r.applyErrors.map((e) => e.message), ['Deployment "old" is invalid: spec.template.spec.containers[0] is empty (null); remove the item or fill it in.']);
});
