/**
 * The API server's validation of the fields the simulator acts on (pkg/apis/<group>/validation), in its
 * words: `<Kind>.<group> "<name>" is invalid: <field>: Invalid value: <value>: <why>` (apimachinery
 * errors.NewInvalid). Most of the schema is checked by the linter; this covers what would otherwise make
 * a controller misbehave.
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { parseSchedule, timeZoneOffsetMinutes } from '../controllers/cron/schedule';
import type { KObject } from '../objects';

export function validate(obj: KObject): string | undefined {
  if (obj.kind === 'CronJob') return validateCronJob(obj as CronJob & KObject);
  return undefined;
}

/** ValidateCronJobSpec (pkg/apis/batch/validation/validation.go): schedule and timeZone. */
function validateCronJob(cj: CronJob & KObject): string | undefined {
  const invalid = (field: string, value: unknown, why: string) => `CronJob.batch "${cj.metadata.name}" is invalid: ${field}: Invalid value: ${JSON.stringify(value)}: ${why}`;
  const schedule = cj.spec?.schedule;
  if (typeof schedule !== 'string' || schedule === '') return `CronJob.batch "${cj.metadata.name}" is invalid: spec.schedule: Required value`;
  if (/TZ/.test(schedule)) return invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  const parsed = parseSchedule(schedule);
  if (parsed.error !== undefined) return invalid('spec.schedule', schedule, parsed.error);
  // validateTimeZone: "Local" would be the controller's own zone, so it must be explicit
  const tz = cj.spec?.timeZone;
  if (typeof tz !== 'string') return undefined;
  if (tz === '') return invalid('spec.timeZone', tz, 'timeZone must be nil or non-empty string');
  if (tz.toLowerCase() === 'local') return invalid('spec.timeZone', tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  if (timeZoneOffsetMinutes(tz, 0) === undefined) return invalid('spec.timeZone', tz, `unknown time zone ${tz}`);
  return undefined;
}
