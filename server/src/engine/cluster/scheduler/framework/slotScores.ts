/**
 * One plugin's scores for one pod shape, by node slot, each kept while its node is the same NodeInfo (by id: the
 * cache lives as long as the shape, and must not keep a finished simulation's nodes alive) at the same generation. A resource score depends only on the pod's requests and the node's allocatable and requested amounts,
 * which change only with the node's generation; pods of one template are scored against the same ~40 % of the nodes
 * attempt after attempt while one node at a time changes, so nearly every score is read back rather than worked out.
 */
import type { NodeInfo } from './nodeInfo';
import type { Scores } from './types';

export class SlotScores {
  /** Per slot: the id of the node the score is for (0: none). */
  private ids = new Float64Array(0);
  private generations = new Float64Array(0);
  private scores = new Float64Array(0);

  /** The score kept for `node`, or NaN when there is none for its current state. */
  get(node: NodeInfo): number {
    const slot = node.slot;
    return slot >= 0 && slot < this.ids.length && this.ids[slot] === node.id && this.generations[slot] === node.generation ? this.scores[slot]! : Number.NaN;
  }

  /**
   * A resource plugin's bulk Score: `totals[i] += weight × score(feasible[i])`, reading back the scores kept for nodes
   * that did not change and keeping the ones `score` works out.
   */
  addScores(feasible: readonly NodeInfo[], totals: Scores, weight: number, score: (node: NodeInfo) => number): void {
    for (let i = 0; i < feasible.length; i++) {
      const node = feasible[i]!;
      let s = this.get(node);
      if (s !== s) s = this.put(node, score(node));
      totals[i]! += weight * s;
    }
  }

  /** Keeps `score` for `node` in its current state; returns it. */
  put(node: NodeInfo, score: number): number {
    const slot = node.slot;
    if (slot < 0) return score;
    if (slot >= this.ids.length) this.grow(slot + 1);
    this.ids[slot] = node.id;
    this.generations[slot] = node.generation;
    this.scores[slot] = score;
    return score;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.ids.length * 2, 64);
    const grown = (from: Float64Array) => {
      const to = new Float64Array(size);
      to.set(from);
      return to;
    };
    this.ids = grown(this.ids);
    this.generations = grown(this.generations);
    this.scores = grown(this.scores);
  }
}
