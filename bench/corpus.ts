/**
 * Deterministic benchmark corpora: one multi-document YAML file of Deployments, Services,
 * ConfigMaps and HPAs, like a monorepo's rendered manifests. Realistic rather than a worst
 * case: Deployments are hardened (security context, no token automount, distinct probes,
 * requests and limits); about one in eight misses something a linter reports (a probe, a
 * limit). Images use tags, not digests, as most teams do (an info finding each), and there
 * are no NetworkPolicies or PodDisruptionBudgets (workspace-rule findings).
 */
import { mulberry32 } from '../server/src/engine/cluster/scheduler/framework/random';

// mulberry32 from the engine, so every run builds byte-identical files
const prng = mulberry32;

const TEAMS = ['shop', 'payments', 'search', 'auth', 'media', 'ads', 'ml', 'infra'];
const IMAGES = ['nginx:1.27.3', 'redis:7.4.1', 'ghcr.io/acme/api:2.14.0', 'ghcr.io/acme/worker:0.9.12', 'envoyproxy/envoy:v1.31.2'];

export interface Corpus {
  text: string;
  documents: number;
  /** 0-based line of a `image:` line in a Deployment near the middle, and its column after `image: `: where the bench edits. */
  editLines: { line: number; character: number }[];
}

export function generateCorpus(documents: number, seed = 42): Corpus {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const parts: string[] = [];
  const editLines: { line: number; character: number }[] = [];
  let line = 0;
  const push = (doc: string) => {
    parts.push(doc);
    line += doc.split('\n').length - 1;
  };
  let i = 0;
  let lastDeployment = { name: 'none', ns: 'default', port: 8080 };
  while (parts.length < documents) {
    const team = pick(TEAMS);
    const app = `${team}-svc-${String(i).padStart(5, '0')}`;
    const ns = team;
    const image = pick(IMAGES);
    const port = 8000 + Math.floor(rnd() * 100);
    const sloppy = rnd() < 0.125;
    const noProbe = sloppy && rnd() < 0.5;
    const cpu = `${50 * (1 + Math.floor(rnd() * 8))}m`;
    const mem = `${64 * (1 + Math.floor(rnd() * 8))}Mi`;
    const kind = i % 5;
    if (kind === 0 || kind === 1) {
      const imageLine = line + 18;
      lastDeployment = { name: app, ns, port };
      editLines.push({ line: imageLine, character: '          image: '.length + image.length - 1 });
      push(
        `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: { app: ${app}, team: ${team} }
spec:
  replicas: ${1 + Math.floor(rnd() * 5)}
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app}, team: ${team} }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: main
          image: ${image}
          ports: [{ containerPort: ${port} }]
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
          resources:
            requests: { cpu: ${cpu}, memory: ${mem} }
${sloppy && !noProbe ? '' : `            limits: { cpu: ${cpu}, memory: ${mem} }\n`}${noProbe ? '' : `          readinessProbe: { httpGet: { path: /readyz, port: ${port} } }\n          livenessProbe: { httpGet: { path: /livez, port: ${port} } }\n`}`,
      );
    } else if (kind === 2) {
      push(
        `---
apiVersion: v1
kind: Service
metadata:
  name: ${lastDeployment.name}
  namespace: ${lastDeployment.ns}
spec:
  selector: { app: ${lastDeployment.name} }
  ports:
    - port: 80
      targetPort: ${lastDeployment.port}
`,
      );
    } else if (kind === 3) {
      push(
        `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  LOG_LEVEL: ${pick(['info', 'debug', 'warn'])}
`,
      );
    } else {
      push(
        `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${lastDeployment.name}
  namespace: ${lastDeployment.ns}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${lastDeployment.name} }
  minReplicas: 2
  maxReplicas: ${4 + Math.floor(rnd() * 12)}
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`,
      );
    }
    i++;
  }
  // the edit targets: Deployments around the middle of the file
  const mid = Math.floor(editLines.length / 2);
  return { text: parts.join(''), documents, editLines: editLines.slice(mid, mid + 64) };
}

/** A Deployment with schema errors (a string where an integer belongs, an unknown field): proves a server validates. */
export const BROKEN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
  namespace: shop
spec:
  replicas: three
  selector:
    matchLabels: { app: broken }
  template:
    metadata:
      labels: { app: broken }
    spec:
      containers:
        - name: main
          image: nginx:1.27.3
          ports: [{ containerPort: http }]
`;
