import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, type Finding } from '../../server/src/engine';
import { dedent } from '../helpers/lint';

const SCHEMA_RULES = new Set(['schema', 'invalid-quantity', 'invalid-name']);

/** Schema-rule findings as `rule line:col-line:col message` with 1-based positions. */
function schemaFindings(yaml: string): string[] {
  return lintText(dedent(yaml)).filter((f) => SCHEMA_RULES.has(f.rule)).map(show);
}

function show(f: Finding): string {
  const r = f.range;
  return `${f.rule} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.message}`;
}

const pod = (containerLines: string) => `
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    namespace: shop
  spec:
    containers:
      - name: web
        image: nginx:1.27
${containerLines.replace(/^\n/, '').replace(/^/gm, '        ')}
`;

test('a valid object has no schema findings, including fields added after Kubernetes 1.27', () => {
  const yaml = `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: shop
      labels: { app.kubernetes.io/name: web }
      annotations: { example.com/owner: team-a }
    spec:
      replicas: 2
      selector:
        matchLabels: { app: web }
      strategy:
        rollingUpdate: { maxSurge: 25%, maxUnavailable: 1 }
      template:
        metadata:
          labels: { app: web }
        spec:
          hostUsers: false
          schedulingGates: [{ name: example.com/wait }]
          securityContext:
            appArmorProfile: { type: RuntimeDefault }
          initContainers:
            - name: proxy
              image: envoy:1
              restartPolicy: Always
          containers:
            - name: web
              image: nginx:1.27
              imagePullPolicy: IfNotPresent
              env:
                - name: PORT
                  value: "8080"
                - name: EMPTY
                  value: null
              ports:
                - { name: http, containerPort: 8080, protocol: TCP }
              resizePolicy:
                - { resourceName: cpu, restartPolicy: NotRequired }
              resources:
                requests: { cpu: 0.5, memory: 128Mi }
                limits: { cpu: "1", memory: 1e9, nvidia.com/gpu: 1 }
              livenessProbe:
                httpGet: { path: /healthz, port: http }
  `;
  assert.deepEqual(schemaFindings(yaml), []);
});

test('unknown field: marked on the key, with "did you mean" and a rename quick fix', () => {
  const text = dedent(pod('imagePullPolcy: Always'));
  const f = lintText(text).find((x) => x.rule === 'schema')!;
  assert.equal(show(f), 'schema 10:7-10:21 Unknown field "imagePullPolcy" in Container; did you mean "imagePullPolicy"?');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.fixes![0]!.edits, [{ range: f.range, newText: 'imagePullPolicy' }]);
});

test('unknown field without a near miss gets no suggestion', () => {
  assert.deepEqual(schemaFindings(pod('color: blue')), ['schema 10:7-10:12 Unknown field "color" in Container.']);
});

test('wrong types are marked on the value, the way the API server decodes JSON', () => {
  assert.deepEqual(schemaFindings(pod('env:\n  - name: PORT\n    value: 8080')), ['schema 12:18-12:22 "value" must be a string, not the number 8080. Quote it: "8080".']);
  assert.deepEqual(schemaFindings(pod('ports:\n  - containerPort: "80"')), ['schema 11:26-11:30 "containerPort" must be an integer, not the string "80". Remove the quotes.']);
  assert.deepEqual(schemaFindings(pod('stdin: "true"')), ['schema 10:14-10:20 "stdin" must be true or false, not the string "true". Remove the quotes.']);
  assert.deepEqual(schemaFindings(pod('args: run')), ['schema 10:13-10:16 "args" must be a list, not the string "run".']);
  assert.deepEqual(schemaFindings(pod('ports:\n  containerPort: 80')), ['schema 10:7-10:12 "ports" must be a list, not an object. Start each item with "- ".']);
  assert.deepEqual(schemaFindings(pod('ports:\n  - containerPort: 80.5')), ['schema 11:26-11:30 "containerPort" must be an integer, not the number 80.5.']);
  assert.deepEqual(schemaFindings(pod('ports:\n  - containerPort: 3000000000')), ['schema 11:26-11:36 "containerPort" is out of range for a 32-bit integer.']);
});

