/**
 * Job controller (pkg/controller/job/job_controller.go): runs up to `parallelism` pods until
 * `completions` succeed; failed pods are replaced after a back-off of 10 s doubling up to
 * 10 min (DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff); more than `backoffLimit`
 * failures (restarts count too with restartPolicy OnFailure) fail the Job.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import { controllerOf, isPodActive, keyOf, refOf, timestamp, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';
import { createPod, type PodObject } from './podTemplate';

export type JobObject = Job & KObject;

export const POD_FAILURE_BACKOFF_SECONDS = 10;
export const MAX_POD_FAILURE_BACKOFF_SECONDS = 600;

export class JobController extends Controller {
  readonly name = 'job';
  private readonly lastFailureAt = new Map<string, number>();

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('Job', (type, o) => {
      if (type !== 'DELETED') this.enqueue(keyOf(o));
    });
    host.store.watch('Pod', (_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind === 'Job') this.enqueue(`${pod.metadata.namespace}/${owner.name}`);
    });
  }

  protected sync(key: string): void {
    const job = this.host.store.get<JobObject>('Job', key);
    if (!job || job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return;
    const pods = [...this.host.store.byIndex<PodObject>('pod-owner', job.metadata.uid!)];
    const active = pods.filter(isPodActive);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const restarts = job.spec?.template?.spec?.restartPolicy === 'OnFailure' ? pods.reduce((s, p) => s + (p.status?.containerStatuses ?? []).reduce((t, c) => t + (c.restartCount ?? 0), 0), 0) : 0;
    const failed = failedPods.length + restarts;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions;
    const now = this.host.clock.now;

    const finish = (type: 'Complete' | 'Failed', reason: string, message: string) => {
      for (const p of active) this.host.api.delete(p);
      job.status = { ...(job.status ?? {}), active: 0, succeeded, failed, ...(type === 'Complete' ? { completionTime: timestamp(now) } : {}), conditions: [{ type, status: 'True', reason, message, lastTransitionTime: timestamp(now) }] };
      this.host.store.update(job);
      if (type === 'Complete') this.host.events.normal(refOf(job), 'Completed', 'Job completed');
      else this.host.events.warning(refOf(job), reason, message);
    };
    if (failed > backoffLimit) return finish('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    const done = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
    if (done) return finish('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');

    const wantActive = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded);
    if (active.length < wantActive) {
      // new pods after failures wait out the pod-failure back-off
      if (failedPods.length > 0) {
        const lastFailure = this.lastFailureAt.get(key) ?? now;
        this.lastFailureAt.set(key, lastFailure);
        const delay = Math.min(POD_FAILURE_BACKOFF_SECONDS * 2 ** (failedPods.length - 1), MAX_POD_FAILURE_BACKOFF_SECONDS);
        if (now < lastFailure + delay) {
          this.enqueueAfter(key, lastFailure + delay - now);
          return this.updateStatus(job, active.length, succeeded, failed);
        }
        this.lastFailureAt.delete(key);
      }
      for (let i = active.length; i < wantActive; i++) {
        const r = createPod(this.host, job.spec?.template, job, {
          generateName: `${job.metadata.name}-`,
          labels: { 'batch.kubernetes.io/job-name': job.metadata.name, 'job-name': job.metadata.name, 'batch.kubernetes.io/controller-uid': job.metadata.uid!, 'controller-uid': job.metadata.uid! },
        });
        if (r.error) {
          this.enqueueAfter(key, 10, true);
          break;
        }
      }
    }
    this.updateStatus(job, [...this.host.store.byIndex<PodObject>('pod-owner', job.metadata.uid!)].filter(isPodActive).length, succeeded, failed);
  }

  private updateStatus(job: JobObject, active: number, succeeded: number, failed: number): void {
    const s = job.status;
    if (s && s.active === active && s.succeeded === succeeded && s.failed === failed) return;
    job.status = { ...(s ?? {}), active, succeeded, failed, startTime: s?.startTime ?? timestamp(this.host.clock.now) };
    this.host.store.update(job);
  }
}
