/**
 * Runs work for a key once per burst: every request within the same turn of the event
 * loop (or within `delayMs`) collapses into one run that sees the latest state. A newer
 * request while a run is pending simply joins it; nothing stale is ever computed.
 */
export class Coalescer<K> {
  private readonly pending = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly run: (key: K) => void,
    private readonly delayMs = 0,
  ) {}

  request(key: K): void {
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.run(key);
      }, this.delayMs),
    );
  }

  cancel(key: K): void {
    const t = this.pending.get(key);
    if (t) clearTimeout(t);
    this.pending.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }
}
