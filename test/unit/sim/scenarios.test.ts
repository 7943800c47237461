import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, lineOf, simulateYaml, timeline } from '../../helpers/sim';

const pod = (prefix: string) => (e: { object: string }) => e.object.startsWith(`Pod/default/${prefix}`);

test('liveness kills a slow starter at exactly the expected seconds, restarts back off 10, 20, 40 …', () => {
  const yaml = deployment('slow', {
    annotations: { 'sim.kubeplan.dev/startup-seconds': '30' },
    container: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  initialDelaySeconds: 5',
  });
  const r = simulateYaml(yaml);
  // image pulled in 3 s; probes at start+5, +15, +25 → killed 25 s after each start
  const killing = r.events.find((e) => pod('slow')(e) && e.reason === 'Killing')!;
  assert.equal(killing.time, 28);
  assert.equal(killing.message, 'Container app failed liveness probe, will be restarted');
  assert.equal(killing.count, 7);
  assert.equal(killing.lastTime, 488);
  // kills at 28 (restarted at once), 53, 88, 133, 198, 303, 488; waits of 10, 20, 40, 80, 160 s
  const back = r.timeline.filter((i) => i.pod.startsWith('default/slow') && i.state === 'CrashLoopBackOff').map((i) => [i.from, i.to]);
  assert.deepEqual(back, [[53, 63], [88, 108], [133, 173], [198, 278], [303, 463], [488, 600]]);
  const f = r.findings.find((x) => x.rule === 'sim-liveness-kills-startup')!;
  assert.match(f.message, /ready after 30 s, killed at 25 s/);
  assert.equal(f.source?.file, 'test.yaml');
  assert.equal(f.source?.range.start.line, lineOf(yaml, 'livenessProbe:'));
  const p = r.pods.find((x) => x.name.startsWith('slow'))!;
  assert.equal(p.restarts, 6);
});

test('a crashing container restarts immediately, then after 10, 20, 40, 80, 160 s', () => {
  const r = simulateYaml(deployment('crash', { annotations: { 'sim.kubeplan.dev/exit-after-seconds': '20' } }));
  const back = r.timeline.filter((i) => i.pod.startsWith('default/crash') && i.state === 'CrashLoopBackOff').map((i) => [i.from, i.to]);
  assert.deepEqual(back, [[43, 53], [73, 93], [113, 153], [173, 253], [273, 433], [453, 600]]);
  const crash = r.findings.find((f) => f.rule === 'sim-crash-loop')!;
  assert.equal(crash.message, 'container "app" exits with code 1 after 20 s and restarts in CrashLoopBackOff: 7 crashes in 600 s');
  const ev = r.events.find((e) => e.reason === 'BackOff')!;
  assert.match(ev.message, /^Back-off restarting failed container app in pod crash-[a-z0-9]+-[a-z0-9]{5}_default\(uid-[0-9a-f]+\)$/);
});

test('a container using more memory than its limit is OOMKilled when it finishes starting', () => {
  const yaml = deployment('hog', { limitMemory: '128Mi', annotations: { 'sim.kubeplan.dev/memory': '300Mi' } });
  const r = simulateYaml(yaml);
  // started at 3, holds its memory once up (5 s later): killed at 8, restarted at once, then back-off
  const oom = r.events.find((e) => e.reason === 'OOMKilling')!;
  assert.equal(oom.time, 8);
  assert.ok(r.timeline.some((i) => i.pod.startsWith('default/hog') && i.state === 'CrashLoopBackOff' && i.from === 13 && i.to === 23));
  const f = r.findings.find((x) => x.rule === 'sim-oom-killed')!;
  assert.match(f.message, /uses 300Mi but its memory limit is 128Mi/);
  assert.equal(f.source?.range.start.line, lineOf(yaml, 'memory: 128Mi', 'limits:'));
  assert.ok(r.events.some((e) => e.reason === 'OOMKilling' && e.object.startsWith('Node/')));
});

