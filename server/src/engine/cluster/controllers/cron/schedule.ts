/**
 * CronJob schedules as kube-controller-manager reads them (robfig/cron v3 `ParseStandard`, which
 * pkg/controller/cronjob uses): five fields — minute, hour, day of month, month, day of week — each
 * `*` or `?`, a number or name (JAN–DEC, SUN–SAT), a range `a-b`, a list `a,b`, a step `*∕n`, `a-b/n` or
 * `a/n` (= a to the maximum); descriptors @yearly (@annually), @monthly, @weekly, @daily (@midnight),
 * @hourly and `@every <duration>`. Day of month and day of week: when either field is `*` (or `?`)
 * both must match, otherwise either may (cron's historic OR rule, robfig spec.go dayMatches).
 *
 * Times are whole seconds of Unix time; `timeZoneOffsetMinutes` shifts wall-clock fields (the zone's
 * offset at the start of the run is used for the whole run: a DST change inside the simulated window
 * is not modelled).
 */

export type Schedule =
  | { kind: 'fields'; minute: bigint; hour: bigint; dom: bigint; month: bigint; dow: bigint; domStar: boolean; dowStar: boolean }
  | { kind: 'every'; seconds: number };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Parses a schedule; the error text follows robfig/cron's wording. */
export function parseSchedule(text: string): { schedule: Schedule; error?: undefined } | { schedule?: undefined; error: string } {
  const spec = text.trim();
  if (spec === '') return { error: 'empty spec string' };
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      const seconds = parseGoDuration(spec.slice('@every '.length).trim());
      if (seconds === undefined) return { error: `failed to parse duration ${spec}` };
      // a delay under a second is raised to one (robfig ConstantDelaySchedule)
      return { schedule: { kind: 'every', seconds: Math.max(1, Math.floor(seconds)) } };
    }
    const expanded = DESCRIPTORS[spec.toLowerCase()];
    if (!expanded) return { error: `unrecognized descriptor: ${spec}` };
    return parseSchedule(expanded);
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const bits: bigint[] = [];
  const stars: boolean[] = [];
  for (let i = 0; i < 5; i++) {
    const r = parseField(fields[i]!, FIELDS[i]!);
    if (typeof r === 'string') return { error: r };
    bits.push(r.bits);
    stars.push(r.star);
  }
  return { schedule: { kind: 'fields', minute: bits[0]!, hour: bits[1]!, dom: bits[2]!, month: bits[3]!, dow: bits[4]!, domStar: stars[2]!, dowStar: stars[4]! } };
}

function parseField(field: string, b: Bounds): { bits: bigint; star: boolean } | string {
  let bits = 0n;
  let star = false;
  for (const expr of field.split(',')) {
    const r = parseRange(expr, b);
    if (typeof r === 'string') return r;
    bits |= r.bits;
    star ||= r.star;
  }
  return { bits, star };
}

function parseRange(expr: string, b: Bounds): { bits: bigint; star: boolean } | string {
  const [range = '', stepText, ...extra] = expr.split('/');
  if (extra.length > 0) return `too many slashes: ${expr}`;
  const lowHigh = range.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowHigh[0] === '*' || lowHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    const s = parseIntOrName(lowHigh[0]!, b.names);
    if (typeof s === 'string') return s;
    start = s;
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) {
      const e = parseIntOrName(lowHigh[1]!, b.names);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (stepText !== undefined) {
    const n = parsePositiveInt(stepText);
    if (typeof n === 'string') return n;
    step = n;
    // "N/step" means N to the maximum
    if (lowHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  let bits = 0n;
  for (let v = start; v <= end; v += step) bits |= 1n << BigInt(v);
  return { bits, star };
}

function parseIntOrName(s: string, names: Record<string, number> | undefined): number | string {
  const named = names?.[s.toLowerCase()];
  if (named !== undefined) return named;
  return parsePositiveInt(s);
}

function parsePositiveInt(s: string): number | string {
  if (!/^\d+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`;
  return Number(s);
}

/** Go's time.ParseDuration for the units a schedule would use (h, m, s, ms), in seconds. */
function parseGoDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const v = Number(m[1]);
    total += m[2] === 'h' ? v * 3600 : m[2] === 'm' ? v * 60 : m[2] === 's' ? v : v / 1000;
  }
  return total;
}

const has = (bits: bigint, v: number) => ((bits >> BigInt(v)) & 1n) === 1n;

/**
 * The first activation strictly after `after` (Unix seconds), or undefined within five years
 * (robfig SpecSchedule.Next: advance the first field that does not match, resetting the smaller ones).
 */
export function nextActivation(schedule: Schedule, after: number, timeZoneOffsetMinutes = 0): number | undefined {
  if (schedule.kind === 'every') return after + schedule.seconds;
  const offset = timeZoneOffsetMinutes * 60;
  // wall-clock time as a UTC date; start at the next whole minute
  const d = new Date((Math.floor((after + offset) / 60) + 1) * 60_000);
  const limit = d.getUTCFullYear() + 5;
  const dayMatches = () => {
    const dom = has(schedule.dom, d.getUTCDate());
    const dow = has(schedule.dow, d.getUTCDay());
    return schedule.domStar || schedule.dowStar ? dom && dow : dom || dow;
  };
  while (d.getUTCFullYear() <= limit) {
    if (!has(schedule.month, d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches()) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!has(schedule.hour, d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!has(schedule.minute, d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime() / 1000 - offset;
  }
  return undefined;
}

/** The zone's UTC offset in minutes at `unixSeconds`, or undefined for a zone the runtime does not know. */
export function timeZoneOffsetMinutes(timeZone: string, unixSeconds: number): number | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(unixSeconds * 1000));
  } catch {
    return undefined;
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall / 1000 - unixSeconds) / 60);
}