test('int-or-string accepts both, but not a boolean', () => {
  const probe = (port: string) => pod(`readinessProbe:\n  httpGet: { port: ${port} }`);
  assert.deepEqual(schemaFindings(probe('8080')), []);
  assert.deepEqual(schemaFindings(probe('http')), []);
  assert.deepEqual(schemaFindings(probe('true')), ['schema 11:26-11:30 "port" must be an integer or a string, not the boolean true.']);
});

test('missing required field: marked on the parent key', () => {
  const yaml = `
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web, namespace: shop }
    spec:
      template:
        spec:
          containers:
            - image: nginx:1.27
  `;
  assert.deepEqual(schemaFindings(yaml), [
    'schema 4:1-4:5 DeploymentSpec is missing required field "selector".',
    'schema 8:11-8:16 Container is missing required field "name".',
  ]);
});

test('enums: value marked, allowed values listed, case slips suggested; empty means unset', () => {
  const f = lintText(dedent(pod('imagePullPolicy: always'))).find((x) => x.rule === 'schema')!;
  assert.equal(show(f), 'schema 10:24-10:30 "imagePullPolicy" must be one of "Always", "IfNotPresent", "Never"; got "always". Did you mean "Always"?');
  assert.equal(f.fixes![0]!.edits[0]!.newText, 'Always');
  assert.deepEqual(schemaFindings(pod('imagePullPolicy: ""')), []);
  const svc = `
    apiVersion: v1
    kind: Service
    metadata: { name: web, namespace: shop }
    spec:
      type: Loadbalancer
      ports: [{ port: 80, protocol: HTTP }]
  `;
  assert.deepEqual(schemaFindings(svc), [
    'schema 5:9-5:21 "type" must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"; got "Loadbalancer". Did you mean "LoadBalancer"?',
    'schema 6:33-6:37 "protocol" must be one of "SCTP", "TCP", "UDP"; got "HTTP".',
  ]);
  const pvc = `
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata: { name: data, namespace: shop }
    spec:
      accessModes: [ReadWriteOnly]
      resources: { requests: { storage: 10Gi } }
  `;
  assert.deepEqual(schemaFindings(pvc), [
    'schema 5:17-5:30 Item 1 of "accessModes" must be one of "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"; got "ReadWriteOnly". Did you mean "ReadWriteOnce"?',
  ]);
});

test('invalid-quantity: 500mi, 1.5.0 and abc are errors with suggestions where one is clear; numbers are fine', () => {
  const res = (limits: string) => pod(`resources:\n  limits: ${limits}`);
  const found = lintText(dedent(res('{ memory: 500mi, cpu: 1.5.0, ephemeral-storage: abc }'))).filter((f) => f.rule === 'invalid-quantity');
  assert.deepEqual(found.map(show), [
    'invalid-quantity 11:27-11:32 "memory": "500mi" is not a valid quantity; did you mean "500Mi"?',
    'invalid-quantity 11:39-11:44 "cpu": "1.5.0" is not a valid quantity (e.g. 500m, 0.5, 128Mi, 1Gi).',
    'invalid-quantity 11:65-11:68 "ephemeral-storage": "abc" is not a valid quantity (e.g. 500m, 0.5, 128Mi, 1Gi).',
  ]);
  assert.equal(found[0]!.fixes![0]!.edits[0]!.newText, '500Mi');
  assert.deepEqual(schemaFindings(res('{ memory: 1GB, cpu: 2K }')).map((s) => s.replace(/^\S+ \S+ /, '')), [
    '"memory": "1GB" is not a valid quantity; did you mean "1G"?',
    '"cpu": "2K" is not a valid quantity; did you mean "2k"?',
  ]);
  assert.deepEqual(schemaFindings(res('{ memory: 64Mi, cpu: 250m, nvidia.com/gpu: 2, hugepages-2Mi: 1e3 }')), []);
});

