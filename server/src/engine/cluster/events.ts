/**
 * The event recorder: what `kubectl get events` shows. Repeats of the same event on the same
 * object are folded into one entry with a count, as client-go's EventCorrelator does
 * (staging/src/k8s.io/client-go/tools/record/events_cache.go).
 */
import type { SimEvent } from './result';

/** Past this many distinct events on one object, repeats are found by message instead of by a scan. */
const SCAN_LIMIT = 16;

/**
 * One object's events. Folding looks them up here rather than by a composite
 * "object|type|reason|message" key: a run records tens of thousands of events, and each such key
 * would be a chain of concatenated strings kept alive (and copied by the GC) for the whole run.
 */
export interface ObjectEvents {
  /** The first string seen for the object: every event about it shares this one. */
  readonly object: string;
  events: SimEvent[];
  /** Built once the object has more than SCAN_LIMIT distinct events. */
  byMessage?: Map<string, SimEvent[]>;
}

export class EventRecorder {
  private readonly list: SimEvent[] = [];
  private readonly byObject = new Map<string, ObjectEvents>();
  /** Stops recording past this many entries (the budget guards memory, not correctness). */
  constructor(
    private readonly now: () => number,
    private readonly limit = 200_000,
  ) {}

  normal(object: string, reason: string, message: string): void {
    this.record(object, 'Normal', reason, message);
  }

  warning(object: string, reason: string, message: string): void {
    this.record(object, 'Warning', reason, message);
  }

  record(object: string, type: SimEvent['type'], reason: string, message: string): void {
    let entry = this.byObject.get(object);
    if (entry === undefined) {
      // past the budget nothing new is recorded: no entry either
      if (this.list.length >= this.limit) return;
      entry = this.add(object);
    }
    this.recordOn(entry, type, reason, message);
  }

  /**
   * One object's events, to record on with `recordOn` without looking the object up again: a kubelet records
   * several events for each pod it runs, among the entries of every object in the run.
   */
  of(object: string): ObjectEvents {
    return this.byObject.get(object) ?? this.add(object);
  }

  private add(object: string): ObjectEvents {
    const entry: ObjectEvents = { object, events: [] };
    this.byObject.set(object, entry);
    return entry;
  }

  recordOn(entry: ObjectEvents, type: SimEvent['type'], reason: string, message: string): void {
    const prev = find(entry, type, reason, message);
    const time = this.now();
    if (prev) {
      prev.count = (prev.count ?? 1) + 1;
      prev.lastTime = time;
      return;
    }
    if (this.list.length >= this.limit) return;
    const e: SimEvent = { time, object: entry.object, type, reason, message };
    this.list.push(e);
    // copies of exactly the right size while short (a push reserves room for 17; every pod has a few events)
    if (entry.events.length < SCAN_LIMIT) entry.events = appended(entry.events, e);
    else entry.events.push(e);
    if (entry.byMessage) index(entry.byMessage, e);
    else if (entry.events.length > SCAN_LIMIT) {
      entry.byMessage = new Map();
      for (const x of entry.events) index(entry.byMessage, x);
    }
  }

  get events(): readonly SimEvent[] {
    return this.list;
  }

  /** Events about one object, oldest first. */
  about(object: string): SimEvent[] {
    return this.list.filter((e) => e.object === object);
  }
}

function find(entry: ObjectEvents, type: SimEvent['type'], reason: string, message: string): SimEvent | undefined {
  const candidates = entry.byMessage ? entry.byMessage.get(message) : entry.events;
  if (candidates === undefined) return undefined;
  for (const e of candidates) if (e.message === message && e.reason === reason && e.type === type) return e;
  return undefined;
}

function index(byMessage: Map<string, SimEvent[]>, e: SimEvent): void {
  const same = byMessage.get(e.message);
  if (same) same.push(e);
  else byMessage.set(e.message, [e]);
}

/** A copy of `list` with `e` at the end, of exactly that length. */
function appended(list: readonly SimEvent[], e: SimEvent): SimEvent[] {
  const n = list.length;
  const out = new Array<SimEvent>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = e;
  return out;
}
