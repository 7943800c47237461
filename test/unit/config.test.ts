import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLintSettings, lintFiles, parseConfig, Workspace, type KubeplanConfig } from '../../server/src/engine';
import { dedent } from '../helpers/lint';
import { WEB_DEPLOYMENT as DEPLOYMENT } from '../helpers/project';

const DIR = '/repo';
const FILE = '/repo/.kubeplan.yaml';

function parse(yaml: string) {
  return parseConfig(dedent(yaml), FILE, DIR);
}

function configOf(yaml: string): KubeplanConfig {
  const { config, problems } = parse(yaml);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), [], 'unexpected config errors');
  return config;
}

/** `line:col message` (1-based) for compact assertions. */
function located(yaml: string): string[] {
  return parse(yaml).problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.message}`);
}

test('a full .kubeplan.yaml parses into rules, excludes, external objects, suppressions and a version', () => {
  const c = configOf(`
    kubernetesVersion: "1.30"
    rules:
      missing-cpu-limit: off
      default-namespace: error
      missing-liveness-probe: warn
      missing-readiness-probe: false
    exclude:
      - charts/**
      - "*.generated.yaml"
    external:
      - kind: Secret
        name: registry-creds
      - { kind: ConfigMap, name: "istio-*", namespace: istio-system, apiVersion: v1 }
    suppress:
      - rules: [missing-liveness-probe, missing-readiness-probe]
        kind: DaemonSet
        namespace: kube-system
        name: "calico-*"
        reason: third-party chart
      - rules: "missing-cpu-request, missing-memory-request"
        file: vendor/**
  `);
  assert.equal(c.kubernetesVersion, '1.30');
  assert.deepEqual([...c.rules], [['missing-cpu-limit', 'off'], ['default-namespace', 'error'], ['missing-liveness-probe', 'warning'], ['missing-readiness-probe', 'off']]);
  assert.deepEqual(c.exclude, ['charts/**', '*.generated.yaml']);
  assert.deepEqual(c.external, [{ kind: 'Secret', name: 'registry-creds' }, { kind: 'ConfigMap', name: 'istio-*', namespace: 'istio-system', apiVersion: 'v1' }]);
  assert.equal(c.suppress.length, 2);
  assert.deepEqual(c.suppress[0]!.rules, ["missing-liveness-probe", "missing-readiness-probe"]);
  assert.equal(c.suppress[0]!.reason, 'third-party chart');
  assert.deepEqual(c.suppress[1]!.rules, ['missing-cpu-request', 'missing-memory-request']);
  assert.equal(c.suppress[1]!.file, 'vendor/**');
  assert.equal(c.suppress[0]!.range.start.line, 14);
});

test('an empty or comment-only file is the default configuration', () => {
  for (const text of ['', '# nothing yet\n']) {
    const { config, problems } = parseConfig(text, FILE, DIR);
    assert.deepEqual(problems, []);
    assert.equal(config.rules.size, 0);
  }
});

test('unknown keys are located errors with "did you mean"', () => {
  assert.deepEqual(
    located(`
      rulez:
        missing-cpu-limit: off
      exclude: [a/**]
    `),
    ['1:1 error Unknown setting "rulez" (did you mean "rules"?); expected one of: rules, exclude, external, suppress, kubernetesVersion.'],
  );
  assert.deepEqual(
    located(`
      external:
        - kind: Secret
          nmae: creds
    `),
    ['3:5 error Unknown key "nmae" in an external object (did you mean "name"?); expected: kind, name, namespace, apiVersion.', '2:5 error An external object needs "name".'],
  );
});

test('an unknown rule id is a warning with "did you mean", and the rest of the file still applies', () => {
  const { config, problems } = parse(`
    rules:
      missing-cpu-limt: off
      default-namespace: off
  `);
  assert.deepEqual(
    problems.map((p) => [p.severity, p.message, p.range.start.line]),
    [['warning', 'Unknown rule "missing-cpu-limt" (did you mean "missing-cpu-limit"?); it is ignored.', 1]],
  );
  assert.equal(config.rules.get('default-namespace'), 'off');
});

test('bad values get clear, located errors', () => {
  assert.deepEqual(located(`rules:\n  default-namespace: loud\n`), ['2:22 error Rule "default-namespace": the level must be one of off, info, warning, error, on.']);
  assert.deepEqual(located(`kubernetesVersion: 1.30\n`), ['1:20 error Write the version as a string, e.g. "1.30": YAML reads 1.30 as the number 1.3.']);
  assert.deepEqual(located(`exclude: ["charts/[abc"]\n`).length, 1);
  assert.match(located(`exclude: ["charts/[abc"]\n`)[0]!, /^1:11 error Invalid glob "charts\/\[abc"/);
  assert.deepEqual(located(`- rules\n`), ['1:1 error The configuration must be a mapping of settings (rules, exclude, external, suppress, kubernetesVersion).']);
  assert.deepEqual(located(`suppress:\n  - rules: [default-namespace]\n`), [
    '2:5 error This suppress entry matches every object: give kind, namespace, name, container or file (to turn a rule off everywhere, use `rules: {<id>: off}`).',
  ]);
  assert.match(located('rules: {a: 1\n')[0]!, /^\d+:\d+ error /, 'YAML syntax errors are located problems');
  assert.match(located('rules:\n  default-namespace: off\n  default-namespace: error\n')[0]!, /^3:3 error .*[Uu]nique/, 'duplicate keys are errors');
});

test('severity precedence: VS Code settings over .kubeplan.yaml over the rule default', () => {
  const config = configOf(`
    rules:
      missing-cpu-limit: error
      missing-memory-limit: off
      default-namespace: info
  `);
  const settings = createLintSettings({ configs: [config], editor: [{ root: DIR, settings: { rules: { 'missing-cpu-limit': 'off', 'default-namespace': 'on' } } }] });
  const s = settings.forFile('/repo/app/web.yaml');
  assert.equal(s.severityOf('missing-cpu-limit', 'info'), undefined, 'editor off beats config error');
  assert.equal(s.severityOf('missing-memory-limit', 'warning'), undefined, 'config off applies');
  assert.equal(s.severityOf('default-namespace', 'warning'), 'warning', 'editor "on" restores the default over config info');
  assert.equal(s.severityOf('missing-cpu-request', 'warning'), 'warning', 'untouched rules keep their default');

  const findings = lintFiles([['/repo/app/web.yaml', DEPLOYMENT]], { settings });
  const rules = findings.map((f) => `${f.rule}:${f.severity}`).sort();
  assert.ok(!rules.some((r) => r.startsWith('missing-cpu-limit') || r.startsWith('missing-memory-limit')), rules.join());
  assert.ok(rules.includes('missing-cpu-request:warning'));
});

test('excludes from either source add up; excluded files get no findings but their objects still count', () => {
  const config = configOf(`exclude: ["vendor/**"]`);
  const settings = createLintSettings({ configs: [config], editor: [{ root: DIR, settings: { exclude: ['**/*.generated.yaml'] } }] });
  assert.equal(settings.forFile('/repo/vendor/a.yaml').excluded, true);
  assert.equal(settings.forFile('/repo/app/x.generated.yaml').excluded, true);
  assert.equal(settings.forFile('/repo/app/x.yaml').excluded, false);
  const ws = new Workspace({ settings });
  ws.setFile('/repo/vendor/a.yaml', DEPLOYMENT);
  ws.setFile('/repo/app/b.yaml', DEPLOYMENT);
  assert.deepEqual(ws.findings('/repo/vendor/a.yaml'), []);
  const dup = ws.findings('/repo/app/b.yaml').filter((f) => f.rule === 'duplicate-object');
  assert.equal(dup.length, 1, 'the excluded copy is still a duplicate of the linted one');
});

