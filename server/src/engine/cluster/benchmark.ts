/**
 * The simulator benchmark `npm run bench` runs: `deployments` × `replicas` pods applied to
 * `nodes` nodes (16 CPU / 64Gi / 110 pods each, three zones), run until steady.
 */
import { makeNode } from './defaultCluster';
import type { ClusterSpec } from './clusterFile';
import type { ManifestObject } from './input';
import { simulate } from './simulate';

export interface BenchmarkOptions {
  nodes: number;
  deployments: number;
  replicas: number;
}

/** The benchmark's input: its nodes as a cluster and its Deployments. */
export function benchmarkInput(options: BenchmarkOptions): { objects: ManifestObject[]; cluster: ClusterSpec } {
  const nodes = Array.from({ length: options.nodes }, (_, i) =>
    makeNode({ name: `node-${String(i).padStart(4, '0')}`, cpu: '16', memory: '64Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` } }),
  );
  const objects: ManifestObject[] = Array.from({ length: options.deployments }, (_, i) => ({
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: 'default' },
      spec: {
        replicas: options.replicas,
        selector: { matchLabels: { app: `app-${i}` } },
        template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: 'app', image: `example/app-${i % 20}:1.0`, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } },
      },
    },
  }));
  return { objects, cluster: { nodes, objects: [], nodePools: [], origin: 'benchmark' } };
}

export function benchmarkSimulation(options: BenchmarkOptions): { pods: number; scheduled: number; ready: number; ms: number; simulatedSeconds: number; events: number } {
  const input = benchmarkInput(options);
  const started = performance.now();
  const r = simulate(input);
  const ms = performance.now() - started;
  return { pods: r.pods.length, scheduled: r.pods.filter((p) => p.node !== null).length, ready: r.pods.filter((p) => p.ready).length, ms, simulatedSeconds: r.duration, events: r.events.length };
}
