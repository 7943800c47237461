/**
 * The simulator figures, measured in a process of their own on the engine bundled as dist/ ships it
 * (esbuild, minified): the CLI and the language server run that bundle, not the per-file modules tsx
 * loads (which add a property load to every cross-module call and measured 20–40 % slower).
 *
 * Full run: one full-size run first (the JIT warms up, as in a language server that re-simulates on every
 * edit), then BENCH_SIM_RUNS runs (default 7); the figure is their median, and the cold first run is shown too.
 * No collection is forced between runs: a run may meet the garbage of the one before, as a language server's
 * next simulation does (a forced full GC shrinks the heap, and the next run then pays to grow it back). Prints one
 * JSON line.
 */
import { benchmarkSimulation } from '../server/src/engine/cluster/benchmark';
import { runSchedulerBenchmark } from '../server/src/engine/cluster/scheduler/benchmark';

const SCALE = { nodes: 1000, deployments: 200, replicas: 50 };
const RUNS = Number(process.env.BENCH_SIM_RUNS ?? 7);

const cold = benchmarkSimulation(SCALE);
const runs = Array.from({ length: RUNS }, () => benchmarkSimulation(SCALE));
const scheduler = runSchedulerBenchmark(SCALE);
process.stdout.write(`${JSON.stringify({ cold, runs, scheduler: { pods: scheduler.pods, scheduled: scheduler.scheduled, ms: scheduler.ms } })}\n`);
