/**
 * The simulator figures, measured in a process of their own on the engine bundled as dist/ ships it
 * (esbuild, minified): the CLI and the language server run that bundle, not the per-file modules tsx
 * loads (which add a property load to every cross-module call and measured 20–40 % slower).
 *
 * Full run: one full-size run first (the JIT warms up, as in a language server that re-simulates on every
 * edit), then BENCH_SIM_RUNS runs (default 5); the figure is their median, and the cold first run is shown too.
 * Each run starts from a collected heap (run with --expose-gc): what one run leaves behind is collected before
 * the next starts, not during it. Prints one JSON line.
 */
import { benchmarkSimulation } from '../server/src/engine/cluster/benchmark';
import { runSchedulerBenchmark } from '../server/src/engine/cluster/scheduler/benchmark';

const SCALE = { nodes: 1000, deployments: 200, replicas: 50 };
const RUNS = Number(process.env.BENCH_SIM_RUNS ?? 5);

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const cold = benchmarkSimulation(SCALE);
const runs = Array.from({ length: RUNS }, () => {
  collect();
  return benchmarkSimulation(SCALE);
});
collect();
const scheduler = runSchedulerBenchmark(SCALE);
process.stdout.write(`${JSON.stringify({ cold, runs, scheduler: { pods: scheduler.pods, scheduled: scheduler.scheduled, ms: scheduler.ms } })}\n`);
