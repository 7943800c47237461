import fc from 'fast-check';
import { stringify } from 'yaml';

/** Realistic seed objects the mutators start from: what users actually write. */
export const SEEDS: Record<string, unknown>[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { 'kubeplan.dev/ignore': 'missing-cpu-limit' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { 'sim.kubeplan.dev/startup-seconds': '20' } },
        spec: {
          initContainers: [{ name: 'migrate', image: 'migrate:1', restartPolicy: 'Always' }],
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ name: 'http', containerPort: 80 }],
              env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'b' } } }],
              envFrom: [{ secretRef: { name: 'creds' } }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '256Mi' } },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
              readinessProbe: { tcpSocket: { port: 80 } },
              securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } },
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] } },
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { b: 'x', 'app.properties': 'a=1\nb=2\n' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 1'], securityContext: { privileged: true } }] } },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'ops' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'run', image: 'run:2' }] } } } } },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }] },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }] } },
  { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'old' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'c' }] } } } },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values of every wrong type, including the ones that break naive code: huge numbers, odd unicode, deep nesting. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 64, -0, 0.1),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\t', '*', ':latest', '{{ .Values.x }}', '500mi', '1.5.0', 'abc', '\u202e', '\u0000', '🙂'.repeat(50), 'a'.repeat(5000), '<script>alert(1)</script>', '"\'`'),
  fc.constant([] as Json[]),
  fc.constant({} as { [k: string]: Json }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

/** Every path to a value in `v`. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: unknown = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head!] = setAt((root as Record<string | number, unknown>)[head!], rest, value);
  return copy;
}

/** A seed object with several random fields replaced by hostile values. */
export const mutatedObject: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 4 }))
  .map(([seed, mutations]) => {
    let obj: unknown = seed;
    for (const [pick, value] of mutations) {
      const all = paths(obj);
      obj = setAt(obj, all[pick % all.length]!, value);
    }
    return obj;
  });

function toYaml(v: unknown): string {
  try {
    return stringify(v, { aliasDuplicateObjects: false });
  } catch {
    return String(v);
  }
}

/** Whole files: several documents, then byte-level damage of the kinds editors produce. */
export const hostileFile: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(mutatedObject, fc.constantFrom(...SEEDS)), { minLength: 1, maxLength: 4 }),
    fc.constantFrom('none', 'truncate', 'crlf', 'bom', 'tabs', 'splice', 'garbage', 'deep'),
    fc.nat(),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
  .map(([objects, damage, n, junk]) => {
    let text = objects.map(toYaml).join('---\n');
    switch (damage) {
      case 'truncate':
        return text.slice(0, n % (text.length + 1));
      case 'crlf':
        return text.replace(/\n/g, '\r\n');
      case 'bom':
        return '\uFEFF' + text;
      case 'tabs':
        return text.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
      case 'splice': {
        const at = n % (text.length + 1);
        return text.slice(0, at) + junk + text.slice(at);
      }
      case 'garbage':
        return junk + text;
      case 'deep':
        text += `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(200 + (n % 300))}${']'.repeat(200 + (n % 300))}\n`;
        return text;
      default:
        return text;
    }
  });

/** Arbitrary bytes decoded as text: what a binary file looks like to the server. */
export const randomText: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 400 });
