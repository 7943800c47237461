import { MAX_NODE_SCORE } from './types';

/**
 * `helper.DefaultNormalizeScore` (pkg/scheduler/framework/plugins/helper/normalize_score.go):
 * scale to 0..100 by the highest score (integer division); `reverse` flips it so the lowest raw
 * score wins. All zero → all 0, or all 100 when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
