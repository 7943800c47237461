/**
 * The scheduler benchmark behind `npm run bench` ("the simulator schedules 10,000 pods (200 Deployments
 * × 50 replicas) onto 1,000 nodes"): a synthetic cluster of zoned nodes, Deployments whose pods carry
 * their ReplicaSet owner (so PodTopologySpread's default constraints are active, as in a real cluster),
 * scheduled one pod at a time and bound into the snapshot, as the simulator's control loop does.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ClusterSnapshot } from './framework/snapshot';
import { Scheduler } from './scheduler';

export interface BenchmarkOptions {
  nodes?: number;
  deployments?: number;
  replicas?: number;
  zones?: number;
  seed?: number;
}

export interface BenchmarkFigures {
  nodes: number;
  pods: number;
  scheduled: number;
  unschedulable: number;
  /** Wall time of the scheduling loop (schedule + bind into the snapshot), ms. */
  ms: number;
  /** CPU time of the loop (user + system), ms: what the figure would be on an idle machine. */
  cpuMs: number;
  podsPerSecond: number;
}

const CPU = ['100m', '250m', '500m'];
const MEMORY = ['128Mi', '256Mi', '512Mi'];

export function benchmarkCluster(o: BenchmarkOptions = {}): { nodes: Node[]; replicaSets: { kind: string; metadata: { name: string; namespace: string }; spec: { selector: object } }[]; pods: Pod[] } {
  const nodeCount = o.nodes ?? 1000;
  const deployments = o.deployments ?? 200;
  const replicas = o.replicas ?? 50;
  const zones = o.zones ?? 3;
  const nodes: Node[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const name = `node-${String(i).padStart(4, '0')}`;
    nodes.push({
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % zones}` } },
      status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '100Gi' } },
    });
  }
  const replicaSets = [];
  const pods: Pod[] = [];
  for (let d = 0; d < deployments; d++) {
    const app = `app-${d}`;
    const rs = `${app}-7d9f8c6b5`;
    replicaSets.push({ kind: 'ReplicaSet', metadata: { name: rs, namespace: 'default' }, spec: { selector: { matchLabels: { app, 'pod-template-hash': '7d9f8c6b5' } } } });
    for (let r = 0; r < replicas; r++) {
      pods.push({
        metadata: {
          name: `${rs}-${r.toString(36).padStart(5, '0')}`,
          namespace: 'default',
          labels: { app, 'pod-template-hash': '7d9f8c6b5' },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rs, controller: true }],
        },
        spec: {
          containers: [{ name: 'app', image: `registry/${app}:1`, resources: { requests: { cpu: CPU[d % 3]!, memory: MEMORY[(d >> 1) % 3]! } } }],
        },
      });
    }
  }
  return { nodes, replicaSets, pods };
}

/** Schedules the whole workload; returns the figures (the placements are deterministic for the seed). */
export function runSchedulerBenchmark(o: BenchmarkOptions = {}): BenchmarkFigures & { placements: (string | null)[] } {
  const { nodes, replicaSets, pods } = benchmarkCluster(o);
  const snapshot = new ClusterSnapshot();
  for (const n of nodes) snapshot.addNode(n);
  for (const rs of replicaSets) snapshot.addController(rs);
  const scheduler = new Scheduler({ seed: o.seed ?? 1 });
  const placements: (string | null)[] = [];
  let scheduled = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (const pod of pods) {
    const r = scheduler.schedule(pod, snapshot);
    placements.push(r.selected);
    if (r.selected && r.podInfo) {
      snapshot.addPodInfo(r.podInfo, r.selected);
      scheduled++;
    }
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { nodes: nodes.length, pods: pods.length, scheduled, unschedulable: pods.length - scheduled, ms, cpuMs, podsPerSecond: pods.length / (ms / 1000), placements };
}

/** The scheduler-only figures in their short form (pods, scheduled, wall ms). */
export function benchmarkScheduling(options: { nodes: number; deployments: number; replicas: number }): { pods: number; scheduled: number; ms: number } {
  const r = runSchedulerBenchmark(options);
  return { pods: r.pods, scheduled: r.scheduled, ms: r.ms };
}
