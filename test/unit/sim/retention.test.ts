/**
 * A finished simulation leaves nothing behind. The engine keeps module-level caches that outlive a run (parsed
 * resources, scoring cycles per pod shape, interned strings and conditions); the language server runs thousands of
 * simulations in one process, so none of those caches may hold on to a run's nodes, pods or snapshot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { benchmarkInput } from '../../../server/src/engine/cluster/benchmark';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { applyScenario } from '../../../server/src/engine/cluster/scenarios/apply';
import { objectsFromTexts, type ManifestObject } from '../../../server/src/engine/cluster/input';
import type { ClusterSpec } from '../../../server/src/engine/cluster/clusterFile';
import { defaultCluster } from '../../../server/src/engine/cluster/simulate';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 4
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }
        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 10
              podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }
      tolerations: [{ key: dedicated, operator: Exists, effect: NoSchedule }]
      initContainers: [{ name: migrate, image: example/migrate:1.0 }]
      containers:
        - name: web
          image: example/web:1.0
          ports: [{ containerPort: 8080 }]
          resources: { requests: { cpu: 200m, memory: 256Mi }, limits: { memory: 512Mi } }
          readinessProbe: { httpGet: { path: /healthz, port: 8080 }, periodSeconds: 5 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      nodeSelector: { kubernetes.io/os: linux }
      containers: [{ name: worker, image: example/worker:1.0, resources: { requests: { cpu: 100m, memory: 128Mi } } }]
`;

/** Runs a simulation to steady state and returns weak references to its pieces. */
function runAndForget(input: { objects: ManifestObject[]; cluster: ClusterSpec }, expectedPods: number): WeakRef<object>[] {
  const sim = new Simulation({ seed: 1, explainPlacements: false, maxPods: 1000, horizon: 600 });
  sim.addCluster(input.cluster);
  const scenario = applyScenario();
  sim.apply(input.objects);
  sim.startBackground();
  scenario.start(sim);
  for (;;) {
    sim.settleSome();
    if (sim.clock.queue.pendingForeground === 0) break;
    const next = sim.clock.next(600);
    if (!next) break;
    next.run();
  }
  const pods = sim.store.list('Pod');
  assert.equal(pods.length, expectedPods);
  assert.ok(pods.some((p) => p.spec && (p.spec as { nodeName?: string }).nodeName), 'pods were placed');
  return [new WeakRef(sim), new WeakRef(sim.scheduler.snapshot), new WeakRef(sim.scheduler.snapshot.nodeInfos()[0]!), new WeakRef(pods[0]!)];
}

async function collected(refs: WeakRef<object>[]): Promise<boolean[]> {
  // weak references are cleared by a collection after the job that made them
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  return refs.map((r) => r.deref() === undefined);
}

test('a finished simulation is collected whole: no cache keeps its simulation, snapshot, nodes or pods', async () => {
  const refs = runAndForget(benchmarkInput({ nodes: 20, deployments: 6, replicas: 5 }), 30);
  assert.deepEqual(await collected(refs), [true, true, true, true]);
});

test('the same with spread constraints, pod anti-affinity, a Service, tolerations, init containers and probes', async () => {
  const refs = runAndForget({ objects: objectsFromTexts([['shop.yaml', MANIFESTS]]), cluster: defaultCluster() }, 7);
  assert.deepEqual(await collected(refs), [true, true, true, true]);
});
