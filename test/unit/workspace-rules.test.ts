// Cross-object rules over a workspace that changes: files edited, added and removed,
// objects declared external, and the target Kubernetes version switched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, type Finding } from '../../server/src/engine';
import { applyEdits } from '../helpers/edits';
import { dedent } from '../helpers/lint';

const deployment = (labels: string) =>
  dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
    spec:
      replicas: 2
      selector:
        matchLabels: ${labels}
      template:
        metadata:
          labels: ${labels}
        spec:
          containers:
            - name: web
              image: nginx:1.27.2
              envFrom:
                - configMapRef:
                    name: web-settings
  `);

const service = dedent(`
  apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      app: web
    ports:
      - port: 80
`);

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\n`;

const of = (ws: Workspace, file: string, rule: string): Finding[] => ws.findings(file).filter((f) => f.rule === rule);

test('dangling-service follows edits and deletions of the workload in another file', () => {
  const ws = new Workspace();
  ws.setFile('deploy.yaml', deployment('{ app: web }'));
  ws.setFile('svc.yaml', service);
  assert.deepEqual(of(ws, 'svc.yaml', 'dangling-service'), []);

  ws.setFile('deploy.yaml', deployment('{ app: frontend }'));
  const found = of(ws, 'svc.yaml', 'dangling-service');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range.start, { line: 6, character: 2 }, 'marks the selector key');
  assert.match(found[0]!.message, /selects app=web.*closest: Deployment "web" with app=frontend/);

  ws.setFile('deploy.yaml', deployment('{ app: web, tier: front }'));
  assert.deepEqual(of(ws, 'svc.yaml', 'dangling-service'), []);

  // with no workload left in the namespace, the Service's pods are deployed elsewhere: no finding
  ws.removeFile('deploy.yaml');
  assert.deepEqual(of(ws, 'svc.yaml', 'dangling-service'), []);
});

test('missing-configmap appears and disappears as ConfigMap files come and go', () => {
  const ws = new Workspace();
  ws.setFile('deploy.yaml', deployment('{ app: web }'));
  // no ConfigMap in the namespace at all: the app's config is managed elsewhere
  assert.deepEqual(of(ws, 'deploy.yaml', 'missing-configmap'), []);

  ws.setFile('config/other.yaml', configMap('other'));
  const missing = of(ws, 'deploy.yaml', 'missing-configmap');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.severity, 'error');
  assert.deepEqual(missing[0]!.range.start, { line: 18, character: 22 });

  ws.setFile('config/web.yaml', configMap('web-settings'));
  assert.deepEqual(of(ws, 'deploy.yaml', 'missing-configmap'), []);

  ws.removeFile('config/web.yaml');
  assert.equal(of(ws, 'deploy.yaml', 'missing-configmap').length, 1);
});

test('objects declared external are never missing; the declaration is namespace-aware', () => {
  const ws = new Workspace({ external: [{ kind: 'ConfigMap', name: 'web-settings', namespace: 'billing' }] });
  ws.setFile('deploy.yaml', deployment('{ app: web }'));
  ws.setFile('other.yaml', configMap('other'));
  assert.equal(of(ws, 'deploy.yaml', 'missing-configmap').length, 1, 'declared in another namespace');

  ws.setExternalObjects([{ kind: 'ConfigMap', name: 'web-settings', namespace: 'shop' }]);
  assert.deepEqual(of(ws, 'deploy.yaml', 'missing-configmap'), []);

  ws.setExternalObjects([{ kind: 'ConfigMap', name: '*' }]);
  assert.deepEqual(of(ws, 'deploy.yaml', 'missing-configmap'), [], 'a wildcard name in every namespace');

  ws.setExternalObjects([]);
  assert.equal(of(ws, 'deploy.yaml', 'missing-configmap').length, 1);
});

test('dangling-hpa is quiet for kinds the workspace does not define, and for external targets', () => {
  const hpa = (kind: string, name: string) =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  namespace: shop\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: ${kind}, name: ${name} }\n  minReplicas: 2\n  maxReplicas: 4\n`;
  const ws = new Workspace();
  ws.setFile('deploy.yaml', deployment('{ app: web }'));
  ws.setFile('hpa.yaml', hpa('Rollout', 'web'));
  assert.deepEqual(of(ws, 'hpa.yaml', 'dangling-hpa'), []);
  ws.setFile('hpa.yaml', hpa('Deployment', 'api'));
  assert.equal(of(ws, 'hpa.yaml', 'dangling-hpa').length, 1);
  ws.setExternalObjects([{ kind: 'Deployment', name: 'api', namespace: 'shop' }]);
  assert.deepEqual(of(ws, 'hpa.yaml', 'dangling-hpa'), []);
});

test('deprecated-api follows the target Kubernetes version: nothing before deprecation, warning while served, error once removed', () => {
  const pdb = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  maxUnavailable: 1\n';
  const ws = new Workspace({ kubernetesVersion: '1.20' });
  ws.setFile('pdb.yaml', pdb);
  assert.deepEqual(of(ws, 'pdb.yaml', 'deprecated-api'), []);

  ws.setKubernetesVersion('v1.24.3');
  const warned = of(ws, 'pdb.yaml', 'deprecated-api');
  assert.equal(warned.length, 1);
  assert.equal(warned[0]!.severity, 'warning');
  assert.match(warned[0]!.message, /deprecated since Kubernetes 1\.21 and removed in 1\.25: use policy\/v1/);

  ws.setKubernetesVersion('1.25');
  const removed = of(ws, 'pdb.yaml', 'deprecated-api');
  assert.equal(removed[0]!.severity, 'error');
  assert.match(removed[0]!.message, /was removed in Kubernetes 1\.25 \(target 1\.25\): use policy\/v1/);
  assert.equal(removed[0]!.fixes?.[0]?.title, 'Change apiVersion to policy/v1');

  // the default target is 1.31
  const dflt = new Workspace();
  dflt.setFile('fs.yaml', 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\n');
  assert.equal(of(dflt, 'fs.yaml', 'deprecated-api')[0]!.severity, 'warning');
  dflt.setKubernetesVersion('1.32');
  assert.equal(of(dflt, 'fs.yaml', 'deprecated-api')[0]!.severity, 'error');
});

test('a finding\'s own severity stays relative to the severity configured for its rule', () => {
  const settings = { severityOf: (id: string, s: 'error' | 'warning' | 'info') => (id === 'deprecated-api' ? ('warning' as const) : s) };
  const ws = new Workspace({ settings });
  ws.setFile('a.yaml', 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\n');
  assert.deepEqual(of(ws, 'a.yaml', 'deprecated-api').map((f) => f.severity), ['warning', 'info']);
});

test('workspace-rule fixes are positioned in the file, for documents after the first', () => {
  const ws = new Workspace();
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
  ws.setFile('cm.yaml', text);
  const [f] = of(ws, 'cm.yaml', 'default-namespace');
  assert.equal(f!.range.start.line, 9);
  const fixed = applyEdits(text, f!.fixes![0]!.edits);
  assert.equal(fixed, text + '  namespace: shop\n');
  ws.setFile('cm.yaml', fixed);
  assert.deepEqual(of(ws, 'cm.yaml', 'default-namespace'), []);
});
