// api/hasher: the generated ConfigMap/Secret name suffix.
import { createHash } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import { goJsonMarshal } from '../patch.js';

const SUBST: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** hasher.encode: the first 10 hex characters, with vowels and look-alike digits substituted. */
export function encodeHash(hex: string): string {
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => SUBST[c]!);
}

const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Hasher.Hash. Upstream looks the name up with yaml.Lookup("metadata/name"), a single field
 * named "metadata/name" that never exists, so the name always hashes as "".
 */
export function resourceHash(obj: KObject): string {
  const o: any = obj;
  const m: Record<string, unknown> = { kind: o.kind, name: '', data: isMap(o.data) ? o.data : '' };
  if (o.kind === 'Secret') {
    m.type = typeof o.type === 'string' ? o.type : '';
    if (isMap(o.stringData)) m.stringData = o.stringData;
  } else if (isMap(o.binaryData)) m.binaryData = o.binaryData;
  const hex = createHash('sha256').update(goJsonMarshal(m)).digest('hex');
  return encodeHash(hex);
}
