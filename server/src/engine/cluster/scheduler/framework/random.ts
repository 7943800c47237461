/** Small deterministic PRNG (mulberry32) and string hash (FNV-1a), for seeded tie-breaking. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Returns a generator of floats in [0, 1). The state is kept as an int32 (the same 32 bits as the usual uint32 — every
 * use of it is a bitwise operation or Math.imul): a uint32 above 2^31 in a closure's variable is a heap number,
 * allocated anew on every draw.
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Like mulberry32, but yields integers in [0, 2^30): small integers stay unboxed in V8, so drawing one per
 * tied node in the hot loop allocates nothing.
 */
export function mulberry32Int(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 2) & 0x3fffffff;
  };
}

export const RANDOM_INT_RANGE = 0x40000000;
