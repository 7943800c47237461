import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { fenceposts, newRSNewReplicas, scaledValue } from '../../../server/src/engine/cluster/controllers/deployment';
import { desiredReplicas, scaleUpLimit } from '../../../server/src/engine/cluster/controllers/hpa';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import { isPodReady, type KObject } from '../../../server/src/engine/cluster/objects';
import { defaultCluster } from '../../../server/src/engine/cluster/simulate';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { dedent } from '../../helpers/lint';
import { deployment, simulateYaml } from '../../helpers/sim';

test('maxSurge rounds up, maxUnavailable rounds down, both default to 25 %', () => {
  assert.equal(scaledValue('25%', 10, true, '25%'), 3);
  assert.equal(scaledValue('25%', 10, false, '25%'), 2);
  assert.deepEqual(fenceposts({ spec: { replicas: 10, selector: {}, template: {} } }), { surge: 3, unavailable: 2 });
  assert.deepEqual(fenceposts({ spec: { replicas: 1, selector: {}, template: {} } }), { surge: 1, unavailable: 0 });
  // both zero is not allowed: unavailable becomes 1
  assert.deepEqual(fenceposts({ spec: { replicas: 4, selector: {}, template: {}, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } }), { surge: 0, unavailable: 1 });
  const d = { spec: { replicas: 10, selector: {}, template: {} } };
  assert.equal(newRSNewReplicas(d, [{ spec: { replicas: 10, selector: {} } }], undefined), 3);
  assert.equal(newRSNewReplicas(d, [{ spec: { replicas: 8, selector: {} } }, { spec: { replicas: 5, selector: {} } }], { spec: { replicas: 5, selector: {} } }), 5);
});

test('a rolling update never exceeds maxSurge nor drops below maxUnavailable, and finishes', () => {
  const yaml = deployment('web', { replicas: 10, container: 'readinessProbe:\n  httpGet:\n    path: /\n    port: 80' });
  const sim = new Simulation({ seed: 3, explainPlacements: false });
  sim.addCluster(defaultCluster());
  sim.apply(objectsFromTexts([['d.yaml', yaml]]));
  const run = (until: number) => {
    for (;;) {
      sim.settle();
      const a = sim.clock.next(until);
      if (!a) break;
      a.run();
    }
  };
  run(120);
  const pods = () => sim.store.list<Pod & KObject>('Pod').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed');
  assert.equal(pods().filter(isPodReady).length, 10);
  let maxTotal = 0;
  let minReady = Infinity;
  sim.store.watch('Pod', () => {
    maxTotal = Math.max(maxTotal, pods().length);
    minReady = Math.min(minReady, pods().filter(isPodReady).length);
  });
  const d = sim.store.get<KObject & { spec: { template: { spec: { containers: { image: string }[] } } } }>('Deployment', 'default/web')!;
  d.spec.template.spec.containers[0]!.image = 'example/web:2.0';
  sim.store.update(d, { specChanged: true });
  run(600);
  assert.ok(maxTotal <= 13, `at most 10 + 3 surge pods, saw ${maxTotal}`);
  assert.ok(minReady >= 8, `at least 10 - 2 ready pods, saw ${minReady}`);
  const now = pods();
  assert.equal(now.length, 10);
  assert.ok(now.every((p) => p.spec?.containers[0]?.image === 'example/web:2.0' && isPodReady(p)));
  const scaling = sim.events.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
  assert.match(scaling[1]!, /^Scaled up replica set web-\S+ to 3$/);
  assert.match(scaling[2]!, /^Scaled down replica set web-\S+ to 8 from 10$/);
});

test('the rollout scenario restarts a Deployment once it is steady and reports the whole run', () => {
  const r = simulateYaml(deployment('web', { replicas: 4 }), { scenario: { kind: 'rollout' } });
  const rs = new Set(r.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message.split(' ')[4]));
  assert.equal(rs.size, 2, 'an old and a new ReplicaSet');
  assert.equal(r.pods.filter((p) => p.ready).length, 4);
});

test('StatefulSet (OrderedReady) creates web-0, web-1, web-2 one after another once each is Ready', () => {
  const r = simulateYaml(`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
      namespace: default
    spec:
      replicas: 3
      serviceName: db
      selector:
        matchLabels: { app: db }
      template:
        metadata:
          labels: { app: db }
        spec:
          containers:
            - name: db
              image: example/db:1
              readinessProbe:
                tcpSocket: { port: 5432 }
    `);
  const created = r.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => [e.time, e.message]);
  assert.deepEqual(created.map((c) => c[1]), ['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful', 'create Pod db-2 in StatefulSet db successful']);
  const times = created.map((c) => c[0] as number);
  assert.ok(times[0]! < times[1]! && times[1]! < times[2]!, times.join());
  // db-0: pulled by 3, up at 8, readiness tick at 13 → db-1 created at 13
  assert.equal(times[1], 13);
  assert.deepEqual(r.pods.map((p) => p.name), ['db-0', 'db-1', 'db-2']);
});

