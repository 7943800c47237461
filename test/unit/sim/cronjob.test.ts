/**
 * CronJobs: schedules as robfig/cron's ParseStandard reads them, and the controller's Jobs at the
 * scheduled virtual times (the run starts at 2025-01-01T00:00:00Z, a Wednesday).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextActivation, parseSchedule, timeZoneOffsetMinutes, type Schedule } from '../../../server/src/engine/cluster/controllers/cron/schedule';
import { Simulation } from '../../../server/src/engine/cluster/simulation';
import { objectsFromTexts } from '../../../server/src/engine/cluster/input';
import { defaultCluster } from '../../../server/src/engine/cluster/simulate';
import { mostRecentActivation } from '../../../server/src/engine/cluster/controllers/cronjob';
import { lineOf, simulateYaml } from '../../helpers/sim';

const T0 = Date.UTC(2025, 0, 1) / 1000;
const iso = (unix: number | undefined) => (unix === undefined ? 'never' : new Date(unix * 1000).toISOString().replace('.000', ''));

function next(spec: string, from = T0, n = 3, offset = 0): string[] {
  const p = parseSchedule(spec);
  assert.ok(p.schedule, p.error);
  const out: string[] = [];
  let t: number | undefined = from;
  for (let i = 0; i < n && t !== undefined; i++) {
    t = nextActivation(p.schedule as Schedule, t, offset);
    out.push(iso(t));
  }
  return out;
}

test('five-field schedules: steps, ranges, lists and names', () => {
  assert.deepEqual(next('*/15 * * * *'), ['2025-01-01T00:15:00Z', '2025-01-01T00:30:00Z', '2025-01-01T00:45:00Z']);
  assert.deepEqual(next('5 4 * * *'), ['2025-01-01T04:05:00Z', '2025-01-02T04:05:00Z', '2025-01-03T04:05:00Z']);
  assert.deepEqual(next('0 9-17/4 * * MON-FRI', T0, 4), ['2025-01-01T09:00:00Z', '2025-01-01T13:00:00Z', '2025-01-01T17:00:00Z', '2025-01-02T09:00:00Z']);
  assert.deepEqual(next('0 0 1,15 * *'), ['2025-01-15T00:00:00Z', '2025-02-01T00:00:00Z', '2025-02-15T00:00:00Z']);
  assert.deepEqual(next('30 2 * FEB,jun *', T0, 2), ['2025-02-01T02:30:00Z', '2025-02-02T02:30:00Z']);
  // "a/n" runs from a to the maximum
  assert.deepEqual(next('50/5 * * * *'), ['2025-01-01T00:50:00Z', '2025-01-01T00:55:00Z', '2025-01-01T01:50:00Z']);
  // a schedule fires strictly after the given time
  assert.deepEqual(next('0 0 * * *', T0, 1), ['2025-01-02T00:00:00Z']);
  // February 30 never comes
  assert.deepEqual(next('0 0 30 2 *', T0, 1), ['never']);
});

test('day of month and day of week: either matches unless one is *', () => {
  // the 13th or any Friday (Jan 3 2025 is a Friday)
  assert.deepEqual(next('0 0 13 * 5', T0, 3), ['2025-01-03T00:00:00Z', '2025-01-10T00:00:00Z', '2025-01-13T00:00:00Z']);
  // "*/2" in day-of-week is a restriction (a step clears the star): Sunday, Tuesday, Thursday, Saturday, OR the 1st
  assert.deepEqual(next('0 0 1 * */2', T0, 3), ['2025-01-02T00:00:00Z', '2025-01-04T00:00:00Z', '2025-01-05T00:00:00Z']);
  // with day-of-month *, only day-of-week counts
  assert.deepEqual(next('0 0 * * SUN', T0, 2), ['2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z']);
});

