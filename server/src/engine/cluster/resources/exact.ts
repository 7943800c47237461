/**
 * Exact resource arithmetic for aggregating container requests. Upstream sums and maxes
 * `resource.Quantity` values exactly and rounds only at the end (`MilliValue` for cpu, `Value`
 * otherwise), so `0.0004 + 0.0004` CPU is 1m, not 2m. We do the same with rationals.
 */
import { parseQuantity, type Quantity } from '../../kube/quantity';

export interface Exact {
  n: bigint;
  d: bigint;
}

export const ZERO: Exact = { n: 0n, d: 1n };

export function exactOf(q: Quantity): Exact {
  return { n: q.numerator, d: q.denominator };
}

export function add(a: Exact, b: Exact): Exact {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function compare(a: Exact, b: Exact): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function max(a: Exact, b: Exact): Exact {
  return compare(a, b) >= 0 ? a : b;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** Rounded up like `Quantity.MilliValue` (cpu) or `Quantity.Value` (everything else). */
export function toUnits(resource: string, v: Exact): number {
  return Number(resource === 'cpu' ? ceilDiv(v.n * 1000n, v.d) : ceilDiv(v.n, v.d));
}

export type ExactList = Map<string, Exact>;

export function addInto(into: ExactList, from: ExactList): void {
  for (const [k, v] of from) into.set(k, add(into.get(k) ?? ZERO, v));
}

export function maxInto(into: ExactList, from: ExactList): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    into.set(k, cur === undefined ? v : max(cur, v));
  }
}

// Manifests repeat the same few quantities ("100m", "256Mi") thousands of times.
const cache = new Map<string, Exact | null>();

function parseExact(raw: unknown): Exact | null {
  const key = typeof raw === 'string' ? raw : typeof raw === 'number' ? `#${raw}` : undefined;
  if (key !== undefined) {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
  }
  const q = parseQuantity(raw);
  const v = q === undefined || q.numerator < 0n ? null : exactOf(q);
  if (key !== undefined && cache.size < 4096) cache.set(key, v);
  return v;
}

/** Parses a `{resource: quantity}` map; entries that are not valid quantities go to `invalid`. */
export function parseResourceList(
  list: unknown,
  onInvalid: (resource: string, value: unknown) => void,
): ExactList {
  const out: ExactList = new Map();
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return out;
  for (const name in list as Record<string, unknown>) {
    const raw = (list as Record<string, unknown>)[name];
    const v = parseExact(raw);
    if (v === null) onInvalid(name, raw);
    else out.set(name, v);
  }
  return out;
}