test('invalid-name: object names by kind, labels, annotations, containers, ports', () => {
  const yaml = `
    apiVersion: v1
    kind: Service
    metadata:
      name: 1web
      namespace: Shop
      labels: { "app": "my app", "-bad": ok }
      annotations: { "example.com/ok": "x", "a/b/c": "y" }
    spec:
      selector: { app: web }
      ports: [{ name: HTTP, port: 80 }]
  `;
  assert.deepEqual(schemaFindings(yaml), [
    'invalid-name 4:9-4:13 Service name "1web" must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit.',
    'invalid-name 5:14-5:18 Namespace "Shop" must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit.',
    'invalid-name 6:20-6:28 Label value "my app" must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit.',
    'invalid-name 6:30-6:36 Label key "-bad" must be a qualified name: letters, digits, "-", "_" and ".", starting and ending with a letter or digit, with an optional DNS subdomain prefix and "/".',
    'invalid-name 7:41-7:48 Annotation key "a/b/c" may contain at most one "/" (prefix/name).',
    'invalid-name 10:19-10:23 Service port name "HTTP" must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit.',
  ]);
  const deployment = `
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: my.app, namespace: shop, generateName: web- }
    spec:
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers:
            - name: Web_1
              image: nginx
              ports: [{ name: http-metrics-port, containerPort: 80 }]
  `;
  assert.deepEqual(schemaFindings(deployment), [
    'invalid-name 10:17-10:22 Container name "Web_1" must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit.',
    'invalid-name 12:27-12:44 Port name "http-metrics-port" is 17 characters long; a port name has at most 15.',
  ]);
  const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: "system:controller:web" }\nrules: []\n';
  assert.deepEqual(lintText(role).filter((f) => f.rule === 'invalid-name'), []);
  const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: ${'a'.repeat(53)}, namespace: x }\nspec:\n  schedule: "* * * * *"\n  jobTemplate: { spec: { template: { spec: { containers: [{ name: a, image: b }] } } } }\n`;
  assert.deepEqual(lintText(cron).filter((f) => f.rule === 'invalid-name').map((f) => f.message), [`CronJob name "${'a'.repeat(53)}" is 53 characters long; a CronJob name has at most 52.`]);
});

test('apiVersion and kind mistakes the API server would reject; custom kinds are left alone', () => {
  const doc = (apiVersion: string, kind: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x, namespace: y }\n`;
  const messages = (apiVersion: string, kind: string) => lintText(doc(apiVersion, kind)).filter((f) => f.rule === 'schema').map(show);
  assert.deepEqual(messages('app/v1', 'Deployment'), ['schema 1:13-1:19 Unknown apiVersion "app/v1": no such Kubernetes API group; did you mean "apps/v1"?']);
  assert.deepEqual(messages('v1', 'Deployment'), ['schema 1:13-1:15 Deployment is not part of v1; it is served as "apps/v1".']);
  assert.deepEqual(messages('v1', 'ConfigMapp'), ['schema 2:7-2:17 Unknown kind "ConfigMapp" in v1; did you mean "ConfigMap"?']);
  assert.deepEqual(messages('example.com/v1', 'Widget'), [], 'a custom resource without a CRD in sight is not an error');
  assert.deepEqual(messages('gateway.networking.k8s.io/v1', 'HTTPRoute'), [], 'CRD-provided APIs under k8s.io are not errors');
  assert.deepEqual(messages('resource.k8s.io/v1beta2', 'ResourceClaim'), [], 'beta versions newer than the schema are not errors');
});

test('Secret data must be base64; stringData takes plain text', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: x }\ndata:\n  ok: aGVsbG8=\n  bad: hello world\nstringData:\n  plain: hello world\n';
  assert.deepEqual(lintText(secret).filter((f) => f.rule === 'schema').map(show), ['schema 6:8-6:19 "bad" must be base64-encoded; put plain text under stringData instead.']);
});

test('multi-document files: each document against its own kind, positions in the file', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: a, namespace: x }',
    'data: { key: 1 }',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: b, namespace: x }',
    'spec:',
    '  ports: [{ port: 80 }]',
    '  data: {}',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: c, namespace: x }',
    'data: { ok: "1" }',
    '',
  ].join('\n');
  assert.deepEqual(lintText(text).filter((f) => SCHEMA_RULES.has(f.rule)).map(show), [
    'schema 4:14-4:15 "key" must be a string, not the number 1. Quote it: "1".',
    'schema 11:3-11:7 Unknown field "data" in ServiceSpec.',
  ]);
});

