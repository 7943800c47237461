import { mulberry32 } from './scheduler/framework/random';

/**
 * The simulation's only source of randomness: a seeded PRNG (mulberry32), so a given
 * seed always yields the same names, tie-breaks and timeline.
 */
export class SeededRandom {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed >>> 0 || 0x9e3779b9);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Random characters from apimachinery's name alphabet (consonants and digits that cannot
   * spell words; k8s.io/apimachinery/pkg/util/rand/rand.go), as generateName uses them.
   */
  nameSuffix(length = 5): string {
    let s = '';
    for (let i = 0; i < length; i++) s += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return s;
  }
}

export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Maps each character to the name alphabet, as apimachinery's SafeEncodeString does for hashes. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** 32-bit FNV-1a, the hash behind pod-template-hash (pkg/controller/controller_utils.go ComputeHash). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    const hi = text.charCodeAt(i) >> 8;
    if (hi) {
      h ^= hi;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}
