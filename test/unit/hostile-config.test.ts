import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/engine/config/parseConfig';
import { parseClusterFile } from '../../server/src/engine/cluster/clusterFile';
import { objectsFromTexts } from '../../server/src/engine/cluster/input';
import { simulate } from '../../server/src/engine/cluster/simulate';
import type { ClusterSpec } from '../../server/src/engine/cluster/clusterFile';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 100m}}}]}\n';
const simulateTexts = (files: Record<string, string>, o: { cluster: ClusterSpec }) => simulate({ objects: objectsFromTexts(Object.entries(files)), cluster: o.cluster, budget: { maxEvents: 50_000 } });

// .kubeplan.yaml and the cluster file are read from the workspace like manifests, so they get
// the same hostile inputs: each must end in located, plainly worded problems, fast, never a throw.

const bomb = (key: string) => 'a0: &a0 [x,x,x,x,x,x,x,x,x]\n' + Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`).join('\n') + `\n${key}: *a9\n`;
const flowDeep = (key: string) => `${key}: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
const blockDeep = (key: string) => `${key}:\n` + Array.from({ length: 1_100 }, (_, i) => ' '.repeat(i + 2) + `k${i}:`).join('\n') + ' v\n';

const config = (text: string) => parseConfig(text, '/w/.kubeplan.yaml', '/w').problems;

test('.kubeplan.yaml: 60k keys are checked for duplicates in linear time and each unknown rule is located', () => {
  const keys = Array.from({ length: 60_000 }, (_, i) => `  r${i}: off`);
  const p = config(`rules:\n${keys.join('\n')}\n  r7: warning\n`);
  assert.deepEqual(p.map((x) => x.message), ['Map keys must be unique: "r7" is repeated.']);
  assert.deepEqual(p[0]!.range.start, { line: 60_001, character: 2 });
});

test('.kubeplan.yaml over 1 MiB is one clear problem, not a slow parse', () => {
  const p = config(`rules:\n  x: "${'a'.repeat(20_000_000)}"\n`);
  assert.deepEqual(p.map((x) => [x.severity, x.message]), [['error', 'The configuration file is 19.1 MiB; configuration files over 1 MiB are not read.']]);
});

test('.kubeplan.yaml nesting and alias bombs are located problems in plain words', () => {
  const flow = config(flowDeep('rules'));
  assert.equal(flow.length, 1);
  assert.match(flow[0]!.message, /^Nesting too deep to read/);
  const block = config(blockDeep('rules'));
  assert.equal(block.length, 1);
  assert.match(block[0]!.message, /^Nesting deeper than 500 levels/);
  assert.equal(block[0]!.range.start.line, 1 + 999, 'the line whose indentation passes 1000 columns');
  const b = config(bomb('rules'));
  assert.ok(b.some((x) => /"rules" must map rule ids/.test(x.message)), JSON.stringify(b.map((x) => x.message)));
  for (const x of [...flow, ...block, ...b]) assert.doesNotMatch(x.message, /Maximum call stack|RangeError|\n/);
});

test('.kubeplan.yaml with the wrong type in every setting: one located problem each', () => {
  const p = config('rules: [1, 2]\nexclude: {a: 1}\nexternal: 7\nsuppress: "x"\nkubernetesVersion: [1]\n');
  assert.deepEqual(p.map((x) => x.range.start.line), [0, 1, 2, 3, 4]);
  assert.ok(p.every((x) => x.severity === 'error' && x.message.length < 200));
});

const cluster = (text: string) => parseClusterFile('cluster.yaml', text);

test('cluster file: alias bomb, deep nesting and a huge document are located errors, never a crash', () => {
  for (const text of [bomb('status'), flowDeep('status'), blockDeep('status'), `apiVersion: v1\nkind: Node\nmetadata: {name: n}\nstatus: {capacity: {cpu: "4", memory: 1Gi}}\nx: "${'a'.repeat(3_000_000)}"\n`]) {
    const r = cluster(text);
    assert.equal(r.cluster, undefined);
    assert.ok(r.errors.length >= 1 && r.errors.length <= 3, JSON.stringify(r.errors));
    for (const e of r.errors) {
      assert.ok(e.line >= 1 && e.column >= 1);
      assert.doesNotMatch(e.message, /Maximum call stack|RangeError|undefined/);
    }
  }
});

test('cluster file: wrong types everywhere are each reported at their line', () => {
  const r = cluster(`apiVersion: v1
kind: Node
metadata: {name: n1, labels: [a]}
spec: {taints: {key: x}}
status: {capacity: {cpu: [4], memory: {a: 1}, pods: -3}}
---
apiVersion: sim.kubeplan.dev/v1
kind: NodePool
metadata: {name: p}
spec: {minNodes: "x", maxNodes: -1, provisioningSeconds: .nan, template: 7}
---
kind: [Node]
---
- a list
`);
  assert.equal(r.cluster, undefined);
  const lines = new Set(r.errors.map((e) => e.line));
  for (const line of [5, 10, 12, 14]) assert.ok([...lines].some((l) => l === line), `an error on line ${line}: ${JSON.stringify(r.errors)}`);
});

test('cluster file: absurd capacities and pool sizes are refused or bounded, never a hang', () => {
  const r = cluster(`apiVersion: v1
kind: Node
metadata: {name: n1}
status: {capacity: {cpu: "1e400", memory: 1e400Ei, pods: "99999999999999999999"}}
---
apiVersion: sim.kubeplan.dev/v1
kind: NodePool
metadata: {name: p}
spec: {maxNodes: 1e12, template: {status: {capacity: {cpu: "4", memory: 16Gi}}}}
`);
  for (const e of r.errors) assert.ok(e.line >= 1 && e.message.length > 0);
  if (r.cluster) {
    // whatever was accepted must simulate to the end
    const result = simulateTexts({ 'a.yaml': DEPLOYMENT }, { cluster: r.cluster });
    assert.ok(result.pods.length >= 1);
  }
});
