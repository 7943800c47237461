import { MAX_NODE_SCORE, type Scores } from './types';

/**
 * `helper.DefaultNormalizeScore` (pkg/scheduler/framework/plugins/helper/normalize_score.go):
 * scale to 0..100 by the highest score (integer division); `reverse` flips it so the lowest raw
 * score wins. All zero → all 0, or all 100 when reversed.
 */
export function defaultNormalizeScore(scores: Scores, reverse: boolean): void {
  const n = scores.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
