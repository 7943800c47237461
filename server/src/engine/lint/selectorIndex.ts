import { selectorMatches, type Labels, type LabelSelector } from '../kube/labels';

/**
 * Selectors (of PodDisruptionBudgets, NetworkPolicies, …) indexed so that finding the ones
 * matching a pod's labels looks only at selectors sharing one of its label pairs, plus the
 * few without matchLabels: linear in the workspace, not selectors × pods.
 */
export class SelectorIndex<T> {
  private readonly byPair = new Map<string, { selector: LabelSelector; item: T }[]>();
  private readonly unindexed: { selector: LabelSelector; item: T }[] = [];

  add(selector: LabelSelector, item: T): void {
    const first = Object.entries(selector.matchLabels)[0];
    const entry = { selector, item };
    if (!first) {
      this.unindexed.push(entry);
      return;
    }
    // every pair must match, so filing under one pair finds it
    const key = `${first[0]}=${first[1]}`;
    const list = this.byPair.get(key);
    if (list) list.push(entry);
    else this.byPair.set(key, [entry]);
  }

  /** Items whose selector matches `labels`. */
  matching(labels: Labels): T[] {
    const out: T[] = [];
    for (const e of this.unindexed) if (selectorMatches(e.selector, labels)) out.push(e.item);
    for (const [k, v] of Object.entries(labels)) {
      for (const e of this.byPair.get(`${k}=${v}`) ?? []) if (selectorMatches(e.selector, labels)) out.push(e.item);
    }
    return out;
  }
}
