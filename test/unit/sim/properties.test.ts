import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'kubernetes-types/core/v1';
import { makeNode } from '../../../server/src/engine/cluster/defaultCluster';
import type { ManifestObject } from '../../../server/src/engine/cluster/input';
import { simulate } from '../../../server/src/engine/cluster/simulate';

const zones = ['a', 'b', 'c'];

const nodeArb = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memGi: fc.integer({ min: 1, max: 16 }),
  pods: fc.integer({ min: 2, max: 20 }),
  zone: fc.constantFrom(...zones),
  tainted: fc.boolean(),
});

const workloadArb = fc.record({
  replicas: fc.integer({ min: 0, max: 8 }),
  cpuMilli: fc.integer({ min: 0, max: 3000 }),
  memMi: fc.integer({ min: 0, max: 4096 }),
  zone: fc.option(fc.constantFrom(...zones), { nil: undefined }),
  tolerates: fc.boolean(),
  startup: fc.integer({ min: 0, max: 60 }),
  exitAfter: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  liveness: fc.option(fc.record({ delay: fc.integer({ min: 0, max: 30 }), period: fc.integer({ min: 1, max: 20 }), failures: fc.integer({ min: 1, max: 5 }) }), { nil: undefined }),
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job'),
});

type Workload = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(workloads: Workload[]): ManifestObject[] {
  return workloads.map((w, i) => {
    const requests: Record<string, string> = {};
    if (w.cpuMilli) requests.cpu = `${w.cpuMilli}m`;
    if (w.memMi) requests.memory = `${w.memMi}Mi`;
    const annotations: Record<string, string> = { 'sim.kubeplan.dev/startup-seconds': String(w.startup) };
    if (w.exitAfter !== undefined) annotations['sim.kubeplan.dev/exit-after-seconds'] = String(w.exitAfter);
    const container = {
      name: 'app',
      image: `example/app-${i % 3}:1`,
      resources: { requests },
      ...(w.liveness ? { livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: w.liveness.delay, periodSeconds: w.liveness.period, failureThreshold: w.liveness.failures } } : {}),
    };
    const podSpec = {
      ...(w.kind === 'Job' ? { restartPolicy: 'Never' } : {}),
      containers: [container],
      ...(w.zone ? { nodeSelector: { 'topology.kubernetes.io/zone': `zone-${w.zone}` } } : {}),
      ...(w.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
    };
    const name = `w${i}`;
    const spec: Record<string, unknown> = { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name }, annotations }, spec: podSpec } };
    if (w.kind === 'Deployment' || w.kind === 'StatefulSet') spec.replicas = w.replicas;
    if (w.kind === 'StatefulSet') spec.serviceName = name;
    if (w.kind === 'Job') {
      delete spec.selector;
      spec.completions = Math.max(1, w.replicas);
      spec.parallelism = 2;
    }
    return { object: { apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: w.kind, metadata: { name, namespace: 'default' }, spec } };
  });
}

function clusterOf(nodes: { cpu: number; memGi: number; pods: number; zone: string; tainted: boolean }[]) {
  const list: Node[] = nodes.map((n, i) =>
    makeNode({ name: `n${i}`, cpu: String(n.cpu), memory: `${n.memGi}Gi`, pods: String(n.pods), labels: { 'topology.kubernetes.io/zone': `zone-${n.zone}` }, taints: n.tainted ? [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] : [] }),
  );
  return { nodes: list, objects: [], nodePools: [], origin: 'property' };
}

const scenarioArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 5 }),
  workloads: fc.array(workloadArb, { minLength: 1, maxLength: 5 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  maxEvents: fc.integer({ min: 50, max: 20_000 }),
});

test('the simulator always terminates within its budget, whatever the manifests', () => {
  fc.assert(
    fc.property(scenarioArb, ({ nodes, workloads, seed, maxEvents }) => {
      const r = simulate({ objects: objectsOf(workloads), cluster: clusterOf(nodes), seed, budget: { maxEvents, maxSeconds: 600 } });
      assert.ok(r.duration <= 600);
      assert.ok(Array.isArray(r.pods) && Array.isArray(r.findings));
    }),
    { numRuns: 40 },
  );
});

test('no pod is bound to a node that fails its filters, and no node is over-committed', () => {
  fc.assert(
    fc.property(scenarioArb, ({ nodes, workloads, seed }) => {
      const cluster = clusterOf(nodes);
      const r = simulate({ objects: objectsOf(workloads), cluster, seed });
      const byName = new Map(cluster.nodes.map((n) => [n.metadata!.name!, n]));
      const objects = objectsOf(workloads);
      for (const p of r.pods) {
        if (!p.node) continue;
        const node = byName.get(p.node)!;
        assert.ok(node, `pod ${p.name} on unknown node ${p.node}`);
        const owner = objects.find((o) => p.name.startsWith(`${(o.object.metadata as { name: string }).name}-`));
        const podSpec = ((owner?.object.spec as { template: { spec: { nodeSelector?: Record<string, string>; tolerations?: unknown[] } } }).template.spec);
        for (const [k, v] of Object.entries(podSpec.nodeSelector ?? {})) assert.equal(node.metadata!.labels![k], v, `${p.name} on ${p.node} breaks its nodeSelector`);
        if ((node.spec?.taints ?? []).length) assert.ok(podSpec.tolerations?.length, `${p.name} on tainted ${p.node} without a toleration`);
      }
      for (const n of r.nodes) {
        assert.ok(n.requested.cpu <= n.allocatable.cpu, `${n.name}: cpu ${n.requested.cpu} > ${n.allocatable.cpu}`);
        assert.ok(n.requested.memory <= n.allocatable.memory, `${n.name}: memory over-committed`);
        assert.ok(n.requested.pods <= n.allocatable.pods, `${n.name}: too many pods`);
      }
    }),
    { numRuns: 40 },
  );
});
