/** A seeded pseudo-random source (xorshift128+ style via splitmix32 + sfc32); no component uses Math.random. */

/** Random numbers from a seed: same seed, same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A derived, independent generator (for one component), stable for the same label. */
  fork(label: string): Rng;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32 seeded through splitmix32. */
export class SeededRng implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(private readonly seed: number | string = 1) {
    let s = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
    const sm = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  fork(label: string): Rng {
    return new SeededRng(`${String(this.seed)}/${label}`);
  }
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable characters). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `n` random characters from NAME_ALPHABET (generateName suffix: 5). */
export function randomSuffix(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[rng.int(NAME_ALPHABET.length)];
  return s;
}
