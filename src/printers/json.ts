// kubectl -o json: Go encoding/json MarshalIndent with 4 spaces over an
// unstructured object (map keys sorted byte-wise, HTML characters escaped).
import { goStringLess } from './labels.js';

/** Go's encodeState.string: JSON.stringify escapes plus <, >, &, U+2028/9, lone surrogates -> U+FFFD. */
export function goJsonString(s: string): string {
  const fixed = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return JSON.stringify(fixed).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  // Go and JS agree: exponent form below 1e-6 and from 1e21, shortest digits.
  return JSON.stringify(n);
}

function enc(v: unknown, indent: string, step: string, sortKeys: boolean, out: string[]): void {
  if (v === null || v === undefined) {
    out.push('null');
  } else if (typeof v === 'string') {
    out.push(goJsonString(v));
  } else if (typeof v === 'number') {
    out.push(goJsonNumber(v));
  } else if (typeof v === 'bigint') {
    out.push(v.toString());
  } else if (typeof v === 'boolean') {
    out.push(v ? 'true' : 'false');
  } else if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent + step;
    out.push('[\n');
    v.forEach((x, i) => {
      out.push(inner);
      enc(x, inner, step, sortKeys, out);
      out.push(i < v.length - 1 ? ',\n' : '\n');
    });
    out.push(indent + ']');
  } else if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    let keys = Object.keys(m).filter((k) => m[k] !== undefined);
    if (sortKeys) keys = keys.sort(goStringLess);
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + step;
    out.push('{\n');
    keys.forEach((k, i) => {
      out.push(inner + goJsonString(k) + ': ');
      enc(m[k], inner, step, sortKeys, out);
      out.push(i < keys.length - 1 ? ',\n' : '\n');
    });
    out.push(indent + '}');
  } else {
    out.push('null');
  }
}

/**
 * kubectl -o json: 4-space indent and a trailing newline. Keys are sorted
 * (unstructured maps); pass sortKeys=false to keep insertion order, as kubectl
 * does for typed objects built client-side (e.g. `create --dry-run=client`).
 */
export function toJson(obj: unknown, sortKeys = true): string {
  const out: string[] = [];
  enc(obj, '', '    ', sortKeys, out);
  return out.join('') + '\n';
}

/** Compact JSON as Go's json.Marshal writes it (sorted keys, HTML-escaped). */
export function toCompactJson(obj: unknown, sortKeys = true): string {
  const parts: string[] = [];
  const go = (v: unknown): void => {
    if (v === null || v === undefined) parts.push('null');
    else if (typeof v === 'string') parts.push(goJsonString(v));
    else if (typeof v === 'number') parts.push(goJsonNumber(v));
    else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
    else if (Array.isArray(v)) {
      parts.push('[');
      v.forEach((x, i) => {
        if (i) parts.push(',');
        go(x);
      });
      parts.push(']');
    } else if (typeof v === 'object') {
      const m = v as Record<string, unknown>;
      let keys = Object.keys(m).filter((k) => m[k] !== undefined);
      if (sortKeys) keys = keys.sort(goStringLess);
      parts.push('{');
      keys.forEach((k, i) => {
        if (i) parts.push(',');
        parts.push(goJsonString(k) + ':');
        go(m[k]);
      });
      parts.push('}');
    } else parts.push('null');
  };
  go(obj);
  return parts.join('');
}
