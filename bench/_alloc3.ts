import { benchmarkCluster } from '../server/src/engine/cluster/scheduler/benchmark';
import { ClusterSnapshot } from '../server/src/engine/cluster/scheduler/framework/snapshot';
import { Scheduler } from '../server/src/engine/cluster/scheduler/scheduler';
import { PodInfo } from '../server/src/engine/cluster/scheduler/framework/podInfo';
const { nodes, replicaSets, pods } = benchmarkCluster({});
const snapshot = new ClusterSnapshot();
for (const n of nodes) snapshot.addNode(n);
for (const rs of replicaSets) snapshot.addController(rs);
const scheduler = new Scheduler({ seed: 1 });
let i = 0;
for (; i < 3000; i++) { const r = scheduler.schedule(pods[i]!, snapshot); snapshot.addPodInfo(r.podInfo!, r.selected!); }
const h = () => process.memoryUsage().heapUsed;
const profile = (scheduler as any).profile as { plugin: { name: string; cycle: Function } }[];
const N = 300;
const base = (() => { const b = h(); for (let k = 0; k < N; k++) h(); return (h() - b) / N; })();
const infos: PodInfo[] = [];
let b0 = h();
for (let k = 0; k < N; k++) infos.push(new PodInfo(pods[i + k]!));
console.log('PodInfo', Math.round((h() - b0) / N - base));
const keep: unknown[] = [];
for (const { plugin } of profile) {
  const b = h();
  for (let k = 0; k < N; k++) keep.push(plugin.cycle(infos[k], snapshot));
  console.log(plugin.name, Math.round((h() - b) / N - base));
}
b0 = h();
for (let k = 0; k < N; k++) keep.push(scheduler.schedule(pods[i + N + k]!, snapshot));
console.log('schedule', Math.round((h() - b0) / N - base));