test('node failure: NotReady after the 50 s grace period, eviction 300 s later, replacements rescheduled elsewhere', () => {
  const r = simulateYaml(deployment('web', { replicas: 3 }), { scenario: { kind: 'node-failure', node: 'worker-a', at: 60 } });
  const node = r.events.filter((e) => e.object === 'Node/worker-a').map((e) => `${e.time} ${e.reason}`);
  // monitor ticks every 5 s; the first with heartbeat age > 50 s is 115
  assert.deepEqual(node, ['60 SimulatedFailure', '115 NodeNotReady']);
  const evicted = r.events.filter((e) => e.reason === 'TaintManagerEviction');
  assert.ok(evicted.length >= 1);
  for (const e of evicted) assert.equal(e.time, 415);
  const victims = new Set(evicted.map((e) => e.object));
  const replacements = r.events.filter((e) => e.reason === 'Scheduled' && e.time === 415);
  assert.equal(replacements.length, victims.size);
  for (const e of replacements) assert.doesNotMatch(e.message, /worker-a$/);
  const na = r.nodes.find((n) => n.name === 'worker-a')!;
  assert.equal(na.ready, false);
  assert.deepEqual(na.taints.map((t) => `${t.key}:${t.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  // the evicted pods stay Terminating (the kubelet is gone); the Deployment is whole again
  assert.equal(r.pods.filter((p) => p.reason === 'Terminating').length, victims.size);
  assert.equal(r.pods.filter((p) => p.ready).length, 3);
});

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
// a container that crashes every 20 s keeps the cluster from ever being steady (its restarts are always pending)
const NEVER_STEADY = `${deployment('web', { replicas: 3 })}---\n${SERVICE}---\n${deployment('crash', { annotations: { 'sim.kubeplan.dev/exit-after-seconds': '20' } })}`;

for (const scenario of [{ kind: 'node-failure' as const }, { kind: 'node-failure' as const, node: 'worker-a' }]) {
  test(`node failure on a cluster that never settles (as the page asks: ${JSON.stringify(scenario)}): the node fails at 120 s, NotReady at 175 s, evictions at 475 s`, () => {
    const r = simulateYaml(NEVER_STEADY, { scenario });
    const failure = r.events.find((e) => e.reason === 'SimulatedFailure')!;
    const failed = failure.object.replace('Node/', '');
    // no node given: the busiest worker (worker-b runs a web pod and the crashing pod)
    assert.equal(failed, scenario.node ?? 'worker-b');
    assert.deepEqual(r.events.filter((e) => e.object === failure.object).map((e) => `${e.time} ${e.reason}`), ['120 SimulatedFailure', '175 NodeNotReady']);
    const node = r.nodes.find((n) => n.name === failed)!;
    assert.equal(node.ready, false);
    assert.deepEqual(node.taints.map((t) => `${t.key}:${t.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    // pods on it: not Ready at 175 (out of the Service's ready endpoints), evicted after their 300 s toleration
    const victims = r.pods.filter((p) => p.node === failed);
    assert.ok(victims.length >= 1);
    for (const v of victims) {
      assert.equal(v.reason, 'Terminating', 'the kubelet is gone: they stay Terminating');
      const states = r.timeline.filter((i) => i.pod === `default/${v.name}`).map((i) => `${i.from} ${i.state}`);
      assert.equal(states.at(-1), '475 Terminating');
      if (v.name.startsWith('web-')) assert.equal(states.at(-2), '175 Running', 'Ready until the node is NotReady');
      assert.ok(r.events.some((e) => e.object === `Pod/default/${v.name}` && e.reason === 'TaintManagerEviction' && e.time === 475));
    }
    // replacements are placed elsewhere at 475 and the web Deployment is whole again behind its Service
    const replacements = r.events.filter((e) => e.reason === 'Scheduled' && e.time === 475);
    assert.equal(replacements.length, victims.length);
    for (const e of replacements) assert.doesNotMatch(e.message, new RegExp(`${failed}$`));
    const web = r.pods.filter((p) => p.name.startsWith('web-') && p.reason !== 'Terminating');
    assert.equal(web.length, 3);
    assert.ok(web.every((p) => p.ready && p.phase === 'Running' && p.node !== failed));
    const svc = r.services.find((s) => s.name === 'web')!;
    assert.deepEqual(svc.endpoints.ready, web.map((p) => `default/${p.name}`).sort());
    assert.ok(svc.endpoints.ready.every((k) => !victims.some((v) => k === `default/${v.name}`)));
  });
}

test('rollout on a cluster that never settles starts at 120 s', () => {
  const r = simulateYaml(NEVER_STEADY, { scenario: { kind: 'rollout', deployment: 'web' } });
  const scaling = r.events.filter((e) => e.reason === 'ScalingReplicaSet' && e.object === 'Deployment/default/web').map((e) => e.time);
  assert.deepEqual(scaling.slice(0, 2), [0, 120]);
  const web = r.pods.filter((p) => p.name.startsWith('web-'));
  assert.equal(web.length, 3);
  assert.equal(new Set(web.map((p) => p.name.split('-')[1])).size, 1, 'every pod from the new ReplicaSet');
  assert.ok(web.every((p) => p.ready));
});

const STATEFUL = `apiVersion: apps/v1
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
          resources:
            requests: { cpu: 100m, memory: 128Mi }
`;

test('a StatefulSet pod on a failed node stays Terminating and is not replaced: sim-statefulset-stuck says why and what to do', () => {
  const r = simulateYaml(STATEFUL, { scenario: { kind: 'node-failure', node: 'worker-a', at: 60 } });
  const onA = r.pods.filter((p) => p.node === 'worker-a');
  assert.equal(onA.length, 1);
  assert.equal(onA[0]!.reason, 'Terminating');
  assert.equal(r.pods.filter((p) => p.name.startsWith('db-')).length, 3, 'no fourth pod: the name is still taken');
  const f = r.findings.filter((x) => x.rule === 'sim-statefulset-stuck');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'warning');
  assert.equal(f[0]!.object, 'StatefulSet/default/db');
  assert.match(f[0]!.message, new RegExp(`^1 pod \\(${onA[0]!.name}\\) stays Terminating on the failed node worker-a from 415 s and is not replaced: a StatefulSet never runs two pods with one identity`));
  assert.match(f[0]!.message, /force-delete the pod \(kubectl delete pod --force --grace-period=0\)/);
  assert.equal(f[0]!.source?.range.start.line, 6, 'on spec.replicas');
  // a Deployment's pod is replaced, and nothing is reported without a failure
  assert.ok(!simulateYaml(STATEFUL).findings.some((x) => x.rule === 'sim-statefulset-stuck'));
  const d = simulateYaml(deployment('web', { replicas: 3 }), { scenario: { kind: 'node-failure', node: 'worker-a', at: 60 } });
  assert.ok(!d.findings.some((x) => x.rule === 'sim-statefulset-stuck'));
});

test('a namespace that does not exist is refused in the API server\'s words', () => {
  const r = simulateYaml(deployment('web', { namespace: 'shop' }));
  assert.deepEqual(r.applyErrors.map((e) => e.message), ['namespaces "shop" not found']);
  const f = r.findings.find((x) => x.rule === 'sim-apply-error')!;
  assert.equal(f.source?.range.start.line, 4, 'points at metadata.namespace');
  assert.equal(r.pods.length, 0);
});

test('a missing namespace is one finding, on its first object, counting the others and saying how to fix it', () => {
  const yaml = `${deployment('web', { namespace: 'shop' })}---\n${SERVICE.replace('namespace: default', 'namespace: shop')}---\n${deployment('api', { namespace: 'shop' })}---\n${deployment('batch', { namespace: 'jobs' })}`;
  const r = simulateYaml(yaml);
  assert.equal(r.applyErrors.length, 4, 'every refusal stays in the result');
  const f = r.findings.filter((x) => x.rule === 'sim-apply-error').map((x) => [x.message, x.source?.range.start.line]);
  assert.deepEqual(f, [
    ['Deployment/shop/web is refused: namespaces "shop" not found (as are 2 other objects in it): define the Namespace "shop" (kind: Namespace) in your manifests, or list it in the cluster file', lineOf(yaml, 'namespace: shop')],
    ['Deployment/jobs/batch is refused: namespaces "jobs" not found: define the Namespace "jobs" (kind: Namespace) in your manifests, or list it in the cluster file', lineOf(yaml, 'namespace: jobs')],
  ]);
});

test('a ResourceQuota lets only part of a Deployment in', () => {
  const r = simulateYaml(`
    apiVersion: v1
    kind: ResourceQuota
    metadata:
      name: compute
      namespace: default
    spec:
      hard:
        requests.cpu: "1"
    ---
    ${deployment('web', { replicas: 3, cpu: '400m' }).replace(/\n/g, '\n    ')}`);
  assert.equal(r.pods.length, 2);
  const ev = r.events.find((e) => e.reason === 'FailedCreate')!;
  assert.match(ev.message, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1$/);
  const f = r.findings.find((x) => x.rule === 'sim-quota-exceeded')!;
  assert.match(f.message, /^1 of 3 replicas is never created: /);
});

test('LimitRange defaults requests and enforces max with upstream messages', () => {
  const r = simulateYaml(`
    apiVersion: v1
    kind: LimitRange
    metadata:
      name: limits
      namespace: default
    spec:
      limits:
        - type: Container
          max:
            cpu: "1"
          default:
            cpu: 500m
          defaultRequest:
            cpu: 200m
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: big
      namespace: default
    spec:
      containers:
        - name: app
          image: example/app:1
          resources:
            limits:
              cpu: "2"
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: small
      namespace: default
    spec:
      containers:
        - name: app
          image: example/app:1
    `);
  assert.deepEqual(r.applyErrors.map((e) => e.message), ['pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2']);
  assert.equal(r.pods.find((p) => p.name === 'small')?.requests.cpu, 200);
});

test('the same seed gives the same run; another seed other names', () => {
  const yaml = deployment('web', { replicas: 5 });
  const a = JSON.stringify(simulateYaml(yaml, { seed: 7 }));
  assert.equal(JSON.stringify(simulateYaml(yaml, { seed: 7 })), a);
  assert.notEqual(JSON.stringify(simulateYaml(yaml, { seed: 8 })), a);
  const names = simulateYaml(yaml).pods.map((p) => p.name);
  for (const n of names) assert.match(n, /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('pods that fit nowhere stay Pending with kube-scheduler\'s message, pointing at the request', () => {
  const r = simulateYaml(deployment('big', { replicas: 4, cpu: '3' }));
  const pending = r.pods.filter((p) => p.node === null);
  assert.equal(pending.length, 1);
  assert.equal(pending[0]!.reason, 'Unschedulable');
  assert.match(pending[0]!.message!, /^0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 Insufficient cpu\./);
  const f = r.findings.find((x) => x.rule === 'sim-unschedulable')!;
  assert.match(f.message, /^1 of 4 replicas stays Pending: 0\/4 nodes are available/);
  assert.equal(f.source?.range.start.line, 20, 'points at requests.cpu');
  assert.equal(timeline(r, (e) => e.reason === 'FailedScheduling').length, 1);
});

test('a Service gets ready endpoints only from Ready pods, and says how long it had none', () => {
  const r = simulateYaml(`
    ${deployment('web', { replicas: 2, annotations: { 'sim.kubeplan.dev/startup-seconds': '40' }, container: 'readinessProbe:\n  tcpSocket:\n    port: 80' }).replace(/\n/g, '\n    ')}
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      namespace: default
    spec:
      selector:
        app: web
      ports:
        - port: 80
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: typo
      namespace: default
    spec:
      selector:
        app: webb
      ports:
        - port: 80
    `);
  const web = r.services.find((s) => s.name === 'web')!;
  assert.equal(web.endpoints.ready.length, 2);
  assert.equal(web.dns, 'web.default.svc.cluster.local');
  // started at 3, up at 43; readiness ticks at 3 + 10k: the tick at 43 succeeds
  assert.ok(r.findings.some((f) => f.rule === 'sim-no-ready-endpoints' && f.message === 'Service web has no ready endpoints for the first 43 s'));
  assert.ok(r.findings.some((f) => f.rule === 'sim-no-ready-endpoints' && f.severity === 'warning' && /Service typo has no ready endpoints: no running pod matches its selector app=webb/.test(f.message)));
});

test('malformed and unknown simulation annotations are findings, never crashes', () => {
  const r = simulateYaml(deployment('web', { annotations: { 'sim.kubeplan.dev/startup-seconds': 'half a minute', 'sim.kubeplan.dev/cpu-curve': '0:100m,30:lots', 'sim.kubeplan.dev/startup-second': '3' } }));
  const msgs = r.findings.filter((f) => f.rule === 'sim-bad-annotation').map((f) => f.message);
  assert.equal(msgs.length, 3, msgs.join('\n'));
  assert.ok(msgs.some((m) => /startup-seconds: "half a minute" is not a number of seconds/.test(m)));
  assert.ok(msgs.some((m) => /cpu-curve: "lots" is not a CPU quantity/.test(m)));
  assert.ok(msgs.some((m) => /unknown simulation annotation sim.kubeplan.dev\/startup-second /.test(m)));
  assert.ok(r.findings.every((f) => f.rule !== 'sim-bad-annotation' || f.source?.file === 'test.yaml'));
  assert.equal(r.pods[0]!.ready, true, 'defaults apply');
});
