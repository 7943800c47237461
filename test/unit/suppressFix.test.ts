import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressionFixes, Workspace, type Finding } from '../../server/src/engine';
import { applyEdits } from '../helpers/edits';

const FILE = '/repo/web.yaml';

/** Lints `text`, applies the suppress fix titled like `title` to the first `rule` finding (about `container`, if given), returns the new text. */
function suppress(text: string, rule: string, title: RegExp, container?: string): { before: Finding[]; text: string; after: Finding[] } {
  const ws = new Workspace();
  ws.setFile(FILE, text);
  const before = ws.findings(FILE);
  const finding = before.find((f) => f.rule === rule && (container === undefined || f.subject?.container === container));
  assert.ok(finding, `no ${rule} finding in ${JSON.stringify(before.map((f) => f.rule))}`);
  const fixes = suppressionFixes(ws.analysis(FILE)!, finding);
  const fix = fixes.find((f) => title.test(f.title));
  assert.ok(fix, `no fix like ${title} among ${JSON.stringify(fixes.map((f) => f.title))}`);
  const next = applyEdits(text, fix.edits);
  ws.setFile(FILE, next);
  return { before, text: next, after: ws.findings(FILE) };
}

const count = (findings: readonly Finding[], rule: string, container?: string) =>
  findings.filter((f) => f.rule === rule && (container === undefined || f.subject?.container === container)).length;

/** The fix did what it says: parses, hides exactly that finding, adds nothing unused, changes nothing else. */
function assertSuppressed(r: ReturnType<typeof suppress>, rule: string, container?: string): void {
  assert.equal(count(r.after, 'yaml-syntax'), 0, r.text);
  assert.equal(count(r.after, 'schema'), count(r.before, 'schema'), r.text);
  assert.equal(count(r.after, rule, container), 0, r.text);
  assert.equal(count(r.after, 'unused-suppression'), 0, r.text);
  assert.equal(r.after.length, r.before.filter((f) => !(f.rule === rule && (container === undefined || f.subject?.container === container))).length, r.text);
}

const BLOCK = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:1.27
        - name: proxy
          image: envoy:1.30
`;

test('block style: the annotation goes under metadata, after name', () => {
  const r = suppress(BLOCK, 'missing-cpu-limit', /^Suppress missing-cpu-limit for Deployment "web"$/);
  assert.match(r.text, /^metadata:\n  name: web\n  annotations:\n    kubeplan\.dev\/ignore: missing-cpu-limit\n  namespace: shop\n/m);
  assertSuppressed(r, 'missing-cpu-limit');
});

test('per container: kubeplan.dev/ignore.<name>, and the other container keeps its finding', () => {
  const r = suppress(BLOCK, 'missing-memory-limit', /for container "proxy" only$/, 'proxy');
  assert.match(r.text, /kubeplan\.dev\/ignore\.proxy: missing-memory-limit/);
  assertSuppressed(r, 'missing-memory-limit', 'proxy');
  assert.equal(count(r.after, 'missing-memory-limit', 'app'), 1);
});

test('merges into an existing kubeplan.dev/ignore, keeping its reason and other annotations', () => {
  const text = BLOCK.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    team: web # owners\n    kubeplan.dev/ignore: "missing-liveness-probe # no health endpoint yet"\n');
  const r = suppress(text, 'missing-cpu-limit', /^Suppress missing-cpu-limit for/);
  assert.match(r.text, /    team: web # owners\n    kubeplan\.dev\/ignore: "missing-liveness-probe, missing-cpu-limit # no health endpoint yet"\n/);
  assertSuppressed(r, 'missing-cpu-limit');
  assert.equal(count(r.after, 'missing-liveness-probe'), 0);
});

test('flow style metadata and a JSON document stay valid', () => {
  const flow = BLOCK.replace('metadata:\n  name: web\n  namespace: shop\n', 'metadata: { name: web, namespace: shop }\n');
  const r = suppress(flow, 'missing-cpu-limit', /^Suppress missing-cpu-limit for/);
  assert.match(r.text, /^metadata: \{ name: web, namespace: shop, annotations: \{ kubeplan\.dev\/ignore: missing-cpu-limit \} \}$/m);
  assertSuppressed(r, 'missing-cpu-limit');
  const json = JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', annotations: { owner: 'me' } },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
  });
  const j = suppress(json + '\n', 'missing-cpu-limit', /^Suppress missing-cpu-limit for/);
  assertSuppressed(j, 'missing-cpu-limit');
});

test('CRLF files keep CRLF; the second document of a stream is edited in place', () => {
  const crlf = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n${BLOCK}`.replace(/\n/g, '\r\n');
  const r = suppress(crlf, 'missing-cpu-limit', /^Suppress missing-cpu-limit for/);
  assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF was introduced');
  assert.match(r.text, /\r\n  name: web\r\n  annotations:\r\n    kubeplan\.dev\/ignore: missing-cpu-limit\r\n/);
  assertSuppressed(r, 'missing-cpu-limit');
});

test('an object without metadata annotations or even metadata gets them', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\ndata: { a: b }\n';
  const r = suppress(text, 'default-namespace', /^Suppress default-namespace for ConfigMap$/);
  assertSuppressed(r, 'default-namespace');
});

test('workspace-rule findings get the same fixes', () => {
  const ws = new Workspace();
  const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  ws.setFile('/repo/a.yaml', a);
  ws.setFile('/repo/b.yaml', a);
  const dup = ws.findings('/repo/a.yaml').find((f) => f.rule === 'duplicate-object')!;
  const [fix] = suppressionFixes(ws.analysis('/repo/a.yaml')!, dup);
  ws.setFile('/repo/a.yaml', applyEdits(a, fix!.edits));
  assert.deepEqual(ws.findings('/repo/a.yaml'), []);
});

test('file-level findings and unused-suppression offer no suppression', () => {
  const ws = new Workspace();
  ws.setFile(FILE, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n  annotations:\n    kubeplan.dev/ignore: latest-tag\n');
  const unused = ws.findings(FILE).find((f) => f.rule === 'unused-suppression')!;
  assert.deepEqual(suppressionFixes(ws.analysis(FILE)!, unused), []);
});
