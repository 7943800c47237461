/**
 * CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, utils.go): at each activation of
 * the schedule it creates a Job named <cronjob>-<scheduled time in Unix minutes> from the jobTemplate
 * (annotated with batch.kubernetes.io/cronjob-scheduled-timestamp), unless the CronJob is suspended, the
 * start is later than startingDeadlineSeconds, or concurrencyPolicy says otherwise: Allow (default) runs
 * Jobs side by side, Forbid skips an activation while one is active (JobAlreadyActive), Replace deletes
 * the active ones first. Finished Jobs leave the active list (SawCompletedJob); beyond
 * successfulJobsHistoryLimit (3) / failedJobsHistoryLimit (1) the oldest are deleted with their pods.
 *
 * It wakes at each activation inside the simulated window (the run's time budget), and only then.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { TimedAction } from '../clock/eventQueue';
import { EPOCH_MS, controllerOf, keyOf, ownerReference, refOf, secondsOf, timestamp, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { nextActivation, parseSchedule, timeZoneOffsetMinutes, type Schedule } from './cron/schedule';

export type CronJobObject = CronJob & KObject;
type JobObject = Job & KObject;

const EPOCH_UNIX = EPOCH_MS / 1000;

export interface CronJobHost extends ControllerHost {
  /** Virtual time after which nothing is simulated (the run's budget): no wake-ups are set beyond it. */
  readonly horizon: number;
  /** Deletes an object the way the API server does, its dependents following (background propagation). */
  deleteWithDependents(obj: KObject): void;
}

function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

export class CronJobController extends Controller {
  readonly name = 'cronjob';
  private readonly wakeups = new Map<string, TimedAction>();

  constructor(protected override readonly host: CronJobHost) {
    super(host);
    host.store.watch('CronJob', (type, o) => {
      if (type === 'DELETED') host.clock.cancel(this.wakeups.get(keyOf(o)));
      else this.enqueue(keyOf(o));
    });
    host.store.watch('Job', (_type, job) => {
      const owner = controllerOf(job);
      if (owner?.kind === 'CronJob') this.enqueue(`${job.metadata.namespace}/${owner.name}`);
    });
  }

  protected sync(key: string): void {
    const cj = this.host.store.get<CronJobObject>('CronJob', key);
    if (!cj) return;
    const status = { ...(cj.status ?? {}) };
    const before = JSON.stringify(status);
    const jobs = [...this.host.store.byIndex<JobObject>('job-owner', cj.metadata.uid!)];
    this.reconcileActive(cj, status, jobs);
    const parsed = parseSchedule(cj.spec?.schedule ?? '');
    const now = EPOCH_UNIX + this.host.clock.now;
    if (cj.spec?.suspend !== true && parsed.schedule) {
      const schedule = parsed.schedule;
      const offset = cj.spec?.timeZone ? (timeZoneOffsetMinutes(cj.spec.timeZone, now) ?? 0) : 0;
      // nothing before the last scheduled time, nor (with startingDeadlineSeconds) before now − deadline:
      // a start missed by more than the deadline is skipped silently (utils.go mostRecentScheduleTime)
      let earliest = EPOCH_UNIX + secondsOf(status.lastScheduleTime ?? cj.metadata.creationTimestamp);
      const deadline = cj.spec?.startingDeadlineSeconds;
      if (typeof deadline === 'number') earliest = Math.max(earliest, now - deadline);
      const scheduled = mostRecentActivation(schedule, earliest, now, offset);
      if (scheduled !== undefined && scheduled !== EPOCH_UNIX + secondsOf(status.lastScheduleTime)) this.start(cj, status, scheduled, now);
      this.wakeAtNext(key, schedule, now, offset);
    }
    // after the start, over the Jobs listed before it (cronjob_controllerv2.go sync → cleanupFinishedJobs)
    this.cleanupFinished(cj, status, jobs);
    this.writeStatus(cj, status, before);
  }

