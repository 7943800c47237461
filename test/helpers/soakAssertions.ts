import assert from 'node:assert/strict';
import type { SoakReport } from './soak';

/**
 * Heap growth allowed between the first checkpoint (after warm-up: schema loaded, caches
 * filled) and the last one, after GC. The working set is three small files, so real growth
 * is a leak: something kept per edit.
 */
export const HEAP_GROWTH_BOUND = 16 * 2 ** 20;

export function assertSoakHealthy(report: SoakReport): void {
  const where = `(SOAK_SEED=${report.seed} reproduces it)`;
  for (const f of report.final) {
    assert.deepEqual(f.published, f.expected, `${f.uri}: published diagnostics differ from a fresh lint of the final text ${where}\nfinal text:\n${report.finalTexts.get(f.uri)}`);
  }
  assert.equal(report.repairs, 0, `an edit was applied at the wrong place in the server's copy of a document ${where}`);
  const [first, ...rest] = report.memory;
  assert.ok(first && rest.length > 0, 'at least two memory checkpoints');
  const last = rest[rest.length - 1]!;
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  const table = report.memory.map((m) => `edit ${m.edit}: heap ${mib(m.heapUsed)}, rss ${mib(m.rss)}`).join('\n');
  assert.ok(last.heapUsed - first.heapUsed < HEAP_GROWTH_BOUND, `heap grew by ${mib(last.heapUsed - first.heapUsed)} after GC ${where}\n${table}`);
}
