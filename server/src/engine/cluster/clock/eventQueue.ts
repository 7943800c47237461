/**
 * A binary min-heap of timed actions ordered by (time, sequence): actions due at the same
 * virtual instant run in the order they were scheduled, so a run is reproducible.
 */
export interface TimedAction {
  readonly time: number;
  readonly seq: number;
  /** Background actions (periodic housekeeping) do not keep the simulation from settling. */
  readonly background: boolean;
  cancelled: boolean;
  readonly run: () => void;
}

export class EventQueue {
  private readonly heap: TimedAction[] = [];
  private foreground = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Pending actions that are neither cancelled nor background. */
  get pendingForeground(): number {
    return this.foreground;
  }

  push(action: TimedAction): void {
    if (!action.background) this.foreground++;
    const h = this.heap;
    h.push(action);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      swap(h, i, parent);
      i = parent;
    }
  }

  peek(): TimedAction | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): TimedAction | undefined {
    this.dropCancelled();
    const top = this.removeTop();
    // no longer pending: a later cancel() of an action that already ran must not count twice
    if (top) top.cancelled = true;
    return top;
  }

  /** Marks a pending action as cancelled; it is discarded when it reaches the top. */
  cancel(action: TimedAction): void {
    if (action.cancelled) return;
    action.cancelled = true;
    if (!action.background) this.foreground--;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop(true);
  }

  private removeTop(alreadyCounted = false): TimedAction | undefined {
    const h = this.heap;
    const top = h[0];
    if (!top) return undefined;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        swap(h, i, m);
        i = m;
      }
    }
    if (!alreadyCounted && !top.background && !top.cancelled) this.foreground--;
    return top;
  }
}

function before(a: TimedAction, b: TimedAction): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A plain swap: a destructuring swap builds an array per step wherever V8 does not optimize it away. */
function swap(h: TimedAction[], i: number, j: number): void {
  const t = h[i]!;
  h[i] = h[j]!;
  h[j] = t;
}
