/**
 * `npm run bench:identity`: the simulator's results, hashed case by case, so a speed change can prove it
 * changed nothing a user sees. Prints one "case hash" line per simulation; with a file of an earlier run
 * (`BENCH_IDENTITY_BASE=before.txt`) it lists the cases whose results differ and exits 1 if any do.
 *
 * Cases: the benchmark's cluster at three scales (with and without explanations), every bundled example
 * and preview fixture under each scenario, a workload with taints, node affinity, spreading and
 * anti-affinity on 130 nodes, and 150 fuzzed manifest sets (fixed fast-check seed) with small budgets.
 *
 * To see how results differ: BENCH_IDENTITY_DUMP=dir writes each result as indented JSON there (BENCH_IDENTITY_ONLY=a,b
 * limits it to those cases); dump before and after a change, then diff the two directories.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { benchmarkInput } from '../server/src/engine/cluster/benchmark';
import { makeNode } from '../server/src/engine/cluster/defaultCluster';
import { objectsFromTexts, type ScenarioSpec, type SimulationInput } from '../server/src/engine/cluster/input';
import { simulate } from '../server/src/engine/cluster/simulate';
import { hostileFile, mutatedObject } from '../test/fuzz/manifests';
import { deployment } from '../test/helpers/sim';

const ROOT = join(__dirname, '..');
const SCENARIOS: ScenarioSpec[] = [{ kind: 'apply' }, { kind: 'node-failure' }, { kind: 'load' }, { kind: 'rollout', image: 'example/next:2' }];

function* cases(): Generator<[string, () => SimulationInput]> {
  for (const [nodes, deployments, replicas] of [[100, 20, 10], [300, 60, 20], [1000, 200, 50]] as const) {
    yield [`bench-${nodes}x${deployments}x${replicas}`, () => benchmarkInput({ nodes, deployments, replicas })];
  }
  yield ['bench-100x20x10-explained', () => ({ ...benchmarkInput({ nodes: 100, deployments: 20, replicas: 10 }), explainPlacements: true })];
  yield ['bench-300x60x20-node-failure', () => ({ ...benchmarkInput({ nodes: 300, deployments: 60, replicas: 20 }), scenario: { kind: 'node-failure' } })];
  const files = [
    ...readdirSync(join(ROOT, 'examples')).map((f) => join(ROOT, 'examples', f)),
    ...['preview', 'preview-hostile'].flatMap((d) => readdirSync(join(ROOT, 'test/fixtures', d)).map((f) => join(ROOT, 'test/fixtures', d, f))),
  ].filter((f) => /\.ya?ml$/.test(f));
  for (const file of files) {
    for (const scenario of SCENARIOS) {
      for (const explainPlacements of [true, false]) {
        yield [`${file.slice(ROOT.length + 1)}-${scenario.kind}-${explainPlacements ? 'explained' : 'bulk'}`, () => ({ objects: objectsFromTexts([[file, readFileSync(file, 'utf8')]]), scenario, explainPlacements })];
      }
    }
  }
  for (const scenario of SCENARIOS) {
    for (const explainPlacements of [true, false]) yield [`mixed-${scenario.kind}-${explainPlacements ? 'explained' : 'bulk'}`, () => ({ ...mixedWorkload(), scenario, explainPlacements })];
  }
  const budget = fc.record({ maxEvents: fc.integer({ min: 1, max: 5_000 }), maxPods: fc.integer({ min: 1, max: 300 }), maxSeconds: fc.integer({ min: 1, max: 900 }) });
  const scenario = fc.constantFrom<ScenarioSpec>(...SCENARIOS);
  const file = fc.oneof(hostileFile, fc.array(mutatedObject, { minLength: 1, maxLength: 3 }).map((os) => os.map((o) => { try { return stringify(o, { aliasDuplicateObjects: false }); } catch { return ''; } }).join('---\n')));
  const samples = fc.sample(fc.tuple(fc.array(file, { minLength: 1, maxLength: 3 }), scenario, fc.nat(), budget), { seed: 20261207, numRuns: 150 });
  for (const [i, [texts, spec, seed, limits]] of samples.entries()) {
    yield [`fuzz-${i}`, () => ({ objects: objectsFromTexts(texts.map((t, k) => [`f${k}.yaml`, t] as const)), scenario: spec, seed, budget: limits })];
  }
}

/** Taints (soft and hard), node affinity, spreading and anti-affinity on 130 nodes of two sizes. */
function mixedWorkload(): Pick<SimulationInput, 'objects' | 'cluster'> {
  const nodes = Array.from({ length: 130 }, (_, i) =>
    makeNode({ name: `node-${String(i).padStart(3, '0')}`, cpu: i % 5 === 0 ? '2' : '4', memory: '16Gi', pods: '110', labels: { 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}`, ...(i % 4 === 0 ? { disk: 'ssd' } : {}) } }),
  );
  for (const [i, n] of nodes.entries()) {
    if (i % 7 === 0) n.spec = { ...(n.spec ?? {}), taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] };
    if (i % 11 === 0) n.spec = { ...(n.spec ?? {}), taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] };
  }
  const texts = Array.from({ length: 24 }, (_, d) => {
    const extra = [
      '',
      'affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 50\n        preference: { matchExpressions: [{ key: disk, operator: In, values: [ssd] }] }',
      'tolerations:\n  - { key: spot, operator: Exists, effect: PreferNoSchedule }',
      `topologySpreadConstraints:\n  - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: app-${d} } } }`,
      `affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector: { matchLabels: { app: app-${d} } }`,
      'nodeSelector: { disk: ssd }',
    ][d % 6]!;
    const yaml = deployment(`app-${d}`, { replicas: 9 + (d % 4), cpu: ['100m', '250m', '700m', '1500m'][d % 4] });
    return extra ? yaml.replace('    spec:\n      containers:', `    spec:\n${extra.split('\n').map((l) => `      ${l}`).join('\n')}\n      containers:`) : yaml;
  });
  return { objects: objectsFromTexts([['apps.yaml', texts.join('---\n')]]), cluster: { nodes, objects: [], nodePools: [], origin: 'test' } };
}

function main(): void {
  const base = process.env.BENCH_IDENTITY_BASE ? new Map(readFileSync(process.env.BENCH_IDENTITY_BASE, 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string])) : undefined;
  const differ: string[] = [];
  const dump = process.env.BENCH_IDENTITY_DUMP;
  const only = process.env.BENCH_IDENTITY_ONLY ? new Set(process.env.BENCH_IDENTITY_ONLY.split(',')) : undefined;
  if (dump) mkdirSync(dump, { recursive: true });
  let n = 0;
  for (const [name, input] of cases()) {
    let result: string;
    try {
      result = JSON.stringify(simulate(input()));
    } catch (e) {
      result = `threw: ${e instanceof Error ? e.message : String(e)}`;
      process.stderr.write(`${name}: ${result}\n`);
    }
    const hash = createHash('sha256').update(result).digest('hex').slice(0, 16);
    if (dump && (only === undefined || only.has(name))) writeFileSync(join(dump, `${name.replace(/[^\w.-]+/g, '_')}.json`), `${JSON.stringify(JSON.parse(result.startsWith('threw') ? '{}' : result), null, 1)}\n`);
    process.stdout.write(`${name} ${hash}\n`);
    n++;
    if (base && base.get(name) !== hash) differ.push(name);
  }
  if (base) {
    process.stderr.write(differ.length === 0 ? `identity: all ${n} results as before\n` : `identity: ${differ.length} of ${n} results differ: ${differ.join(', ')}\n`);
    if (differ.length) process.exitCode = 1;
  }
}

main();