test('descriptors and @every', () => {
  assert.deepEqual(next('@hourly', T0, 2), ['2025-01-01T01:00:00Z', '2025-01-01T02:00:00Z']);
  assert.deepEqual(next('@daily', T0, 1), ['2025-01-02T00:00:00Z']);
  assert.deepEqual(next('@midnight', T0, 1), ['2025-01-02T00:00:00Z']);
  assert.deepEqual(next('@weekly', T0, 1), ['2025-01-05T00:00:00Z']);
  assert.deepEqual(next('@monthly', T0, 1), ['2025-02-01T00:00:00Z']);
  assert.deepEqual(next('@yearly', T0, 1), ['2026-01-01T00:00:00Z']);
  assert.deepEqual(next('@annually', T0, 1), ['2026-01-01T00:00:00Z']);
  assert.deepEqual(next('@every 90s', T0, 2), ['2025-01-01T00:01:30Z', '2025-01-01T00:03:00Z']);
  assert.deepEqual(next('@every 1h30m', T0, 1), ['2025-01-01T01:30:00Z']);
});

test('time zones shift the wall clock', () => {
  // 09:00 in New York (UTC−5 in January) is 14:00 UTC
  const offset = timeZoneOffsetMinutes('America/New_York', T0)!;
  assert.equal(offset, -300);
  assert.deepEqual(next('0 9 * * *', T0, 1, offset), ['2025-01-01T14:00:00Z']);
  assert.equal(timeZoneOffsetMinutes('Asia/Kolkata', T0), 330);
  assert.equal(timeZoneOffsetMinutes('Mars/Olympus_Mons', T0), undefined);
});

test('the latest of several missed activations is the one that starts', () => {
  const every = parseSchedule('@every 7s').schedule!;
  const minutes = parseSchedule('*/5 * * * *').schedule!;
  // 1,000 missed: no give-up at 100
  assert.equal(iso(mostRecentActivation(every, T0, T0 + 7000, 0)), '2025-01-01T01:56:40Z');
  assert.equal(mostRecentActivation(every, T0, T0 + 6, 0), undefined);
  assert.equal(iso(mostRecentActivation(minutes, T0, T0 + 86_400 + 299, 0)), '2025-01-02T00:00:00Z');
  assert.equal(mostRecentActivation(minutes, T0, T0 + 299, 0), undefined);
});

