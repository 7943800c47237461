import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';
import { tempProject, WEB_DEPLOYMENT as DEPLOYMENT } from '../helpers/project';

const project = (files: Record<string, string>) => tempProject(files, 'kubeplan-config-').dir;

const rulesOf = (stdout: string) => [...stdout.matchAll(/^\S+:\d+:\d+: \w+ (\S+) /gm)].map((m) => m[1]!);

test('the nearest .kubeplan.yaml applies: severities, rules off, excludes', () => {
  const dir = project({
    '.kubeplan.yaml': 'rules:\n  missing-cpu-limit: off\n  missing-cpu-request: error\nexclude: [vendor/**]\n',
    'app/web.yaml': DEPLOYMENT,
    'vendor/thing.yaml': DEPLOYMENT.replace('name: web\n  namespace', 'name: thing\n  namespace'),
  });
  const r = runKubeplan(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 1, 'missing-cpu-request is now an error');
  assert.equal(r.stderr, '');
  assert.ok(!rulesOf(r.stdout).includes('missing-cpu-limit'));
  assert.match(r.stdout, /^app\/web\.yaml:14:\d+: error missing-cpu-request /m);
  assert.doesNotMatch(r.stdout, /vendor\//);
  // Found from the linted path too, when run from elsewhere.
  const fromAbove = runKubeplan(['lint', join(dir, 'app')], { cwd: tmpdir() });
  assert.equal(fromAbove.status, 1);
  assert.ok(!rulesOf(fromAbove.stdout).includes('missing-cpu-limit'));
});

test('--config FILE overrides discovery and applies to every linted file', () => {
  const dir = project({ '.kubeplan.yaml': 'rules: {missing-cpu-limit: error}\n', 'ci/strict.yaml': 'rules:\n  missing-cpu-request: off\n  missing-memory-request: off\n', 'web.yaml': DEPLOYMENT });
  const r = runKubeplan(['lint', '--config', 'ci/strict.yaml', 'web.yaml'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const rules = rulesOf(r.stdout);
  assert.ok(!rules.includes('missing-cpu-request') && !rules.includes('missing-memory-request'));
  assert.ok(rules.includes('missing-cpu-limit'), 'the discovered config is not used');
  const missing = runKubeplan(['lint', '--config', 'nope.yaml', 'web.yaml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'kubeplan: cannot read config nope.yaml: no such file\n');
});

test('an invalid config exits 2 with one file:line:col line per error, and no stack trace', () => {
  const dir = project({ '.kubeplan.yaml': 'rulez:\n  missing-cpu-limit: off\nexclude: 3\n', 'web.yaml': DEPLOYMENT });
  const r = runKubeplan(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(r.stderr.trimEnd().split('\n'), [
    '.kubeplan.yaml:1:1: error: Unknown setting "rulez" (did you mean "rules"?); expected one of: rules, exclude, external, suppress, kubernetesVersion.',
    '.kubeplan.yaml:3:10: error: "exclude" must be a list of strings.',
  ]);
  const syntax = project({ '.kubeplan.yaml': 'rules: [a\n', 'web.yaml': DEPLOYMENT });
  const s = runKubeplan(['lint', '.'], { cwd: syntax });
  assert.equal(s.status, 2);
  assert.match(s.stderr, /^\.kubeplan\.yaml:\d+:\d+: error: /);
  assert.doesNotMatch(s.stderr, /\bat .*\.js:\d+/);
});

test('config warnings (unknown rule ids) are printed but do not stop the run', () => {
  const dir = project({ '.kubeplan.yaml': 'rules:\n  missing-cpu-limt: off\n', 'web.yaml': DEPLOYMENT });
  const r = runKubeplan(['lint', '.'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '.kubeplan.yaml:2:3: warning: Unknown rule "missing-cpu-limt" (did you mean "missing-cpu-limit"?); it is ignored.\n');
});

test('unused suppress entries are reported on the config file when its whole folder is linted', () => {
  const dir = project({
    '.kubeplan.yaml': 'suppress:\n  - rules: [missing-cpu-limit]\n    kind: StatefulSet\n  - rules: [missing-memory-limit]\n    name: web\n',
    'app/web.yaml': DEPLOYMENT,
  });
  const all = runKubeplan(['lint', '.'], { cwd: dir });
  assert.match(all.stdout, /^\.kubeplan\.yaml:2:13: info unused-suppression Suppression of "missing-cpu-limit" for kind StatefulSet suppresses nothing in the workspace\.$/m);
  assert.ok(!rulesOf(all.stdout).includes('missing-memory-limit'));
  assert.doesNotMatch(all.stdout, /"missing-memory-limit"/, 'the used entry is not reported');
  const part = runKubeplan(['lint', 'app'], { cwd: dir });
  assert.doesNotMatch(part.stdout, /unused-suppression/, 'a partial run cannot tell');
});

test('the config file itself is not linted as a manifest', () => {
  const dir = project({ '.kubeplan.yaml': 'rules: {}\n', 'web.yaml': DEPLOYMENT });
  const r = runKubeplan(['lint', '--format', 'json', '.'], { cwd: dir });
  const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file));
  assert.deepEqual([...files], ['web.yaml']);
});

test('the target Kubernetes version comes from --kubernetes-version, else .kubeplan.yaml', () => {
  const pdb = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: { app: web }\n';
  const dir = project({ '.kubeplan.yaml': 'kubernetesVersion: "1.22"\n', 'pdb.yaml': pdb });
  const fromConfig = runKubeplan(['lint', '.'], { cwd: dir });
  assert.match(fromConfig.stdout, /warning deprecated-api policy\/v1beta1 PodDisruptionBudget is deprecated since Kubernetes 1\.21 and removed in 1\.25/);
  const fromFlag = runKubeplan(['lint', '--kubernetes-version', 'v1.29', '.'], { cwd: dir });
  assert.match(fromFlag.stdout, /error deprecated-api policy\/v1beta1 PodDisruptionBudget was removed in Kubernetes 1\.25 \(target 1\.29\)/);
  const bad = runKubeplan(['lint', '--kubernetes-version', 'latest', '.'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'kubeplan: invalid --kubernetes-version "latest" (expected a minor version such as 1.31)\n');
});

test('kubeplan preview applies suppressions and severities to sim- findings too', () => {
  const job = (annotations: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\n  namespace: shop${annotations}\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: report\n          image: ghcr.io/example/report:1.0.0\n          resources:\n            requests: { cpu: "64", memory: 1Gi }\n            limits: { memory: 1Gi }\n`;
  const simRules = (dir: string) => (JSON.parse(runKubeplan(['preview', '--format', 'json', 'job.yaml'], { cwd: dir }).stdout) as { findings: { rule: string; severity: string }[] }).findings;
  const plain = simRules(project({ 'job.yaml': job('') }));
  assert.ok(plain.some((f) => f.rule === 'sim-unschedulable' && f.severity === 'error'), JSON.stringify(plain));
  const suppressed = simRules(project({ 'job.yaml': job('\n  annotations:\n    kubeplan.dev/ignore: sim-unschedulable') }));
  assert.ok(!suppressed.some((f) => f.rule === 'sim-unschedulable'), JSON.stringify(suppressed));
  const quieter = simRules(project({ 'job.yaml': job(''), '.kubeplan.yaml': 'rules:\n  sim-unschedulable: info\n' }));
  assert.ok(quieter.some((f) => f.rule === 'sim-unschedulable' && f.severity === 'info'));
});