test('kubeplan.enable false lints nothing', () => {
  const settings = createLintSettings({ editor: [{ settings: { enable: false } }] });
  assert.deepEqual(lintFiles([['/x/web.yaml', DEPLOYMENT]], { settings }), []);
});

test('each file uses its nearest .kubeplan.yaml; a nested one replaces the outer one', () => {
  const outer = { ...configOf(`rules: {missing-cpu-request: off}`) };
  const inner = { ...parseConfig('rules: {missing-memory-request: off}\n', '/repo/team/.kubeplan.yaml', '/repo/team').config };
  const settings = createLintSettings({ configs: [outer, inner] });
  assert.equal(settings.forFile('/repo/a.yaml').severityOf('missing-cpu-request', 'warning'), undefined);
  assert.equal(settings.forFile('/repo/team/a.yaml').severityOf('missing-cpu-request', 'warning'), 'warning');
  assert.equal(settings.forFile('/repo/team/a.yaml').severityOf('missing-memory-request', 'warning'), undefined);
  assert.equal(settings.forFile('/elsewhere/a.yaml').severityOf('missing-cpu-request', 'warning'), 'warning');
});

test('relative file names (the CLI) resolve against cwd', () => {
  const config = configOf(`exclude: [vendor/]`);
  const settings = createLintSettings({ configs: [config], cwd: '/repo' });
  assert.equal(settings.forFile('vendor/a.yaml').excluded, true);
  assert.equal(settings.forFile('app/a.yaml').excluded, false);
});

test('changing settings re-lints files from their last text', () => {
  const ws = new Workspace();
  ws.setFile('/repo/web.yaml', DEPLOYMENT);
  assert.ok(ws.findings('/repo/web.yaml').some((f) => f.rule === 'missing-cpu-request'));
  ws.configure(createLintSettings({ configs: [configOf(`rules: {missing-cpu-request: off}`)] }));
  assert.ok(!ws.findings('/repo/web.yaml').some((f) => f.rule === 'missing-cpu-request'));
  assert.ok(ws.findings('/repo/web.yaml').some((f) => f.rule === 'missing-memory-request'));
});

test('external objects from .kubeplan.yaml (names may be globs) satisfy reference rules', () => {
  const app = DEPLOYMENT.replace('          image: nginx:1.27', '          image: nginx:1.27\n          envFrom:\n            - secretRef: { name: db-main }');
  const other = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n  namespace: shop\n';
  const files: [string, string][] = [['/repo/app.yaml', app], ['/repo/secret.yaml', other]];
  assert.equal(lintFiles(files).filter((f) => f.rule === 'missing-secret').length, 1, 'without the config the reference dangles');
  for (const external of ['[{kind: Secret, name: "db-*", namespace: shop}]', '[{kind: Secret, name: db-main}]']) {
    const settings = createLintSettings({ configs: [configOf(`external: ${external}`)] });
    assert.deepEqual(lintFiles(files, { settings }).filter((f) => f.rule === 'missing-secret'), [], external);
  }
  const elsewhere = createLintSettings({ configs: [configOf('external: [{kind: Secret, name: "db-*", namespace: other}]')] });
  assert.equal(lintFiles(files, { settings: elsewhere }).filter((f) => f.rule === 'missing-secret').length, 1, 'another namespace does not count');
});
