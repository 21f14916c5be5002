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
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len);
    const w = [this.next(), this.next(), this.next(), this.next()];
    const p1 = hex(w[0], 8);
    const p2 = hex(w[1] >>> 16, 4);
    const p3 = '4' + hex(w[1] & 0xfff, 3);
    const p4 = hex(((w[2] >>> 16) & 0x3fff) | 0x8000, 4);
    const p5 = hex(w[2] & 0xffff, 4) + hex(w[3], 8);
    // joined rather than concatenated: a template literal leaves a tree of ~20 cons strings (about 600 bytes) in
    // every uid the store keeps, where join makes one flat 36-character string
    return [p1, p2, p3, p4, p5].join('-');
  }
}
