/**
 * One plugin's scores for one pod shape, by node slot, each kept while its node is the same NodeInfo at the same
 * generation. A resource score depends only on the pod's requests and the node's allocatable and requested amounts,
 * which change only with the node's generation; pods of one template are scored against the same ~40 % of the nodes
 * attempt after attempt while one node at a time changes, so nearly every score is read back rather than worked out.
 */
import type { NodeInfo } from './nodeInfo';

export class SlotScores {
  private nodes: (NodeInfo | undefined)[] = [];
  private generations = new Float64Array(0);
  private scores = new Float64Array(0);

  /** The score kept for `node`, or NaN when there is none for its current state. */
  get(node: NodeInfo): number {
    const slot = node.slot;
    return slot >= 0 && slot < this.nodes.length && this.nodes[slot] === node && this.generations[slot] === node.generation ? this.scores[slot]! : Number.NaN;
  }

  /** Keeps `score` for `node` in its current state; returns it. */
  put(node: NodeInfo, score: number): number {
    const slot = node.slot;
    if (slot < 0) return score;
    if (slot >= this.nodes.length) this.grow(slot + 1);
    this.nodes[slot] = node;
    this.generations[slot] = node.generation;
    this.scores[slot] = score;
    return score;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.nodes.length * 2, 64);
    const generations = new Float64Array(size);
    const scores = new Float64Array(size);
    generations.set(this.generations);
    scores.set(this.scores);
    this.generations = generations;
    this.scores = scores;
    for (let i = this.nodes.length; i < size; i++) this.nodes.push(undefined);
  }
}
