// The one source of randomness (DESIGN: Conventions 4). A small seeded PRNG whose
// state lives in the cluster file, so the same commands give the same names every run.

/** State of a xorshift128+-like generator kept as four uint32 words (sfc32). */
export interface RngState { a: number; b: number; c: number; d: number }

export function seedRng(seed: string): RngState {
  // FNV-1a over the seed string, spread into four words.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) { h ^= seed.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  const st = { a: h, b: h ^ 0x9e3779b9, c: (h * 3) >>> 0, d: 1 };
  const r = new Rng(st);
  for (let i = 0; i < 12; i++) r.next();
  return st;
}

// apimachinery/pkg/util/rand: the alphabet generated names use (no vowels, no confusable digits).
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Rng {
  constructor(private s: RngState) {}

  /** uint32, sfc32 */
  next(): number {
    const s = this.s;
    const t = (((s.a + s.b) >>> 0) + s.d) >>> 0;
    s.d = (s.d + 1) >>> 0;
    s.a = (s.b ^ (s.b >>> 9)) >>> 0; // unsigned, as the state file stores it (same sequence: a is only summed mod 2^32)
    s.b = (s.c + (s.c << 3)) >>> 0;
    s.c = ((s.c << 21) | (s.c >>> 11)) >>> 0;
    s.c = (s.c + t) >>> 0;
    return t;
  }

  /** integer in [0, n) */
  int(n: number): number { return this.next() % n; }

  /** rand.String(n): the suffix of generated names such as pod names. */
  string(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += ALPHANUMS[this.int(ALPHANUMS.length)];
    return out;
  }

  /** A random (version 4) UUID, as metadata.uid. */
  uuid(): string {
    const w0 = this.next(), w1 = this.next(), w2 = this.next(), w3 = this.next();
    // byte by byte from a table: every object and event takes a uid, and toString(16)/padStart was a hot spot
    const b = (n: number) => HEX[n & 0xff];
    const v = ((w2 >>> 16) & 0x3fff) | 0x8000;
    // each part is under 13 characters, so a flat string; join makes the whole one flat string too, where a
    // concatenation would leave a tree of cons strings (about 600 bytes) in every uid the store keeps
    return [
      b(w0 >>> 24) + b(w0 >>> 16) + b(w0 >>> 8) + b(w0),
      b(w1 >>> 24) + b(w1 >>> 16),
      '4' + HEX[(w1 >>> 8) & 0xf][1] + b(w1),
      b(v >>> 8) + b(v),
      b(w2 >>> 8) + b(w2) + b(w3 >>> 24) + b(w3 >>> 16) + b(w3 >>> 8) + b(w3),
    ].join('-');
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
