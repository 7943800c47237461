/**
 * Scheduler throughput: 10,000 pods (200 Deployments × 50 replicas) onto 1,000 nodes.
 *   npx tsx bench/scheduler.bench.ts [nodes] [deployments] [replicas]
 * Prints pods/s (median of 3 runs after a warm-up).
 */
import { runSchedulerBenchmark } from '../server/src/engine/cluster/scheduler/benchmark';

const [nodes = 1000, deployments = 200, replicas = 50] = process.argv.slice(2).map(Number);
runSchedulerBenchmark({ nodes: 100, deployments: 20, replicas: 10 }); // warm-up (JIT)
const runs = [0, 1, 2].map(() => runSchedulerBenchmark({ nodes, deployments, replicas }));
runs.sort((a, b) => a.ms - b.ms);
const r = runs[1]!;
console.log(
  `scheduler: ${r.pods} pods on ${r.nodes} nodes: ${r.scheduled} scheduled, ${r.unschedulable} unschedulable in ${r.ms.toFixed(0)} ms ` +
    `→ ${Math.round(r.podsPerSecond).toLocaleString('en-US')} pods/s (median of 3; runs ${runs.map((x) => x.ms.toFixed(0)).join(', ')} ms); ` +
    `CPU time ${r.cpuMs.toFixed(0)} ms → ${Math.round(r.pods / (r.cpuMs / 1000)).toLocaleString('en-US')} pods/s of CPU`,
);
