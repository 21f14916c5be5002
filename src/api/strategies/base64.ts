// encoding/base64 StdEncoding.Decode as encoding/json runs it for []byte fields: the byte offset of its
// CorruptInputError (`illegal base64 data at input byte 4`), which the API server reports when decoding fails.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const PAD = 0x3d; // '='
const isNL = (b: number) => b === 0x0a || b === 0x0d;

/** The decoding error of a map[string][]byte field (`Secret.data`, `ConfigMap.binaryData`), as encoding/json words it. */
export function bytesMapDecodeError(m: any, goField: string): string | undefined {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return undefined;
  for (const v of Object.values(m)) {
    if (v === null) continue;
    if (typeof v !== 'string') {
      const t = typeof v === 'number' ? 'number' : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : 'object';
      return `json: cannot unmarshal ${t} into Go struct field ${goField} of type []uint8`;
    }
    const at = base64CorruptAt(v);
    if (at >= 0) return `illegal base64 data at input byte ${at}`;
  }
  return undefined;
}

/** The offset Go reports for a corrupt input, or -1 when `s` decodes. */
export function base64CorruptAt(s: string): number {
  const src = Buffer.from(s, 'utf8');
  let si = 0;
  // decodeQuantum, repeated until the input is consumed
  while (si < src.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j; // padding required: a partial quantum is corrupt
      }
      const c = src[si++];
      if (DECODE.has(c)) continue;
      if (isNL(c)) { j--; continue; }
      if (c !== PAD) return si - 1;
      // padding: "=" or "==" ends the input
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== PAD) return si - 1;
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) return si; // trailing garbage
      return -1;
    }
  }
  return -1;
}
