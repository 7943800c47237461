/**
 * Deep copies of manifest data. Controllers stamp one template into thousands of pods; for the plain
 * objects, arrays and scalars YAML gives, a direct copy is several times faster than structuredClone.
 * Anything else (a Date, a Map, a class instance) and very deep nesting go through structuredClone.
 */
const MAX_DEPTH = 64;

export function clonePlain<T>(value: T): T {
  return copy(value, 0) as T;
}

function copy(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return structuredClone(v);
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return structuredClone(v);
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = copy(v[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = copy((v as Record<string, unknown>)[k], depth + 1);
    // a "__proto__" key (hostile YAML) stays a plain property, as structuredClone keeps it
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