test('malformed schedules get robfig/cron\'s message', () => {
  assert.equal(parseSchedule('* * * *').error, 'expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(parseSchedule('61 * * * *').error, 'end of range (61) above maximum (59): 61');
  assert.equal(parseSchedule('0 0 0 * *').error, 'beginning of range (0) below minimum (1): 0');
  assert.equal(parseSchedule('5-1 * * * *').error, 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(parseSchedule('x * * * *').error, 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(parseSchedule('@fortnightly').error, 'unrecognized descriptor: @fortnightly');
  assert.equal(parseSchedule('*/0 * * * *').error, 'step of range should be a positive number: */0');
});

function cronJob(options: { schedule?: string; extra?: string; runSeconds?: number; exitCode?: number; timeZone?: string } = {}): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
  namespace: default
spec:
  schedule: "${options.schedule ?? '*/2 * * * *'}"
${options.timeZone ? `  timeZone: ${options.timeZone}\n` : ''}${options.extra ?? ''}  jobTemplate:
    metadata:
      labels: { team: ops }
    spec:
      backoffLimit: 0
      template:
        metadata:
          annotations:
            sim.kubeplan.dev/exit-after-seconds: "${options.runSeconds ?? 30}"
            sim.kubeplan.dev/exit-code: "${options.exitCode ?? 0}"
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
              resources: { requests: { cpu: 100m, memory: 64Mi } }
`;
}

const cronEvents = (r: ReturnType<typeof simulateYaml>) =>
  r.events.filter((e) => e.object === 'CronJob/default/tick').map((e) => `${e.time} ${e.reason}: ${e.message}${e.count ? ` (x${e.count})` : ''}`);

test('Allow: a Job at every activation in the window, named by its scheduled minute; the oldest beyond 3 successful is deleted', () => {
  const r = simulateYaml(cronJob());
  // Job names: <cronjob>-<scheduled Unix time in minutes>; T0 is minute 28928160
  assert.deepEqual(cronEvents(r), [
    '120 SuccessfulCreate: Created job tick-28928162',
    // image pulled in 3 s (first time), then the 30 s run
    '153 SawCompletedJob: Saw completed job: tick-28928162, condition: Complete',
    '240 SuccessfulCreate: Created job tick-28928164',
    '273 SawCompletedJob: Saw completed job: tick-28928164, condition: Complete',
    '360 SuccessfulCreate: Created job tick-28928166',
    '390 SawCompletedJob: Saw completed job: tick-28928166, condition: Complete',
    '480 SuccessfulCreate: Created job tick-28928168',
    '510 SawCompletedJob: Saw completed job: tick-28928168, condition: Complete',
    '510 SuccessfulDelete: Deleted job tick-28928162',
    '600 SuccessfulCreate: Created job tick-28928170',
  ]);
  const pods = r.pods.map((p) => `${p.name.replace(/-[a-z0-9]{5}$/, '')} ${p.owner} ${p.phase}`);
  assert.deepEqual(pods, ['tick-28928164 CronJob/tick Succeeded', 'tick-28928166 CronJob/tick Succeeded', 'tick-28928168 CronJob/tick Succeeded', 'tick-28928170 CronJob/tick Running']);
  assert.equal(r.duration, 600, 'the run covers the window');
});

test('Forbid skips activations while a Job runs and starts the missed one when it finishes (no startingDeadlineSeconds)', () => {
  const r = simulateYaml(cronJob({ extra: '  concurrencyPolicy: Forbid\n', runSeconds: 200 }));
  const lines = cronEvents(r);
  assert.deepEqual(lines.filter((l) => !l.includes('JobAlreadyActive')), [
    '120 SuccessfulCreate: Created job tick-28928162',
    '323 SawCompletedJob: Saw completed job: tick-28928162, condition: Complete',
    '323 SuccessfulCreate: Created job tick-28928164',
    '526 SawCompletedJob: Saw completed job: tick-28928164, condition: Complete',
    '526 SuccessfulCreate: Created job tick-28928168',
  ]);
  assert.match(lines.find((l) => l.includes('JobAlreadyActive'))!, /^240 JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid/);
  // never two at once
  const running = r.timeline.filter((i) => i.pod.startsWith('default/tick-') && i.state !== 'Succeeded' && i.state !== 'Pending');
  for (const a of running) for (const b of running) if (a.pod !== b.pod) assert.ok(a.to <= b.from || b.to <= a.from, `${a.pod} and ${b.pod} overlap`);
});

test('Forbid with startingDeadlineSeconds: an activation missed by more than the deadline is skipped', () => {
  const r = simulateYaml(cronJob({ extra: '  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 30\n', runSeconds: 200 }));
  const lines = cronEvents(r);
  // the controller looks no further back than now − 30 s: when the first Job ends at 323, the 00:04
  // activation (240) is out of reach and nothing starts until 00:06 (utils.go mostRecentScheduleTime)
  assert.deepEqual(lines, [
    '120 SuccessfulCreate: Created job tick-28928162',
    // at 240 and again at 480 (the recorder counts repeats of one event)
    '240 JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid (x2)',
    '323 SawCompletedJob: Saw completed job: tick-28928162, condition: Complete',
    '360 SuccessfulCreate: Created job tick-28928166',
    '560 SawCompletedJob: Saw completed job: tick-28928166, condition: Complete',
    '600 SuccessfulCreate: Created job tick-28928170',
  ]);
});

test('Replace deletes the running Job (and its pod) at the next activation', () => {
  const r = simulateYaml(cronJob({ extra: '  concurrencyPolicy: Replace\n', runSeconds: 200 }));
  assert.deepEqual(cronEvents(r).slice(0, 4), [
    '120 SuccessfulCreate: Created job tick-28928162',
    '240 SuccessfulDelete: Deleted job tick-28928162',
    '240 SuccessfulCreate: Created job tick-28928164',
    '360 SuccessfulDelete: Deleted job tick-28928164',
  ]);
  const first = r.timeline.filter((i) => i.pod.startsWith('default/tick-28928162-')).map((i) => `${i.from}-${i.to} ${i.state}`);
  assert.equal(first.at(-1), '240-241 Terminating', 'its pod is stopped gracefully');
});

test('failed Jobs: one kept (failedJobsHistoryLimit 1), older ones deleted', () => {
  const r = simulateYaml(cronJob({ runSeconds: 10, exitCode: 1 }));
  const lines = cronEvents(r);
  assert.deepEqual(lines.slice(0, 5), [
    '120 SuccessfulCreate: Created job tick-28928162',
    '133 SawCompletedJob: Saw completed job: tick-28928162, condition: Failed',
    '240 SuccessfulCreate: Created job tick-28928164',
    '253 SawCompletedJob: Saw completed job: tick-28928164, condition: Failed',
    '253 SuccessfulDelete: Deleted job tick-28928162',
  ]);
  assert.deepEqual(r.pods.filter((p) => p.phase === 'Failed').map((p) => p.name.replace(/-[a-z0-9]{5}$/, '')), ['tick-28928168']);
});

test('suspend: no Job, and the run ends as soon as the cluster is steady', () => {
  const r = simulateYaml(cronJob({ extra: '  suspend: true\n' }));
  assert.deepEqual(cronEvents(r), []);
  assert.equal(r.duration, 0);
});

test('an activation beyond the window keeps nothing waiting: an hourly CronJob ends the run when steady', () => {
  const r = simulateYaml(cronJob({ schedule: '@hourly' }));
  assert.deepEqual(cronEvents(r), []);
  assert.equal(r.duration, 0);
});

test('timeZone: the schedule reads the zone\'s wall clock', () => {
  // 00:05 in Kolkata (UTC+5:30) is 18:35 UTC the day before: beyond a 10-minute window; UTC+0 fires at 300
  assert.deepEqual(cronEvents(simulateYaml(cronJob({ schedule: '5 0 * * *', timeZone: 'Asia/Kolkata' }))), []);
  assert.deepEqual(cronEvents(simulateYaml(cronJob({ schedule: '5 0 * * *', timeZone: 'Etc/UTC' }))).slice(0, 1), ['300 SuccessfulCreate: Created job tick-28928165']);
  // 05:35 Kolkata = 00:05 UTC
  assert.deepEqual(cronEvents(simulateYaml(cronJob({ schedule: '35 5 * * *', timeZone: 'Asia/Kolkata' }))).slice(0, 1), ['300 SuccessfulCreate: Created job tick-28928165']);
});

test('an invalid schedule or time zone is refused by the API server, pointing at the field', () => {
  const bad = cronJob({ schedule: '*/5 * * *' });
  const r = simulateYaml(bad);
  assert.deepEqual(r.applyErrors.map((e) => e.message), ['CronJob.batch "tick" is invalid: spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]']);
  const f = r.findings.find((x) => x.rule === 'sim-apply-error')!;
  assert.equal(f.source?.range.start.line, lineOf(bad, 'schedule:'));
  const tz = simulateYaml(cronJob({ timeZone: 'Mars/Olympus_Mons' }));
  assert.deepEqual(tz.applyErrors.map((e) => e.message), ['CronJob.batch "tick" is invalid: spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons']);
  assert.match(simulateYaml(cronJob({ timeZone: 'Local' })).applyErrors[0]!.message, /spec\.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https:\/\/www\.iana\.org\/time-zones$/);
  assert.match(simulateYaml(cronJob({ timeZone: '""' })).applyErrors[0]!.message, /spec\.timeZone: Invalid value: "": timeZone must be nil or non-empty string$/);
  assert.match(simulateYaml(cronJob({ schedule: 'TZ=UTC 0 * * * *' })).applyErrors[0]!.message, /cannot use TZ or CRON_TZ in schedule, use timeZone field instead$/);
});

test('Jobs carry the template\'s labels, the scheduled-timestamp annotation and the CronJob as controller', () => {
  const sim = new Simulation({ seed: 1, explainPlacements: false, horizon: 600 });
  sim.addCluster(defaultCluster());
  sim.apply(objectsFromTexts([['c.yaml', cronJob()]]));
  for (;;) {
    sim.settle();
    const a = sim.clock.next(130);
    if (!a) break;
    a.run();
  }
  const job = sim.store.get('Job', 'default/tick-28928162')!;
  assert.deepEqual(job.metadata.labels, { team: 'ops' });
  assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2025-01-01T00:02:00Z');
  assert.deepEqual(job.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name} ${o.controller}`), ['CronJob/tick true']);
  const cj = sim.store.get('CronJob', 'default/tick') as unknown as { status: { active: { name: string }[]; lastScheduleTime: string } };
  assert.deepEqual(cj.status.active.map((a) => a.name), ['tick-28928162']);
  assert.equal(cj.status.lastScheduleTime, '2025-01-01T00:02:00Z');
});
