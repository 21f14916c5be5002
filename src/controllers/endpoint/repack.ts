// RepackSubsets and SortSubsets (pkg/api/v1/endpoints): one subset per distinct set of addresses
// sharing the same ports, addresses sorted by IP (then target uid).
// kubesim: upstream orders ports and subsets by an md5 hash of their Go representation; we order
// them by (port, name, protocol) and by their first address, which is stable and the same for the
// one-subset case almost every Service has.

export interface EndpointAddress { ip: string; hostname?: string; nodeName?: string; targetRef?: any }
export interface EndpointPort { name?: string; port: number; protocol?: string; appProtocol?: string }
export interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] }

const addrKey = (a: EndpointAddress) => `${a.ip}\0${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => `${p.name ?? ''}\0${p.port}\0${p.protocol ?? ''}\0${p.appProtocol ?? ''}`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAddr = (a: EndpointAddress, b: EndpointAddress) => cmp(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');

export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  // port -> address key -> ready
  const portToAddrs = new Map<string, { port: EndpointPort | null; addrs: Map<string, boolean> }>();
  const mapAddressesByPort = (s: EndpointSubset, port: EndpointPort | null) => {
    const pk = port ? portKey(port) : '\0sentinel';
    let e = portToAddrs.get(pk);
    if (!e) portToAddrs.set(pk, (e = { port, addrs: new Map() }));
    for (const a of s.addresses || []) {
      const k = addrKey(a);
      if (!allAddrs.has(k)) allAddrs.set(k, a);
      e.addrs.set(k, true);
    }
    for (const a of s.notReadyAddresses || []) {
      const k = addrKey(a);
      if (!allAddrs.has(k)) allAddrs.set(k, a);
      // an address ready for this port stays ready
      if (!e.addrs.has(k)) e.addrs.set(k, false);
    }
  };
  for (const s of subsets) {
    if (!s.ports?.length) mapAddressesByPort(s, null);
    else for (const p of s.ports) mapAddressesByPort(s, p);
  }
  // address sets -> the ports they offer
  const byAddrSet = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    const k = [...addrs.entries()].map(([a, r]) => `${a}\0${r}`).sort().join('\n');
    let e = byAddrSet.get(k);
    if (!e) byAddrSet.set(k, (e = { addrs, ports: [] }));
    if (port) e.ports.push(port);
  }
  const final: EndpointSubset[] = [];
  for (const { addrs, ports } of byAddrSet.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready.sort(byAddr);
    if (notReady.length) s.notReadyAddresses = notReady.sort(byAddr);
    if (ports.length) s.ports = ports.sort((a, b) => a.port - b.port || cmp(a.name ?? '', b.name ?? '') || cmp(a.protocol ?? '', b.protocol ?? ''));
    final.push(s);
  }
  const first = (s: EndpointSubset) => (s.addresses?.[0] ?? s.notReadyAddresses?.[0])?.ip ?? '';
  return final.sort((a, b) => cmp(first(a), first(b)) || (a.ports?.[0]?.port ?? 0) - (b.ports?.[0]?.port ?? 0));
}
