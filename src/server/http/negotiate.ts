// Content negotiation: which representation the client asked for in Accept (a Table, object
// metadata, plain JSON) and how its request body is encoded (Content-Type).
import { httpError } from './status.js';

export type Representation = 'json' | 'table' | 'metadata';

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [{ type: '*/*', params: {} }];
  return accept.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim();
    }
    return { type: type.toLowerCase(), params };
  });
}

const JSONISH = new Set(['application/json', 'application/*', '*/*']);

/**
 * The first media range we can serve, in the client's order: a Table or PartialObjectMetadata
 * (meta.k8s.io v1/v1beta1) or plain JSON. Protobuf and CBOR are skipped when JSON comes later;
 * nothing servable is 406.
 */
export function representation(accept: string | undefined, allowTable: boolean): Representation {
  for (const m of parseAccept(accept)) {
    if (!JSONISH.has(m.type)) continue;
    const as = m.params.as;
    if (!as) return 'json';
    if (m.params.g !== 'meta.k8s.io' || (m.params.v !== 'v1' && m.params.v !== 'v1beta1')) continue;
    if (as === 'Table' && allowTable) return 'table';
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'metadata';
  }
  throw httpError(406, `only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

/** Does the client ask for aggregated discovery (apidiscovery.k8s.io/v2)? */
export function wantsAggregated(accept: string | undefined): boolean {
  for (const m of parseAccept(accept)) {
    if (m.params.g === 'apidiscovery.k8s.io' && m.params.v === 'v2' && m.params.as === 'APIGroupDiscoveryList') return true;
    if (JSONISH.has(m.type) && !m.params.as) return false;
  }
  return false;
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
