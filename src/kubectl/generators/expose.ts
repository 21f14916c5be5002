// kubectl expose TYPE NAME: the Service built from an existing object (cmd/expose/expose.go) with
// polymorphichelpers' CanBeExposed, MapBasedSelectorForObject, PortsForObject, MultiProtocolsForObject.
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { parseGeneratorLabels } from './run.js';
import { intstrParse } from './pdb.js';
import { typedObject } from './typed.js';

const EXPOSABLE = new Set(['/ReplicationController', '/Service', '/Pod', 'apps/Deployment', 'apps/ReplicaSet', 'extensions/Deployment', 'extensions/ReplicaSet']);

function groupOf(apiVersion = ''): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** canBeExposed: `cannot expose a Kind.group` (GroupKind.String()) */
export function canBeExposed(obj: KObject): void {
  const g = groupOf(obj.apiVersion);
  if (!EXPOSABLE.has(`${g}/${obj.kind}`)) throw new UserError(`cannot expose a ${g ? `${obj.kind}.${g}` : obj.kind}`);
}

/** MakeLabels: Go ranges over the map, so the order is not fixed; kubesim keeps the object's order. */
export function makeLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
}

function expressionsText(exprs: any[]): string {
  // %+v of []LabelSelectorRequirement
  return `[${exprs.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}

export function mapBasedSelectorForObject(obj: KObject): string {
  switch (obj.kind) {
    case 'ReplicationController':
      return makeLabels(obj.spec?.selector);
    case 'Pod':
      if (!obj.metadata?.labels || !Object.keys(obj.metadata.labels).length) throw new UserError('the pod has no labels and cannot be exposed');
      return makeLabels(obj.metadata.labels);
    case 'Service':
      if (!obj.spec?.selector) throw new UserError('the service has no pod selector set');
      return makeLabels(obj.spec.selector);
    case 'Deployment':
    case 'ReplicaSet': {
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replicaset';
      const sel = obj.spec?.selector;
      if (!sel || !sel.matchLabels || !Object.keys(sel.matchLabels).length) throw new UserError(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if (sel.matchExpressions?.length) throw new UserError(`couldn't convert expressions - "${expressionsText(sel.matchExpressions)}" to map-based selector format`);
      return makeLabels(sel.matchLabels);
    }
    default:
      throw new UserError(`cannot extract pod selector from ${obj.kind}`);
  }
}

function podSpecOf(obj: KObject): any {
  return obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
}

export function portsForObject(obj: KObject): string[] {
  const out: string[] = [];
  const add = (p: number) => { const k = String(p); if (!out.includes(k)) out.push(k); };
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port);
  else for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort);
  return out;
}

export function protocolsForObject(obj: KObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: number, proto: string | undefined) => {
    const k = String(port);
    out.set(k, [...(out.get(k) ?? []), proto || 'TCP']);
  };
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

export interface ExposeOptions {
  name: string;
  defaultName: string;
  selector: string;
  labels: string;
  port: string;
  ports: string;
  protocol: string;
  protocols: Map<string, string[]>;
  targetPort: string;
  externalIP: string;
  type: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  clusterIP: string;
}

function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new UserError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** ExposeServiceOptions.createService */
export function buildExposedService(o: ExposeOptions): KObject {
  if (!o.selector) throw new UserError('selector must be specified');
  const selector = parseGeneratorLabels(o.selector);
  const labels = o.labels ? parseGeneratorLabels(o.labels) : undefined;
  const name = o.name || o.defaultName;
  if (!name) throw new UserError('name must be specified');
  const portString = o.ports || o.port;
  const ports: any[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((p, i) => {
      const port = atoi(p);
      const pname = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = o.protocol;
      if (!protocol) {
        protocol = 'TCP';
        const known = o.protocols.get(p);
        if (known && known.length === 1) protocol = known[0];
        else if (known && known.length > 1) {
          for (const proto of known) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto });
          return;
        }
      }
      ports.push({ name: pname, port, protocol });
    });
  }
  const target = o.targetPort ? intstrParse(o.targetPort) : undefined;
  for (const p of ports) p.targetPort = target ?? p.port;
  const spec: Record<string, unknown> = { selector, ports };
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.type) spec.type = o.type;
  if (spec.type === 'LoadBalancer') spec.loadBalancerIP = o.loadBalancerIP;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new UserError(`unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  return typedObject({ kind: 'Service', apiVersion: 'v1', metadata: { name, labels }, spec });
}
