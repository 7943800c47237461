/**
 * The soak test's edits: three files of related objects and a generator of random edits
 * as an editor sends them (typing, deletions, pastes, broken and repaired YAML, CRLF, whole
 * documents added and removed). Kept apart from the LSP soak so a unit test can replay the
 * same edits against the engine alone.
 */
import { stringify } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { mulberry32 } from '../../server/src/engine/cluster/scheduler/framework/random';
import { SEEDS } from '../fuzz/manifests';

/** mulberry32 (the engine's): small, seedable, good enough to pick edits. */
export const prng = mulberry32;

export const A = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:1.2.3
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: cfg}}, {secretRef: {name: creds}}]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: "1", memory: 256Mi}
          readinessProbe: {httpGet: {path: /ready, port: http}}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: shop}
stringData: {password: hunter2}
`;

export const B = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: shop
data:
  url: https://api.example.com/v1
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
`;

export const C = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}
`;

/** Pieces users type or paste, including the ones that break YAML and the ones that repair it. */
export const SNIPPETS = [
  '  replicas: 5\n', 'kind: Service\n', 'metadata:\n  name: x\n', '        - name: side\n          image: busybox:latest\n', '---\n', '\n---\n',
  '{', '}', '[', ']', ': ', '"', "'", '\t', '\r\n', '- ', '&a ', '*a', '<<: *a\n', '{{ .Values.image }}', '# comment\n', '🙂', '\uFEFF', 'web', 'web2', 'cfg', 'shop',
  'x'.repeat(200), '\n', '    ', 'null', '~', '0x1F', '1e400', '-1', 'true', 'apiVersion: v1\n', 'name: ', 'namespace: other\n',
  ...SEEDS.map((s) => '---\n' + stringify(s)),
];

const MAX_TEXT = 30_000;

export type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } | { text: string };

/** One random edit of `doc`: the changes of one didChange, each relative to the text the previous one left. */
export function randomEdit(doc: TextDocument, initial: string, rnd: () => number): Change[] {
  const text = doc.getText();
  const len = text.length;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const at = () => Math.floor(rnd() * (len + 1));
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  if (len > MAX_TEXT) return [{ text: initial }];
  // a file typed away to almost nothing gets content again (a paste, or the user's undo)
  if (len < initial.length / 4 && rnd() < 0.1) return [{ text: initial }];
  const r = rnd();
  if (r < 0.33) {
    const p = at();
    return [{ range: range(p, p), text: pick(SNIPPETS) }];
  }
  if (r < 0.55) {
    const s = at();
    return [{ range: range(s, Math.min(len, s + 1 + Math.floor(rnd() * 16))), text: '' }];
  }
  if (r < 0.73) {
    const s = at();
    return [{ range: range(s, Math.min(len, s + Math.floor(rnd() * 20))), text: pick(SNIPPETS) }];
  }
  if (r < 0.8) {
    // a rename that breaks (or restores) a cross-file reference
    const i = text.indexOf(pick(['web', 'cfg', 'creds', 'web2']), at());
    if (i < 0) return [{ range: range(len, len), text: '\n' }];
    return [{ range: range(i, i + 3), text: pick(['web', 'cfg', 'wob', 'web2']) }];
  }
  if (r < 0.86) {
    // several changes in one notification, as an editor sends for multi-cursor typing
    const p = at();
    return [
      { range: range(p, p), text: 'a' },
      { range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: '#' },
    ];
  }
  if (r < 0.92) {
    // remove a whole document
    const starts = [0];
    for (let i = text.indexOf('---\n'); i >= 0; i = text.indexOf('---\n', i + 1)) starts.push(i);
    const k = Math.floor(rnd() * starts.length);
    const s = starts[k]!;
    const e = k + 1 < starts.length ? starts[k + 1]! : len;
    return [{ range: range(s, e), text: '' }];
  }
  if (r < 0.96) return [{ range: range(len, len), text: pick(SNIPPETS.slice(-SEEDS.length)) }];
  return [{ text: rnd() < 0.5 ? initial : text.replace(/\n/g, '\r\n') }];
}
