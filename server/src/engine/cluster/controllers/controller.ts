/**
 * What every controller shares: a work queue of object keys (deduplicated, processed in the
 * order they were added, as client-go's workqueue) and the cluster services it acts through.
 */
import type { VirtualClock } from '../clock/clock';
import type { ApiServer } from '../apiserver/apiServer';
import type { EventRecorder } from '../events';
import type { SeededRandom } from '../random';
import type { Store } from '../store/store';

export interface ControllerHost {
  readonly clock: VirtualClock;
  readonly store: Store;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly random: SeededRandom;
}

export abstract class Controller {
  abstract readonly name: string;
  private queue = new Set<string>();

  constructor(protected readonly host: ControllerHost) {}

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Requeues a key after a delay (AddAfter); background delays don't keep a run alive. */
  enqueueAfter(key: string, seconds: number, background = false): void {
    this.host.clock.after(seconds, () => this.enqueue(key), { background });
  }

  get hasWork(): boolean {
    return this.queue.size > 0 || this.round !== undefined;
  }

  /** The round being processed, when `drain` stopped inside it; the next call resumes there. */
  private round: IterableIterator<string> | undefined;

  /**
   * Processes every queued key once; keys added meanwhile wait for the next round. When `stop`
   * says so (checked between keys) it returns early with the round unfinished (`midRound`): the next
   * call carries on with the same keys in the same order, so a round split over several calls does
   * exactly what one call does.
   */
  drain(stop?: () => boolean): number {
    if (!this.round) {
      if (this.queue.size === 0) return 0;
      this.round = this.queue.values();
      this.queue = new Set();
    }
    let n = 0;
    for (let next = this.round.next(); !next.done; next = this.round.next()) {
      this.sync(next.value);
      n++;
      if (stop?.()) return n;
    }
    this.round = undefined;
    return n;
  }

  /** True while a round `drain` was stopped in is unfinished. */
  get midRound(): boolean {
    return this.round !== undefined;
  }

  protected abstract sync(key: string): void;
}
