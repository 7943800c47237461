import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintFiles } from '../../server/src/engine';
import { at, lint, rulesOf } from '../helpers/lint';

const bareDeployment = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
  spec:
    template:
      spec:
        initContainers:
          - name: migrate
            image: migrate:1
        containers:
          - name: web
            image: nginx:1.27
`;

test('a bare container gets every resource and probe finding, on its name line', () => {
  const f = lint(bareDeployment);
  for (const rule of ['missing-cpu-request', 'missing-memory-request', 'missing-memory-limit', 'missing-cpu-limit', 'missing-liveness-probe', 'missing-readiness-probe']) {
    assert.ok(at(f, rule).includes('13:11'), `${rule} on the web container's name: ${JSON.stringify(at(f, rule))}`);
  }
});

test('init containers get resource findings but no probe findings', () => {
  const f = lint(bareDeployment);
  assert.deepEqual(at(f, 'missing-cpu-request'), ['10:11', '13:11']);
  assert.deepEqual(at(f, 'missing-liveness-probe'), ['13:11']);
  assert.deepEqual(at(f, 'missing-readiness-probe'), ['13:11']);
});

test('missing-cpu-limit is info, the others warnings', () => {
  const f = lint(bareDeployment);
  assert.equal(f.find((x) => x.rule === 'missing-cpu-limit')!.severity, 'info');
  assert.equal(f.find((x) => x.rule === 'missing-memory-limit')!.severity, 'warning');
});

test('a fully specified container has no resource or probe findings', () => {
  const f = lint(`
    apiVersion: v1
    kind: Pod
    metadata:
      name: ok
      namespace: shop
    spec:
      containers:
        - name: app
          image: app:1.0.0
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 64Mi }
          livenessProbe: { tcpSocket: { port: 80 } }
          readinessProbe: { tcpSocket: { port: 80 } }
  `);
  assert.deepEqual(rulesOf(f).filter((r) => /^missing-.*(request|limit|probe)$/.test(r)), []);
});

test('a limit without a request counts as a request (Kubernetes defaults one to the other)', () => {
  const f = lint(`
    apiVersion: v1
    kind: Pod
    metadata: { name: p, namespace: x }
    spec:
      containers:
        - name: app
          image: app:1
          resources:
            limits: { cpu: 200m, memory: 64Mi }
  `);
  assert.deepEqual(rulesOf(f).filter((r) => r.startsWith('missing-') && r.endsWith('request')), []);
});

test('a resources block without requests is marked at its resources key', () => {
  const f = lint(`
    apiVersion: v1
    kind: Pod
    metadata: { name: p, namespace: x }
    spec:
      containers:
        - name: app
          image: app:1
          resources:
            limits: { memory: 64Mi }
  `);
  assert.deepEqual(at(f, 'missing-cpu-request'), ['8:7']);
  assert.deepEqual(at(f, 'missing-cpu-limit'), ['9:9']);
});

test('Jobs and CronJobs get no probe findings', () => {
  const job = lint(`
    apiVersion: batch/v1
    kind: CronJob
    metadata: { name: c, namespace: x }
    spec:
      schedule: "* * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - name: run
                  image: run:1
  `);
  assert.deepEqual(rulesOf(job).filter((r) => r.includes('probe')), []);
  assert.ok(rulesOf(job).includes('missing-cpu-request'));
});

test('default-namespace: missing namespace marks the name, explicit default marks the namespace', () => {
  const none = lint(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
  `);
  assert.deepEqual(at(none, 'default-namespace'), ['4:3']);
  const explicit = lint(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: default
  `);
  assert.deepEqual(at(explicit, 'default-namespace'), ['5:3']);
});

test('default-namespace ignores cluster-scoped kinds and kinds it does not know', () => {
  const f = lint(`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: reader
    ---
    apiVersion: cert-manager.io/v1
    kind: ClusterIssuer
    metadata:
      name: letsencrypt
  `);
  assert.deepEqual(at(f, 'default-namespace'), []);
});

test('yaml-syntax errors are located, and the rest of the file is still linted', () => {
  const f = lint(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
      namespace: x
    data:
      k: v
       bad: indent
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: b
  `);
  const syntax = f.filter((x) => x.rule === 'yaml-syntax');
  assert.ok(syntax.length >= 1);
  assert.equal(syntax[0]!.severity, 'error');
  assert.ok(syntax[0]!.range.start.line >= 6, `syntax error located at line ${syntax[0]!.range.start.line + 1}`);
  assert.deepEqual(at(f, 'default-namespace'), ['13:3']);
});

test('YAML that is not Kubernetes gets no findings, even with syntax errors', () => {
  assert.deepEqual(lint('name: my-app\nsteps:\n  - run: echo hi\n'), []);
  assert.deepEqual(lint('on: push\njobs: [\n'), []);
});

test('a Helm template gets one info finding and nothing else', () => {
  const f = lint(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ .Release.Name }}-web
    spec:
      replicas: {{ .Values.replicas }}
  `);
  assert.deepEqual(rulesOf(f), ['templated-file']);
  assert.equal(f[0]!.severity, 'info');
  assert.deepEqual(at(f, 'templated-file'), ['4:9']);
});

test('{{ }} inside a valid manifest value (Prometheus alert text) is not a template', () => {
  const f = lint(`
    apiVersion: v1
    kind: ConfigMap
    metadata: { name: alerts, namespace: mon }
    data:
      summary: "Instance {{ $labels.instance }} down"
  `);
  assert.deepEqual(rulesOf(f), []);
});

test('duplicate-object reports both copies across files', () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  const f = lintFiles([
    ['a.yaml', cm],
    ['b.yaml', '# other\n' + cm],
  ]);
  const dups = f.filter((x) => x.rule === 'duplicate-object');
  assert.deepEqual(dups.map((d) => `${d.file}:${d.range.start.line + 1}`), ['a.yaml:4', 'b.yaml:5']);
  assert.match(dups[0]!.message, /b\.yaml:5/);
});

test('duplicate-object in a dump of 3,000 copies: each names three other places and counts the rest', () => {
  // one message listing every other copy made 3,000 copies cost 9 million locations (and minutes)
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n';
  const dups = lintFiles([['dump.yaml', Array.from({ length: 3000 }, () => cm).join('---\n')]]).filter((x) => x.rule === 'duplicate-object');
  assert.equal(dups.length, 3000);
  const at = (line: number) => dups.find((d) => d.range.start.line + 1 === line)!.message;
  assert.equal(at(4), 'ConfigMap "c" is also defined at dump.yaml:10, dump.yaml:16, dump.yaml:22 and 2,996 other places.');
  assert.equal(at(10), 'ConfigMap "c" is also defined at dump.yaml:4, dump.yaml:16, dump.yaml:22 and 2,996 other places.');
  assert.equal(at(6 * 2999 + 4), 'ConfigMap "c" is also defined at dump.yaml:4, dump.yaml:10, dump.yaml:16 and 2,996 other places.');
  const pair = lintFiles([['a.yaml', cm + '---\n' + cm]]).filter((x) => x.rule === 'duplicate-object');
  assert.deepEqual(pair.map((d) => d.message), ['ConfigMap "c" is also defined at a.yaml:10.', 'ConfigMap "c" is also defined at a.yaml:4.']);
});
