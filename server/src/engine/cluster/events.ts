/**
 * The event recorder: what `kubectl get events` shows. Repeats of the same event on the same
 * object are folded into one entry with a count, as client-go's EventCorrelator does
 * (staging/src/k8s.io/client-go/tools/record/events_cache.go).
 */
import type { SimEvent } from './result';

export class EventRecorder {
  private readonly list: SimEvent[] = [];
  private readonly byKey = new Map<string, SimEvent>();
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
    const key = `${object}\u0000${type}\u0000${reason}\u0000${message}`;
    const prev = this.byKey.get(key);
    const time = this.now();
    if (prev) {
      prev.count = (prev.count ?? 1) + 1;
      prev.lastTime = time;
      return;
    }
    if (this.list.length >= this.limit) return;
    const e: SimEvent = { time, object, type, reason, message };
    this.list.push(e);
    this.byKey.set(key, e);
  }

  get events(): readonly SimEvent[] {
    return this.list;
  }

  /** Events about one object, oldest first. */
  about(object: string): SimEvent[] {
    return this.list.filter((e) => e.object === object);
  }
}