test('DaemonSet runs one pod per eligible node, not on the tainted control plane', () => {
  const r = simulateYaml(`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: agent
      namespace: default
    spec:
      selector:
        matchLabels: { app: agent }
      template:
        metadata:
          labels: { app: agent }
        spec:
          containers:
            - name: agent
              image: example/agent:1
    `);
  assert.deepEqual(r.pods.map((p) => p.node).sort(), ['worker-a', 'worker-b', 'worker-c']);
  for (const p of r.pods) assert.match(p.name, /^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('Job: completions with parallelism; backoffLimit fails it', () => {
  const job = (name: string, extra: string) => dedent(`
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: ${name}
      namespace: default
    spec:
      completions: 3
      parallelism: 2
      ${extra}
      template:
        metadata:
          annotations:
            sim.kubeplan.dev/exit-after-seconds: "10"
            ${name === 'bad' ? 'sim.kubeplan.dev/exit-code: "1"' : ''}
        spec:
          restartPolicy: Never
          containers:
            - name: work
              image: example/work:1
    `);
  const ok = simulateYaml(job('good', ''));
  assert.equal(ok.pods.filter((p) => p.phase === 'Succeeded').length, 3);
  assert.ok(ok.events.some((e) => e.reason === 'Completed' && e.message === 'Job completed'));
  const bad = simulateYaml(job('bad', 'backoffLimit: 1'));
  const failed = bad.events.find((e) => e.reason === 'BackoffLimitExceeded')!;
  assert.equal(failed.message, 'Job has reached the specified backoff limit');
  assert.equal(bad.pods.filter((p) => p.phase === 'Failed').length, 2);
});

test('HPA: desired = ceil(ratio × ready pods) outside the 10 % tolerance; scale-up at most max(2 × current, 4)', () => {
  // 2 pods using 400m of 200m requested, target 50 %: ratio 4 → 8
  assert.equal(desiredReplicas(2, 800, 400, 2, 0, 0, 0.5), 8);
  // within tolerance: unchanged
  assert.equal(desiredReplicas(4, 420, 800, 4, 0, 0, 0.5), 4);
  assert.equal(desiredReplicas(10, 100, 2000, 10, 0, 0, 0.5), 1);
  // unready pods count as zero use when scaling up
  assert.equal(desiredReplicas(4, 440, 400, 2, 400, 2, 0.5), 5);
  assert.deepEqual([scaleUpLimit(1), scaleUpLimit(3), scaleUpLimit(10)], [4, 6, 20]);
});

const HPA = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: default
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: { type: Utilization, averageUtilization: 50 }
`;

test('load scenario: the HPA follows the cpu curve, scales up within limits and down after 300 s of stabilization', () => {
  const r = simulateYaml(deployment('web', { replicas: 2, cpu: '200m', annotations: { 'sim.kubeplan.dev/cpu-curve': '0:100m,60:400m,240:50m' } }) + HPA, { scenario: { kind: 'load' } });
  const rescale = r.events.filter((e) => e.reason === 'SuccessfulRescale').map((e) => `${e.time} ${e.message}`);
  assert.deepEqual(rescale, [
    '60 New size: 4; reason: cpu resource utilization (percentage of request) above target',
    '75 New size: 8; reason: cpu resource utilization (percentage of request) above target',
    '525 New size: 2; reason: All metrics below target',
  ]);
  const hpa = r.autoscalers![0]!;
  assert.equal(hpa.history.find((h) => h.time === 60)?.metric, 200);
  assert.equal(hpa.currentReplicas, 2);
  assert.equal(r.duration, 600);
});

test('an HPA whose target has no cpu request reports FailedGetResourceMetric and a finding', () => {
  const yaml = deployment('web', { replicas: 2 }).replace(/ +requests:\n +cpu: 100m\n/, '            requests:\n') + HPA;
  const r = simulateYaml(yaml, { scenario: { kind: 'load' } });
  const ev = r.events.find((e) => e.reason === 'FailedGetResourceMetric')!;
  assert.match(ev.message, /^failed to get cpu utilization: missing request for cpu in container app of Pod web-\S+$/);
  const cond = r.autoscalers![0]!.conditions.find((c) => c.type === 'ScalingActive')!;
  assert.equal(cond.status, 'False');
  assert.equal(cond.reason, 'FailedGetResourceMetric');
  assert.ok(r.findings.some((f) => f.rule === 'sim-hpa-no-metrics' && f.source?.file === 'test.yaml'));
});
