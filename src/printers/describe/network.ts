// describeEndpoints, describeEndpointSliceV1, IngressDescriber, IngressClassDescriber and
// describeNetworkPolicy (describe.go), and formatEndpointSlices, which Services share.
import type { KObject } from '../../api/types.js';
import { goStringLess, formatLabelSelector } from '../labels.js';
import { PrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer.js';
import { printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import { endpointSlicesFor, type DescribeContext } from './context.js';

const joinHostPort = (host: string, port: any) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
const isReady = (ep: any) => ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready === true;

/** formatEndpointSlices: up to three ready addresses (host:port), then "+ N more..."; ports=null for all ports. */
export function formatEndpointSlices(slices: KObject[], ports: Set<string> | null): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const eps: any[] = s.endpoints ?? [];
    if ((s.ports ?? []).length === 0) {
      // headless services may have no ports
      for (const ep of eps) {
        if (list.length === max) more = true;
        if (!isReady(ep)) continue;
        if (!more) list.push(ep.addresses?.[0] ?? '');
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if (ports !== null && !ports.has(port.name ?? '')) continue;
      for (const ep of eps) {
        if (list.length === max) more = true;
        if (!isReady(ep)) continue;
        if (!more) list.push(joinHostPort(ep.addresses?.[0] ?? '', port.port));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** describeEndpoints */
export function describeEndpoints(ep: KObject, ctx: DescribeContext): string {
  const md = ep.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    const ips = (l: any[] | undefined) => (l ?? []).map((a) => a.ip).join(',') || '<none>';
    w.write(LEVEL_1, `Addresses:\t${ips(ss.addresses)}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${ips(ss.notReadyAddresses)}\n`);
    if ((ss.ports ?? []).length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${p.protocol ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

const orUnset = (x: any) => (x === undefined || x === null ? '<unset>' : String(x));

/** describeEndpointSliceV1 */
export function describeEndpointSlice(eps: KObject, ctx: DescribeContext): string {
  const md = eps.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports: any[] = eps.ports ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${orUnset(p.port)}\t${p.protocol ?? ''}\n`);
  }
  const endpoints: any[] = eps.endpoints ?? [];
  if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const ep of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${orUnset(ep.conditions?.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${orUnset(ep.hostname)}\n`);
      if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind ?? ''}/${ep.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${orUnset(ep.nodeName)}\n`);
      w.write(LEVEL_2, `Zone:\t${orUnset(ep.zone)}\n`);
    }
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** serviceBackendStringer */
function serviceBackendStringer(b: any): string {
  const port = b.port?.number ? String(b.port.number) : b.port?.name ?? '';
  return `${b.name ?? ''}:${port}`;
}

/** IngressDescriber.describeBackendV1: the service's ready endpoints for the backend's port. */
function describeBackendV1(ctx: DescribeContext, ns: string | undefined, backend: any): string {
  if (backend.service) {
    const sb = serviceBackendStringer(backend.service);
    const slices = endpointSlicesFor(ctx.view, ns, backend.service.name);
    const svc = ctx.view.get('services', ns, backend.service.name);
    if (!svc) return `${sb} (<error: services "${backend.service.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      const num = backend.service.port?.number ?? 0;
      const name = backend.service.port?.name ?? '';
      if (num !== 0 && num === sp.port) spName = sp.name ?? '';
      else if (name.length > 0 && name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  if (backend.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind ?? ''}, Name: ${r.name ?? ''}`;
  }
  return '';
}

/** ingressLoadBalancerStatusStringerV1 (wide): unique IPs or hostnames, sorted. */
function ingressAddresses(ing: KObject): string {
  const set = new Set<string>();
  for (const i of ing.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort(goStringLess).join(',');
}

/** IngressDescriber.describeIngressV1 */
export function describeIngress(ing: KObject, ctx: DescribeContext): string {
  const md = ing.metadata ?? {};
  const spec = ing.spec ?? {};
  const ns = md.namespace;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  w.write(LEVEL_0, `Namespace:\t${ns ?? ''}\n`);
  w.write(LEVEL_0, `Address:\t${ingressAddresses(ing)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
  const def = spec.defaultBackend ? describeBackendV1(ctx, ns, spec.defaultBackend) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${def}\n`);
  const tls: any[] = spec.tls ?? [];
  if (tls.length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of tls) {
      if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
      else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackendV1(ctx, ns, p.backend ?? {})}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** IngressClassDescriber.describeIngressClassV1 */
export function describeIngressClass(ic: KObject, ctx: DescribeContext): string {
  const md = ic.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  const p = ic.spec?.parameters;
  if (p) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${p.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${p.name ?? ''}\n`);
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** Go's time.Time.String() ("2006-01-02 15:04:05.999999999 -0700 MST") in the local zone. */
function goTimeString(ts: string | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(t);
  const off = -d.getTimezoneOffset();
  const l = new Date(t + off * 60_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const a = Math.abs(off);
  const zoneOff = `${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
  // kubesim: Go prints the zone's abbreviation; we know it only for UTC
  const abbr = off === 0 ? 'UTC' : zoneOff;
  const frac = l.getUTCMilliseconds() ? `.${String(l.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '')}` : '';
  return `${l.getUTCFullYear()}-${p2(l.getUTCMonth() + 1)}-${p2(l.getUTCDate())} ${p2(l.getUTCHours())}:${p2(l.getUTCMinutes())}:${p2(l.getUTCSeconds())}${frac} ${zoneOff} ${abbr}`;
}

function printPeers(w: PrefixWriter, indent: string, title: string, peers: any[] | undefined, anyText: string): void {
  if (!peers || peers.length === 0) {
    w.write(LEVEL_0, `${indent}${anyText}\n`);
    return;
  }
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo */
function printRules(w: PrefixWriter, rules: any[] | undefined, indent: string, dir: 'ingress' | 'egress'): void {
  if (!rules || rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports: any[] = rule.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const port = p.port === undefined || p.port === null ? '<nil>' : String(p.port);
      if (p.endPort === undefined || p.endPort === null) w.write(LEVEL_0, `${indent}To Port: ${port}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
    }
    if (dir === 'ingress') printPeers(w, indent, 'From', rule.from, 'From: <any> (traffic not restricted by source)');
    else printPeers(w, indent, 'To', rule.to, 'To: <any> (traffic not restricted by destination)');
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

/** describeNetworkPolicy (no events: kubectl does not look them up) */
export function describeNetworkPolicy(np: KObject, _ctx?: DescribeContext): string {
  const md = np.metadata ?? {};
  const spec = np.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(md.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const ps = spec.podSelector ?? {};
  if (Object.keys(ps.matchLabels ?? {}).length === 0 && (ps.matchExpressions ?? []).length === 0) {
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else {
    w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
  }
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    printRules(w, spec.ingress, '    ', 'ingress');
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    printRules(w, spec.egress, '    ', 'egress');
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.toString();
}
