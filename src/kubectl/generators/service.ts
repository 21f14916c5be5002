// kubectl create service clusterip|nodeport|loadbalancer|externalname NAME (create_service.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../api/names.js';
import { typedObject } from './typed.js';

export interface ServiceOptions {
  name: string;
  namespace?: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  tcp: string[];
  clusterIP: string;
  nodePort: number;
  externalName: string;
}

/** ServiceOptions.Validate */
export function validateService(o: ServiceOptions): void {
  if (o.clusterIP === 'None' && o.type !== 'ClusterIP') throw new UserError('ClusterIP=None can only be used with ClusterIP service type');
  if (o.clusterIP !== 'None' && !o.tcp.length && o.type !== 'ExternalName') throw new UserError('at least one tcp port specifier must be provided');
  if (o.type === 'ExternalName' && isDNS1123Subdomain(o.externalName).length) throw new UserError(`invalid service external name ${o.externalName}`);
}

/** utilsnet.ParsePort(s, true): strconv.ParseUint(s, 10, 16). */
function parsePort(s: string): number {
  if (!/^\+?[0-9]+$/.test(s) || s.startsWith('+')) throw new UserError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new UserError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** strconv.Atoi, or undefined when it fails. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function parsePorts(spec: string): [number, number | string] {
  const parts = spec.split(':');
  const port = parsePort(parts[0]);
  if (parts.length === 1) return [port, port];
  const n = atoi(parts[1]);
  if (n === undefined) {
    const errs = isValidPortName(parts[1]);
    if (errs.length) throw new UserError(errs.join(','));
    return [port, parts[1]];
  }
  const errs = isValidPortNum(n);
  if (errs.length) throw new UserError(errs.join(','));
  return [port, n];
}

export function buildService(o: ServiceOptions): KObject {
  const ports = o.tcp.map((t) => {
    const [port, targetPort] = parsePorts(t);
    return { name: t.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, nodePort: o.nodePort };
  });
  const spec: Record<string, unknown> = { type: o.type, selector: { app: o.name }, ports, externalName: o.externalName };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  return typedObject({ kind: 'Service', apiVersion: 'v1', metadata: { name: o.name, namespace: o.namespace, labels: { app: o.name } }, spec });
}
