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
    return this.queue.size > 0;
  }

  /** Processes every queued key once; keys added meanwhile wait for the next round. */
  drain(): number {
    if (this.queue.size === 0) return 0;
    const keys = this.queue;
    this.queue = new Set();
    for (const key of keys) this.sync(key);
    return keys.size;
  }

  protected abstract sync(key: string): void;
}
