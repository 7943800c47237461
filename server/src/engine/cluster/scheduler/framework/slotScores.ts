/**
 * One plugin's scores for one pod shape, by node slot, each kept while its node is the same NodeInfo at the same
 * generation. Nodes are told apart by id, not held: the cache lives as long as the shape, and must not keep a finished
 * simulation's nodes alive. A resource score depends only on the pod's requests and the node's allocatable and
 * requested amounts, which change only with the node's generation; pods of one template are scored against the same
 * ~40 % of the nodes attempt after attempt while one node at a time changes, so nearly every score is read back.
 */
import type { NodeInfo } from './nodeInfo';
import type { Scores } from './types';

export class SlotScores {
  /** Per slot: the id of the node the score is for (0: none). */
  private ids = new Float64Array(0);
  private generations = new Float64Array(0);
  private scores = new Float64Array(0);

  /**
   * A resource plugin's bulk Score: `totals[i] += weight × score(feasible[i])`, reading back the scores kept for nodes
   * that did not change and keeping the ones `score` works out. (The check is inline: a kept score read through a
   * method returning a double was a heap number per node.)
   */
  addScores(feasible: readonly NodeInfo[], totals: Scores, weight: number, score: (node: NodeInfo) => number): void {
    for (let i = 0; i < feasible.length; i++) {
      const node = feasible[i]!;
      const slot = node.slot;
      let s: number;
      if (slot >= 0 && slot < this.ids.length && this.ids[slot] === node.id && this.generations[slot] === node.generation) s = this.scores[slot]!;
      else {
        s = score(node);
        this.put(node, s);
      }
      totals[i]! += weight * s;
    }
  }

  /** Keeps `score` for `node` in its current state. */
  private put(node: NodeInfo, score: number): void {
    const slot = node.slot;
    if (slot < 0) return;
    if (slot >= this.ids.length) this.grow(slot + 1);
    this.ids[slot] = node.id;
    this.generations[slot] = node.generation;
    this.scores[slot] = score;
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
