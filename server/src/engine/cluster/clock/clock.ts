import { EventQueue, type TimedAction } from './eventQueue';

export interface ScheduleOptions {
  /** Periodic housekeeping that should not keep the simulation running on its own. */
  background?: boolean;
}

/**
 * The discrete-event virtual clock: time jumps from one scheduled action to the next,
 * so ten virtual minutes cost only as much as the actions in them.
 * Times are virtual seconds since the simulation started.
 */
export class VirtualClock {
  private current = 0;
  private seq = 0;
  readonly queue = new EventQueue();

  get now(): number {
    return this.current;
  }

  /** Runs `run` at virtual time `at` (never in the past). */
  at(at: number, run: () => void, options: ScheduleOptions = {}): TimedAction {
    const action: TimedAction = { time: Math.max(at, this.current), seq: this.seq++, background: options.background ?? false, cancelled: false, run };
    this.queue.push(action);
    return action;
  }

  after(delay: number, run: () => void, options: ScheduleOptions = {}): TimedAction {
    return this.at(this.current + Math.max(0, delay), run, options);
  }

  cancel(action: TimedAction | undefined): void {
    if (action) this.queue.cancel(action);
  }

  /** Takes the next due action and advances time to it; undefined when none is due by `until`. */
  next(until: number): TimedAction | undefined {
    const top = this.queue.peek();
    if (!top || top.time > until) return undefined;
    this.queue.pop();
    this.current = top.time;
    return top;
  }

  /** Takes the next action if it is due exactly at `time` (the current instant). */
  nextAt(time: number): TimedAction | undefined {
    const top = this.queue.peek();
    if (!top || top.time !== time) return undefined;
    this.queue.pop();
    return top;
  }

  /** Moves time forward without running anything (the end of a run). */
  advanceTo(t: number): void {
    if (t > this.current) this.current = t;
  }
}
