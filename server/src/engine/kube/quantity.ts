/**
 * Kubernetes resource quantities, exactly as the API server reads them.
 * Grammar (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go):
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei          (binary, powers of 2^10)
 *                | n | u | m | "" | k | M | G | T | P | E (decimal)
 *                | e<signedNumber> | E<signedNumber>     (decimal exponent)
 * Values are kept as exact rationals (BigInt), so `0.1` CPU is exactly 100m and
 * rounding up (MilliValue / Value round toward +infinity upstream) is exact too.
 */
export interface Quantity {
  /** value = numerator / denominator, exactly. */
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** The text it was parsed from. */
  readonly text: string;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

export function parseQuantity(input: unknown): Quantity | undefined {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    text = numberText(input);
  } else if (typeof input === 'string') text = input.trim();
  else return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix, exponent] = m;
  const [whole = '', fraction = ''] = digits!.split('.');
  if (exponent !== undefined && exponent.replace(/^[+-]/, '').length > 4) return undefined; // out of any sane range
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === '-') numerator = -numerator;
  let pow10 = 0;
  if (suffix !== undefined && suffix in BINARY) numerator *= 1n << BigInt(BINARY[suffix]!);
  else if (suffix !== undefined) pow10 = DECIMAL[suffix]!;
  else if (exponent !== undefined) pow10 = Number(exponent);
  if (pow10 >= 0) numerator *= 10n ** BigInt(pow10);
  else denominator *= 10n ** BigInt(-pow10);
  return { numerator, denominator, text };
}

function numberText(n: number): string {
  // YAML numbers such as 0.5 or 1e3 arrive as JS numbers; JS prints them in a form the grammar accepts.
  return String(n).replace('e+', 'e');
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** The value in thousandths, rounded up: how CPU is counted (`100m` → 100). */
export function milliValue(q: Quantity): number {
  return Number(ceilDiv(q.numerator * 1000n, q.denominator));
}

/** The value in whole units, rounded up: how memory and counts are counted (`1Ki` → 1024). */
export function value(q: Quantity): number {
  return Number(ceilDiv(q.numerator, q.denominator));
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.numerator * b.denominator;
  const r = b.numerator * a.denominator;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** CPU in millicores, or undefined when not a valid quantity. */
export function cpuMillis(input: unknown): number | undefined {
  const q = parseQuantity(input);
  return q ? milliValue(q) : undefined;
}

/** Memory (or any integral resource) in bytes/units, or undefined when not a valid quantity. */
export function bytes(input: unknown): number | undefined {
  const q = parseQuantity(input);
  return q ? value(q) : undefined;
}

/** Compact human form for messages and pictures: 1500 → "1.5", 268435456 → "256Mi". */
export function formatMillicpu(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export function formatBytes(b: number): string {
  for (const [suffix, shift] of [['Ei', 60], ['Pi', 50], ['Ti', 40], ['Gi', 30], ['Mi', 20], ['Ki', 10]] as const) {
    const unit = 2 ** shift;
    if (b >= unit && b % unit === 0) return `${b / unit}${suffix}`;
  }
  for (const [suffix, shift] of [['Gi', 30], ['Mi', 20]] as const) {
    const unit = 2 ** shift;
    if (b >= unit) return `${(b / unit).toFixed(1)}${suffix}`;
  }
  return String(b);
}