test('CRLF files get the same positions', () => {
  const lf = dedent(pod('imagePullPolcy: Always\nresources:\n  limits: { memory: 500mi }'));
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = lintText(lf).filter((f) => SCHEMA_RULES.has(f.rule)).map(show);
  assert.equal(a.length, 2);
  assert.deepEqual(lintText(crlf).filter((f) => SCHEMA_RULES.has(f.rule)).map(show), a);
});

test('quick fixes in a later document point at that document', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: b, namespace: x }\nspec:\n  containers:\n    - name: a\n      image: b\n      imagePullPolicy: never\n';
  const f = lintText(text).find((x) => x.rule === 'schema')!;
  assert.equal(f.range.start.line, 11);
  assert.deepEqual(f.fixes![0]!.edits[0]!.range, f.range);
});

test('YAML merge keys are read as kubectl reads them, not as a "<<" field', () => {
  const yaml = `
    apiVersion: v1
    kind: Pod
    metadata: { name: p, namespace: x }
    spec:
      containers:
        - &base
          name: a
          image: nginx
        - <<: *base
          name: b
          imagPullPolicy: Always
  `;
  assert.deepEqual(schemaFindings(yaml), ['schema 11:7-11:21 Unknown field "imagPullPolicy" in Container; did you mean "imagePullPolicy"?']);
});

test('unquoted yes/no/on/off in a string field: kubectl (YAML 1.1) sends a boolean', () => {
  assert.deepEqual(schemaFindings(pod('env:\n  - name: DEBUG\n    value: yes')), [
    'schema 12:18-12:21 "value": kubectl reads an unquoted yes as a boolean (YAML 1.1), and a boolean is not a string. Quote it: "yes".',
  ]);
  assert.deepEqual(schemaFindings(pod('env:\n  - name: DEBUG\n    value: "yes"')), [], 'quoted, it is a string');
  assert.deepEqual(schemaFindings(pod('env:\n  - name: MODE\n    value: online')), []);
});

test('type slips come with a quick fix that quotes or unquotes the value as written', () => {
  const fixOf = (yaml: string) => {
    const f = lintText(dedent(yaml)).find((x) => x.rule === 'schema')!;
    return { message: f.message, title: f.fixes?.[0]?.title, newText: f.fixes?.[0]?.edits[0]?.newText, same: JSON.stringify(f.fixes?.[0]?.edits[0]?.range) === JSON.stringify(f.range) };
  };
  assert.deepEqual(fixOf(pod('env:\n  - name: V\n    value: 1.10')), { message: '"value" must be a string, not the number 1.10. Quote it: "1.10".', title: 'Quote as "1.10"', newText: '"1.10"', same: true });
  assert.deepEqual(fixOf(pod('ports:\n  - containerPort: "80"')), { message: '"containerPort" must be an integer, not the string "80". Remove the quotes.', title: 'Unquote: 80', newText: '80', same: true });
  assert.deepEqual(fixOf(pod('stdin: "True"')), { message: '"stdin" must be true or false, not the string "True". Remove the quotes.', title: 'Unquote: true', newText: 'true', same: true });
  assert.deepEqual(fixOf(pod('env:\n  - name: V\n    value: on')).newText, '"on"');
});

test('label selector operators are checked although the OpenAPI document leaves them free-form', () => {
  const yaml = `
    apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web, namespace: shop }
    spec:
      selector:
        matchExpressions: [{ key: app, operator: in, values: [web] }, { key: tier, operator: Exists }]
      template:
        metadata: { labels: { app: web, tier: x } }
        spec: { containers: [{ name: web, image: nginx }] }
  `;
  assert.deepEqual(schemaFindings(yaml), ['schema 6:46-6:48 "operator" must be one of "In", "NotIn", "Exists", "DoesNotExist"; got "in". Did you mean "In"?']);
});
