import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planContainerRun, probeTiming, type RunStep } from '../../../server/src/engine/cluster/kubelet/probePlan';
import { restartDelay, goDuration, type BackoffEntry } from '../../../server/src/engine/cluster/kubelet/backoff';

const show = (steps: RunStep[]) => steps.map((s) => `${s.at} ${s.kind}${s.kind === 'unhealthy' ? `:${s.probe}` : s.kind === 'end' ? `:${s.reason}` : ''}`);

test('probe defaults are upstream\'s: delay 0, period 10, timeout 1, success 1, failure 3', () => {
  assert.deepEqual(probeTiming({ httpGet: { port: 80 } }), { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  assert.equal(probeTiming(undefined), undefined);
});

test('a liveness probe kills a slow starter at the failureThreshold-th failing tick', () => {
  // ready after 30 s; liveness at 5, 15, 25 fails three times: killed at 25 s
  const steps = planContainerRun({ start: 0, upAt: 30, liveness: probeTiming({ initialDelaySeconds: 5 }) });
  assert.deepEqual(show(steps), ['0 started', '0 ready', '5 unhealthy:Liveness', '15 unhealthy:Liveness', '25 unhealthy:Liveness', '25 end:Liveness']);
});

test('a startup probe gates liveness and readiness until the app answers', () => {
  const steps = planContainerRun({
    start: 100,
    upAt: 130,
    startup: probeTiming({ periodSeconds: 10, failureThreshold: 6 }),
    liveness: probeTiming({ initialDelaySeconds: 5 }),
    readiness: probeTiming({}),
  });
  assert.deepEqual(show(steps), ['100 unhealthy:Startup', '110 unhealthy:Startup', '120 unhealthy:Startup', '130 started', '130 ready']);
});

test('a startup probe that allows less than the start-up time kills the container', () => {
  const steps = planContainerRun({ start: 0, upAt: 60, startup: probeTiming({ periodSeconds: 10, failureThreshold: 3 }) });
  assert.deepEqual(show(steps), ['0 unhealthy:Startup', '10 unhealthy:Startup', '20 unhealthy:Startup', '20 end:Startup']);
});

test('readiness needs successThreshold consecutive successes', () => {
  const steps = planContainerRun({ start: 0, upAt: 12, readiness: probeTiming({ periodSeconds: 5, successThreshold: 2 }) });
  assert.deepEqual(show(steps), ['0 started', '0 unhealthy:Readiness', '5 unhealthy:Readiness', '10 unhealthy:Readiness', '20 ready']);
});

test('an exit or an OOM kill ends the run; later steps are dropped', () => {
  assert.deepEqual(show(planContainerRun({ start: 0, upAt: 5, exitAt: 3, exitCode: 1, readiness: probeTiming({}) })), ['0 started', '0 unhealthy:Readiness', '3 end:Exited']);
  assert.deepEqual(show(planContainerRun({ start: 0, upAt: 5, oomAt: 5, readiness: probeTiming({ initialDelaySeconds: 5 }) })), ['0 started', '5 end:OOMKilled']);
});

test('CrashLoopBackOff: first restart immediate, then waits of 10, 20, 40 … capped at 300 s, forgotten after 600 s', () => {
  let entry: BackoffEntry | undefined;
  let t = 0;
  const waits: number[] = [];
  for (let i = 0; i < 9; i++) {
    t += 20; // the container runs 20 s and crashes
    const { wait, next } = restartDelay(entry, t);
    waits.push(wait);
    t += wait;
    entry = next(t);
  }
  assert.deepEqual(waits, [0, 10, 20, 40, 80, 160, 300, 300, 300]);
  // 600 s quiet: back to the start
  assert.equal(restartDelay(entry, t + 601).wait, 0);
  assert.equal(restartDelay(entry, t + 599).wait, 300);
});

test('durations print as Go does', () => {
  assert.deepEqual([goDuration(10), goDuration(80), goDuration(300), goDuration(0.5)], ['10s', '1m20s', '5m0s', '500ms']);
});
