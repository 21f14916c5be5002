// kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] (create_ingress.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { intstrParse } from './pdb.js';
import { typedObject } from './typed.js';

export interface IngressOptions { name: string; namespace?: string; ingressClass: string; rules: string[]; annotations: string[]; defaultBackend: string }

// ruleRegex: host, path, svcname:svcport, optional tls[=secret]; Go's \w is ASCII only
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

export function validateIngress(o: IngressOptions): void {
  if (!o.defaultBackend && !o.rules.length) {
    throw new UserError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  }
  for (const r of o.rules) {
    if (!RULE.test(r)) throw new UserError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  for (const a of o.annotations) {
    if (!a.includes('=')) throw new UserError(`annotation ${a} is invalid and should be in format key=[value]`);
  }
  if (o.defaultBackend && o.defaultBackend.split(':').length !== 2) throw new UserError('default-backend should be in format servicename:serviceport');
}

function backend(service: string) {
  const [name, port] = service.split(':');
  const p = intstrParse(port);
  return { service: { name, port: typeof p === 'number' ? { number: p } : { name: p } } };
}

function httpPath(pathsvc: string) {
  const parts = pathsvc.split('=');
  let path = '/' + parts[0];
  let pathType = 'Exact';
  if (path.endsWith('*')) { pathType = 'Prefix'; path = path.slice(0, -1); }
  return { path, pathType, backend: backend(parts[1]) };
}

function tlsRules(rules: string[]) {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const tls = rule.split(',');
    if (tls.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretParts = tls[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    const idx = out.findIndex((t) => (t.secretName ?? '') === secret);
    if (seen.has(host)) continue;
    if (idx > -1) {
      (out[idx].hosts ??= []).push(host);
      seen.add(host);
      continue;
    }
    const t: { hosts?: string[]; secretName?: string } = {};
    if (host) t.hosts = [host];
    if (secret) t.secretName = secret;
    if (t.secretName || t.hosts) out.push(t);
    seen.add(host);
  }
  return out;
}

function ingressRules(rules: string[]) {
  const out: { host?: string; http: { paths: any[] } }[] = [];
  for (const rule of rules) {
    const noTLS = rule.split(',')[0];
    const slash = noTLS.indexOf('/');
    const host = noTLS.slice(0, slash);
    const p = httpPath(noTLS.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) { existing.http.paths.push(p); continue; }
    out.push({ host: host || undefined, http: { paths: [p] } });
  }
  return out;
}

export function buildIngress(o: IngressOptions): KObject {
  const annotations: Record<string, string> = {};
  for (const a of o.annotations) {
    const i = a.indexOf('=');
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const spec: Record<string, unknown> = {};
  if (o.ingressClass) spec.ingressClassName = o.ingressClass;
  if (o.defaultBackend) spec.defaultBackend = backend(o.defaultBackend);
  spec.tls = tlsRules(o.rules);
  spec.rules = ingressRules(o.rules);
  return typedObject({ kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: { name: o.name, namespace: o.namespace, annotations }, spec });
}
