// kubectl create quota NAME --hard=... --scopes=... (create_quota.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { canonicalQuantity } from '../../api/quantity.js';
import { typedObject } from './typed.js';

/** populateResourceListV1: `cpu=1,memory=1Gi`, each value a Quantity in its canonical form. */
export function populateResourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const stmt of spec.split(',')) {
    const parts = stmt.split('=');
    if (parts.length !== 2) throw new UserError(`Invalid argument syntax ${stmt}, expected <resource>=<value>`);
    try {
      out[parts[0]] = canonicalQuantity(parts[1]);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  }
  return out;
}

function parseScopes(spec: string): string[] | undefined {
  if (!spec) return undefined;
  return spec.split(',').map((s) => {
    if (!s) throw new UserError('invalid resource quota scope ""');
    return s;
  });
}

export function buildQuota(name: string, namespace: string | undefined, hard: string, scopes: string): KObject {
  const h = populateResourceList(hard);
  const sc = parseScopes(scopes);
  return typedObject({ kind: 'ResourceQuota', apiVersion: 'v1', metadata: { name, namespace }, spec: { hard: h, scopes: sc } });
}
