import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLintSettings, lintFiles, parseConfig, Workspace, type Finding } from '../../server/src/engine';
import { dedent } from '../helpers/lint';
import { KUBE_LINTER_CHECKS, KUBE_SCORE_CHECKS, POLARIS_CHECKS } from '../../server/src/engine/suppress/foreignChecks';
import { ALL_RULES } from '../../server/src/engine';

/** A Deployment with two containers and no resources/probes: each container gets the resource and probe findings. */
function deployment(opts: { annotations?: string; templateAnnotations?: string; name?: string } = {}): string {
  const meta = opts.annotations ? `\n  annotations:\n${indent(opts.annotations, 4)}` : '';
  const tmeta = opts.templateAnnotations ? `\n      annotations:\n${indent(opts.templateAnnotations, 8)}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${opts.name ?? 'web'}
  namespace: shop${meta}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }${tmeta}
    spec:
      containers:
        - name: app
          image: nginx:1.27
        - name: proxy
          image: envoy:1.30
`;
}

function indent(s: string, n: number): string {
  return dedent(s)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}

function lint(text: string, settings?: Parameters<typeof createLintSettings>[0]): Finding[] {
  return lintFiles([['/repo/web.yaml', text]], settings ? { settings: createLintSettings(settings) } : {});
}

/** `rule@container` for every finding, sorted: what is reported where. */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule}@${f.subject?.container ?? '-'}`).sort();
}

const count = (findings: readonly Finding[], rule: string, container?: string) =>
  findings.filter((f) => f.rule === rule && (container === undefined || f.subject?.container === container)).length;

test('findings know their object and container', () => {
  const f = lint(deployment()).find((x) => x.rule === 'missing-cpu-request' && x.subject?.container === 'proxy');
  assert.deepEqual(f?.subject, { kind: 'Deployment', name: 'web', namespace: 'shop', container: 'proxy' });
});

test('kubeplan.dev/ignore on the object suppresses the listed rules for every container, with a reason after #', () => {
  const before = lint(deployment());
  assert.equal(count(before, 'missing-cpu-limit'), 2);
  const after = lint(deployment({ annotations: 'kubeplan.dev/ignore: "missing-cpu-limit, missing-liveness-probe # limits cause throttling"' }));
  assert.equal(count(after, 'missing-cpu-limit'), 0);
  assert.equal(count(after, 'missing-liveness-probe'), 0);
  assert.equal(count(after, 'missing-memory-limit'), 2, 'other rules stay');
  assert.equal(count(after, 'unused-suppression'), 0);
});

test('the same annotation on the pod template suppresses for the whole object', () => {
  const after = lint(deployment({ templateAnnotations: 'kubeplan.dev/ignore: missing-readiness-probe' }));
  assert.equal(count(after, 'missing-readiness-probe'), 0);
  assert.equal(count(after, 'missing-liveness-probe'), 2);
});

test('kubeplan.dev/ignore.<container> suppresses only that container', () => {
  const after = lint(deployment({ annotations: 'kubeplan.dev/ignore.proxy: missing-memory-limit missing-cpu-limit' }));
  assert.equal(count(after, 'missing-memory-limit', 'proxy'), 0);
  assert.equal(count(after, 'missing-cpu-limit', 'proxy'), 0);
  assert.equal(count(after, 'missing-memory-limit', 'app'), 1);
  assert.equal(count(after, 'missing-cpu-limit', 'app'), 1);
  const onTemplate = lint(deployment({ templateAnnotations: 'kubeplan.dev/ignore.app: missing-memory-limit' }));
  assert.equal(count(onTemplate, 'missing-memory-limit', 'app'), 0);
  assert.equal(count(onTemplate, 'missing-memory-limit', 'proxy'), 1);
});

test('a container-scoped suppression does not hide a finding about the object itself', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    kubeplan.dev/ignore.app: default-namespace\n';
  const f = lint(text);
  assert.equal(count(f, 'default-namespace'), 1);
  assert.match(f.find((x) => x.rule === 'unused-suppression')!.message, /has no container named "app"/);
});

test('kube-linter annotations: ignore-check.kube-linter.io/<check> and kube-linter.io/ignore-all', () => {
  const one = lint(deployment({ annotations: 'ignore-check.kube-linter.io/unset-memory-requirements: "sized by VPA"\nignore-check.kube-linter.io/no-liveness-probe: ""' }));
  assert.equal(count(one, 'missing-memory-request'), 0);
  assert.equal(count(one, 'missing-memory-limit'), 0);
  assert.equal(count(one, 'missing-liveness-probe'), 0);
  assert.equal(count(one, 'missing-cpu-request'), 2);
  const all = lint(deployment({ annotations: 'kube-linter.io/ignore-all: "vendored"' }));
  assert.deepEqual(summary(all), []);
});

test('Polaris annotations need the string "true"', () => {
  const yes = lint(deployment({ annotations: 'polaris.fairwinds.com/cpuLimitsMissing-exempt: "true"\npolaris.fairwinds.com/readinessProbeMissing-exempt: "true"' }));
  assert.equal(count(yes, 'missing-cpu-limit'), 0);
  assert.equal(count(yes, 'missing-readiness-probe'), 0);
  assert.equal(count(yes, 'missing-cpu-request'), 2);
  const no = lint(deployment({ annotations: 'polaris.fairwinds.com/cpuLimitsMissing-exempt: "false"\npolaris.fairwinds.com/exempt: "yes"' }));
  assert.equal(count(no, 'missing-cpu-limit'), 2);
  const all = lint(deployment({ annotations: 'polaris.fairwinds.com/exempt: "true"' }));
  assert.deepEqual(summary(all), []);
});

test('kube-score annotations: kube-score/ignore with a comma list, on the object or the pod template, and *', () => {
  const one = lint(deployment({ templateAnnotations: 'kube-score/ignore: container-resources,pod-probes,container-security-context-user-group-id' }));
  for (const rule of ['missing-cpu-request', 'missing-memory-request', 'missing-cpu-limit', 'missing-memory-limit', 'missing-liveness-probe', 'missing-readiness-probe', 'run-as-root']) {
    assert.equal(count(one, rule), 0, rule);
  }
  assert.equal(count(one, 'privilege-escalation'), 2, 'unmapped checks suppress nothing else');
  const partial = lint(deployment({ annotations: 'kube-score/ignore: pod-probes, container-image-pull-policy' }));
  assert.equal(count(partial, 'missing-liveness-probe') + count(partial, 'missing-readiness-probe'), 0);
  assert.equal(count(partial, 'missing-cpu-request'), 2);
  assert.deepEqual(summary(lint(deployment({ annotations: 'kube-score/ignore: "*"' }))), []);
});

test('other tools\' annotations are never reported as unused (they may be there for that tool)', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n  annotations:\n    ignore-check.kube-linter.io/no-liveness-probe: "x"\n    kube-score/ignore: pod-probes\n    polaris.fairwinds.com/cpuLimitsMissing-exempt: "true"\n';
  assert.deepEqual(lint(text), []);
});

test('unused suppressions are reported (info) at the annotation, with did-you-mean for misspelt ids', () => {
  const text = deployment({ annotations: 'kubeplan.dev/ignore: "missing-cpu-limt, default-namespace, missing-cpu-limit"' });
  const f = lint(text).filter((x) => x.rule === 'unused-suppression');
  assert.deepEqual(
    f.map((x) => [x.severity, x.message, x.range.start.line + 1, x.range.start.character + 1]).sort(),
    [
      ['info', 'kubeplan.dev/ignore: "default-namespace" suppresses nothing: Deployment "web" has no default-namespace finding.', 7, 26],
      ['info', 'kubeplan.dev/ignore: "missing-cpu-limt": "missing-cpu-limt" is not a Kubeplan rule (did you mean "missing-cpu-limit"?).', 7, 26],
    ],
  );
  const star = lint('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n  annotations:\n    kubeplan.dev/ignore: "*"\n');
  assert.deepEqual(star.map((x) => x.message), ['kubeplan.dev/ignore: "*" suppresses nothing: ConfigMap "c" has no findings.']);
});

test('suppressions of rules that are off, and of simulator rules, are not reported as unused', () => {
  const text = deployment({ annotations: 'kubeplan.dev/ignore: "default-namespace, sim-unschedulable"' });
  assert.equal(count(lint(text, { configs: [parseConfig('rules: {default-namespace: off}\n', '/repo/.kubeplan.yaml', '/repo').config] }), 'unused-suppression'), 0);
  assert.equal(count(lint(text), 'unused-suppression'), 1);
});

test('unused-suppression can itself be turned off', () => {
  const text = deployment({ annotations: 'kubeplan.dev/ignore: default-namespace' });
  assert.equal(count(lint(text, { editor: [{ settings: { rules: { 'unused-suppression': 'off' } } }] }), 'unused-suppression'), 0);
});

test('.kubeplan.yaml suppress entries match by kind, namespace, name (globs), container and file', () => {
  const config = parseConfig(
    dedent(`
      suppress:
        - rules: [missing-cpu-limit]
          kind: Deployment
          name: "w*"
          namespace: shop
        - rules: missing-memory-limit
          container: prox?
        - rules: "*"
          file: vendor/**
        - rules: [missing-liveness-probe]
          kind: StatefulSet
    `),
    '/repo/.kubeplan.yaml',
    '/repo',
  ).config;
  const ws = new Workspace({ settings: createLintSettings({ configs: [config] }) });
  ws.setFile('/repo/web.yaml', deployment());
  ws.setFile('/repo/vendor/x.yaml', deployment({ name: 'other' }));
  const web = ws.findings('/repo/web.yaml');
  assert.equal(count(web, 'missing-cpu-limit'), 0);
  assert.equal(count(web, 'missing-memory-limit', 'proxy'), 0);
  assert.equal(count(web, 'missing-memory-limit', 'app'), 1);
  assert.equal(count(web, 'missing-cpu-request'), 2);
  assert.deepEqual(ws.findings('/repo/vendor/x.yaml').filter((f) => f.rule !== 'duplicate-object'), []);
  // The StatefulSet entry matched nothing: reported on the config file, at the rule id.
  const unused = ws.unusedConfigSuppressions();
  assert.deepEqual(
    unused.map((f) => [f.file, f.range.start.line + 1, f.message]),
    [['/repo/.kubeplan.yaml', 10, 'Suppression of "missing-liveness-probe" for kind StatefulSet suppresses nothing in the workspace.']],
  );
});

test('suppressions apply to cross-file findings, and such use counts as used', () => {
  const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n  annotations:\n    kubeplan.dev/ignore: duplicate-object # intentional override\n';
  const b = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  const ws = new Workspace();
  ws.setFile('/repo/a.yaml', a);
  ws.setFile('/repo/b.yaml', b);
  assert.deepEqual(ws.findings('/repo/a.yaml'), [], 'duplicate suppressed, and the annotation is not unused');
  assert.equal(count(ws.findings('/repo/b.yaml'), 'duplicate-object'), 1, 'the other copy is still reported');
  ws.removeFile('/repo/b.yaml');
  assert.deepEqual(ws.findings('/repo/a.yaml').map((f) => f.rule), ['unused-suppression'], 'once the duplicate is gone the annotation is stale');
});

test('simulator findings go through the same severities and suppressions', () => {
  const config = parseConfig('rules: {sim-oom-killed: error}\nsuppress:\n  - rules: [sim-crash-loop]\n    kind: Deployment\n    name: api\n', '/repo/.kubeplan.yaml', '/repo').config;
  const ws = new Workspace({ settings: createLintSettings({ configs: [config] }) });
  ws.setFile('/repo/web.yaml', deployment({ annotations: 'kubeplan.dev/ignore: sim-unschedulable\nkubeplan.dev/ignore.proxy: sim-liveness-kills-startup' }));
  ws.setFile('/repo/api.yaml', deployment({ name: 'api' }));
  const sim = [
    { rule: 'sim-unschedulable', severity: 'error' as const, message: 'm', object: 'Deployment/shop/web' },
    { rule: 'sim-liveness-kills-startup', severity: 'warning' as const, message: 'm', object: 'Deployment/shop/web', container: 'proxy' },
    { rule: 'sim-liveness-kills-startup', severity: 'warning' as const, message: 'm', object: 'Deployment/shop/web', container: 'app' },
    { rule: 'sim-crash-loop', severity: 'warning' as const, message: 'm', object: 'Deployment/shop/api' },
    { rule: 'sim-oom-killed', severity: 'warning' as const, message: 'm', object: 'Deployment/shop/api' },
  ];
  assert.deepEqual(
    ws.applySettingsTo(sim).map((f) => `${f.rule}:${f.severity}:${f.container ?? '-'}`),
    ['sim-liveness-kills-startup:warning:app', 'sim-oom-killed:error:-'],
  );
});

test('every other-tool check maps to rules that exist in the catalogue', () => {
  const ids = new Set(ALL_RULES.map((r) => r.id));
  for (const [tool, table] of Object.entries({ KUBE_LINTER_CHECKS, KUBE_SCORE_CHECKS, POLARIS_CHECKS })) {
    for (const [check, rules] of Object.entries(table)) for (const r of rules) assert.ok(ids.has(r), `${tool} ${check} → ${r}`);
  }
});

test('incremental edits keep suppressions and "unused" in step with workspace findings', () => {
  const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n  annotations:\n    kubeplan.dev/ignore: duplicate-object\n';
  const b = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  const ws = new Workspace();
  ws.setFile('/repo/a.yaml', a);
  ws.setFile('/repo/b.yaml', b);
  assert.deepEqual(ws.findings('/repo/a.yaml'), []);
  // rename the copy in b: no duplicate any more, the annotation in a is stale
  const rename = (to: string) => [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 + (to === 'other' ? 8 : 5) } }, text: to }];
  ws.editFile('/repo/b.yaml', rename('other'), () => b.replace('settings', 'other'));
  assert.deepEqual(ws.findings('/repo/a.yaml').map((f) => f.rule), ['unused-suppression']);
  ws.editFile('/repo/b.yaml', rename('settings'), () => b);
  assert.deepEqual(ws.findings('/repo/a.yaml'), []);
  // an edit in a itself that drops the annotation brings the finding back
  ws.editFile('/repo/a.yaml', [{ range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }, text: '' }], () => b);
  assert.deepEqual(ws.findings('/repo/a.yaml').map((f) => f.rule), ['duplicate-object']);
});
