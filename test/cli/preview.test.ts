import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKubeplan } from '../helpers/cli';
import { tempProject } from '../helpers/project';

const workspace = (files: Record<string, string>) => tempProject(files, 'kubeplan-preview-').dir;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: { cpu: 500m, memory: 256Mi }
`;

test('preview examples/ shows nodes, the Pending pod with the scheduler\'s reason, findings and key events; exit 1', () => {
  const r = runKubeplan(['preview', 'examples/']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^Preview \(apply\) on the default cluster/m);
  assert.match(r.stdout, /^ {2}worker-a +cpu [█░]{20} /m);
  assert.match(r.stdout, /^Pending \(1\)$/m);
  assert.match(r.stdout, /^ {2}shop\/api-\S+ +0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 Insufficient cpu\./m);
  assert.match(r.stdout, /^ {2}examples\/shop\.yaml:\d+:\d+: error sim-unschedulable 1 of 4 replicas stays Pending/m);
  assert.match(r.stdout, /^ {2}examples\/slow-start\.yaml:\d+:\d+: error sim-liveness-kills-startup liveness probe will kill container "reports" before it finishes starting: ready after 40 s, killed at 30 s/m);
  assert.match(r.stdout, /^ {2}shop\/web +web\.shop\.svc\.cluster\.local +3 ready$/m);
  assert.match(r.stdout, /ScalingReplicaSet: Scaled up replica set web-\S+ to 3/);
});

test('--format json is the result object with 1-based source positions', () => {
  const r = runKubeplan(['preview', '--format', 'json', 'examples/']);
  assert.equal(r.status, 1, r.stderr);
  const result = JSON.parse(r.stdout);
  for (const key of ['pods', 'nodes', 'services', 'events', 'findings', 'timeline', 'applyErrors', 'scenario', 'duration']) assert.ok(key in result, key);
  const f = result.findings.find((x: { rule: string }) => x.rule === 'sim-unschedulable');
  assert.deepEqual(Object.keys(f.source).sort(), ['column', 'endColumn', 'endLine', 'file', 'line']);
  assert.equal(f.source.file, 'examples/shop.yaml');
  const pending = result.pods.filter((p: { node: string | null }) => p.node === null);
  assert.equal(pending.length, 1);
  assert.match(pending[0].scheduling.message, /^0\/4 nodes are available/);
});

test('a manifest that runs cleanly exits 0', () => {
  const dir = workspace({ 'web.yaml': WEB });
  const r = runKubeplan(['preview', 'web.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /2 pods: 2 ready, 0 pending\. No problems found\./);
});

test('--cluster FILE builds the nodes from it; .kubeplan/cluster.yaml is the default', () => {
  const cluster = `apiVersion: v1
kind: Node
metadata:
  name: tiny
  labels: { topology.kubernetes.io/zone: z1 }
status:
  capacity: { cpu: 700m, memory: 1Gi, pods: "10" }
`;
  const dir = workspace({ 'web.yaml': WEB, 'my-cluster.yaml': cluster, '.kubeplan/cluster.yaml': cluster.replace('tiny', 'default-tiny') });
  const r = runKubeplan(['preview', '--cluster', 'my-cluster.yaml', 'web.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /on my-cluster\.yaml \(1 node\)/);
  assert.match(r.stdout, /0\/1 nodes are available: 1 Insufficient cpu\./);
  const d = runKubeplan(['preview', 'web.yaml'], { cwd: dir });
  assert.match(d.stdout, /default-tiny/);
});

test('a bad cluster file is one located line on stderr and exit 2', () => {
  const dir = workspace({
    'web.yaml': WEB,
    'bad.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  capacity:\n    cpu: lots\n    memory: 1Gi\n',
    'syntax.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: [n1\n',
    'wrong-kind.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
  });
  const cases: [string, RegExp][] = [
    ['bad.yaml', /^kubeplan: bad\.yaml:7:10: status\.capacity\.cpu: "lots" is not a positive quantity/],
    ['syntax.yaml', /^kubeplan: syntax\.yaml:\d+:\d+: YAML syntax error: /],
    ['wrong-kind.yaml', /^kubeplan: wrong-kind\.yaml:2:7: kind Deployment does not belong in a cluster file/],
    ['missing.yaml', /^kubeplan: cannot read cluster file missing\.yaml: no such file or directory\n?$/],
  ];
  for (const [file, pattern] of cases) {
    const r = runKubeplan(['preview', '--cluster', file, 'web.yaml'], { cwd: dir });
    assert.equal(r.status, 2, `${file}: ${r.stdout}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
  }
});

test('usage errors exit 2', () => {
  for (const args of [['preview', '--scenario', 'meteor', 'examples/'], ['preview', '--format', 'sarif', 'examples/'], ['preview', '--fail-node', 'x', 'examples/'], ['preview', '--at', 'soon', '--scenario', 'node-failure', 'examples/']]) {
    const r = runKubeplan(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^kubeplan: /);
  }
});

test('--scenario node-failure --fail-node --at shows NotReady and the evictions', () => {
  const dir = workspace({ 'web.yaml': WEB });
  const r = runKubeplan(['preview', '--scenario', 'node-failure', '--fail-node', 'worker-a', '--at', '30', '--format', 'json', 'web.yaml'], { cwd: dir });
  const result = JSON.parse(r.stdout);
  assert.equal(result.scenario, 'node-failure');
  const notReady = result.events.find((e: { reason: string; object: string }) => e.reason === 'NodeNotReady' && e.object === 'Node/worker-a');
  assert.equal(notReady.time, 85);
});

test('--scenario node-failure --fail-node without --at, with a crash loop that never settles: the node fails at 120 s and is NotReady at the end', () => {
  const crash = WEB.replace(/name: web\b/g, 'name: crash').replace(/app: web/g, 'app: crash').replace('    metadata:\n      labels: { app: crash }', '    metadata:\n      labels: { app: crash }\n      annotations: { sim.kubeplan.dev/exit-after-seconds: "20" }');
  assert.match(crash, /labels: \{ app: crash \}\n      annotations/);
  const dir = workspace({ 'web.yaml': WEB, 'crash.yaml': crash });
  const r = runKubeplan(['preview', '--scenario', 'node-failure', '--fail-node', 'worker-a', '--format', 'json', '.'], { cwd: dir });
  const result = JSON.parse(r.stdout) as { events: { reason: string; object: string; time: number }[]; nodes: { name: string; ready: boolean }[]; findings: { rule: string }[] };
  const node = result.events.filter((e) => e.object === 'Node/worker-a').map((e) => `${e.time} ${e.reason}`);
  assert.deepEqual(node, ['120 SimulatedFailure', '175 NodeNotReady']);
  assert.equal(result.nodes.find((n) => n.name === 'worker-a')!.ready, false);
  assert.ok(result.findings.some((f) => f.rule === 'sim-crash-loop'), 'the crash loop is there');
});