  /** Finished Jobs leave the active list; vanished ones too (MissingJob). */
  private reconcileActive(cj: CronJobObject, status: NonNullable<CronJob['status']>, jobs: JobObject[]): void {
    let active = [...(status.active ?? [])];
    for (const job of jobs) {
      const found = active.some((r) => r.uid === job.metadata.uid);
      const condition = finishedCondition(job);
      if (condition) {
        if (found) {
          active = active.filter((r) => r.uid !== job.metadata.uid);
          this.host.events.normal(refOf(cj), 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${condition}`);
        }
        if (condition === 'Complete') {
          const ended = job.status?.completionTime;
          if (ended && (!status.lastSuccessfulTime || secondsOf(ended) > secondsOf(status.lastSuccessfulTime))) status.lastSuccessfulTime = ended;
        }
      } else if (!found) active.push(jobRef(job));
    }
    for (const r of active) {
      if (jobs.some((j) => j.metadata.uid === r.uid)) continue;
      this.host.events.normal(refOf(cj), 'MissingJob', `Active job went missing: ${r.name}`);
      active = active.filter((x) => x.uid !== r.uid);
    }
    if (active.length > 0) status.active = active;
    else delete status.active;
  }

  /** History limits: the oldest finished Jobs beyond the limits go, with their pods. */
  private cleanupFinished(cj: CronJobObject, status: NonNullable<CronJob['status']>, jobs: JobObject[]): void {
    const byStart = (a: JobObject, b: JobObject) => secondsOf(a.status?.startTime ?? a.metadata.creationTimestamp) - secondsOf(b.status?.startTime ?? b.metadata.creationTimestamp);
    const limits: ['Complete' | 'Failed', number][] = [
      ['Complete', cj.spec?.successfulJobsHistoryLimit ?? 3],
      ['Failed', cj.spec?.failedJobsHistoryLimit ?? 1],
    ];
    for (const [condition, limit] of limits) {
      const finished = jobs.filter((j) => finishedCondition(j) === condition && this.host.store.get('Job', keyOf(j))).sort(byStart);
      for (const job of finished.slice(0, Math.max(0, finished.length - limit))) this.deleteJob(cj, status, job);
    }
  }

  private deleteJob(cj: CronJobObject, status: NonNullable<CronJob['status']>, job: JobObject): void {
    this.host.deleteWithDependents(job);
    const active = (status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
    if (active.length > 0) status.active = active;
    else delete status.active;
    this.host.events.normal(refOf(cj), 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  }

  private start(cj: CronJobObject, status: NonNullable<CronJob['status']>, scheduled: number, now: number): void {
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (typeof deadline === 'number' && scheduled + deadline < now) {
      this.host.events.warning(refOf(cj), 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return;
    }
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    const active = status.active ?? [];
    if (policy === 'Forbid' && active.length > 0) {
      this.host.events.normal(refOf(cj), 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return;
    }
    if (policy === 'Replace') {
      for (const r of active) {
        const job = this.host.store.get<JobObject>('Job', `${r.namespace}/${r.name}`);
        if (job) this.deleteJob(cj, status, job);
      }
    }
    const template = cj.spec?.jobTemplate;
    const job: JobObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: `${cj.metadata.name}-${Math.floor(scheduled / 60)}`,
        namespace: cj.metadata.namespace,
        labels: { ...(template?.metadata?.labels ?? {}) },
        annotations: { ...(template?.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': timestamp(scheduled - EPOCH_UNIX) },
        ownerReferences: [ownerReference(cj)],
      },
      spec: structuredClone(template?.spec ?? { template: { spec: { containers: [] } } }),
    };
    const r = this.host.api.create(job);
    if (r.error !== undefined) {
      this.host.events.warning(refOf(cj), 'FailedCreate', `Error creating job: ${r.error}`);
      return;
    }
    this.host.events.normal(refOf(cj), 'SuccessfulCreate', `Created job ${r.object.metadata.name}`);
    status.active = [...(status.active ?? []), jobRef(r.object)];
    status.lastScheduleTime = timestamp(scheduled - EPOCH_UNIX);
  }

  private writeStatus(cj: CronJobObject, status: NonNullable<CronJob['status']>, before: string): void {
    if (JSON.stringify(status) === before) return;
    cj.status = status;
    this.host.store.update(cj);
  }

  /** Requeues at the next activation, if it falls inside the simulated window. */
  private wakeAtNext(key: string, schedule: Schedule, now: number, offset: number): void {
    this.host.clock.cancel(this.wakeups.get(key));
    this.wakeups.delete(key);
    const next = nextActivation(schedule, now, offset);
    if (next === undefined || next - EPOCH_UNIX > this.host.horizon) return;
    this.wakeups.set(key, this.host.clock.at(next - EPOCH_UNIX, () => this.enqueue(key)));
  }
}

/**
 * The latest activation in (earliest, now], or undefined (utils.go mostRecentScheduleTime). Upstream
 * estimates the count of missed activations only to warn about more than 100; the simulated window is
 * short enough to walk them.
 */
export function mostRecentActivation(schedule: Schedule, earliest: number, now: number, offset: number): number | undefined {
  if (schedule.kind === 'every') return now - earliest < schedule.seconds ? undefined : earliest + Math.floor((now - earliest) / schedule.seconds) * schedule.seconds;
  let latest: number | undefined;
  let t = nextActivation(schedule, earliest, offset);
  while (t !== undefined && t <= now) {
    latest = t;
    t = nextActivation(schedule, t, offset);
  }
  return latest;
}

function jobRef(job: JobObject): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion };
}

/** Go's time.RFC1123Z, in UTC: "Wed, 01 Jan 2025 00:05:00 +0000". */
function rfc1123z(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toUTCString().replace('GMT', '+0000');
}
