/**
 * "Did you mean": the candidate nearest to a misspelt word. Case and `-`/`_` differences
 * count as nothing (`image_pull_policy` → `imagePullPolicy`); otherwise the optimal string
 * alignment distance (insertions, deletions, substitutions, adjacent swaps) must stay
 * within about a third of the word, so unrelated words are never suggested.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const norm = normalize(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) return undefined;
    const cn = normalize(c);
    if (cn === norm) return c;
    const limit = Math.max(1, Math.floor(Math.max(word.length, c.length) / 3));
    if (Math.abs(cn.length - norm.length) > limit) continue;
    const d = distance(norm, cn, Math.min(limit, bestDistance));
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function normalize(s: string): string {
  return s.replace(/[-_]/g, '').toLowerCase();
}

/** Optimal string alignment distance; stops early (returns > cap) once it exceeds `cap`. */
export function distance(a: string, b: string, cap = Infinity): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
