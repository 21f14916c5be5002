// NodePorts (plugins/nodeports): a pod's hostPorts must be free on the node (same protocol and port, with
// 0.0.0.0 clashing with every address).
import type { KObject } from '../../api/types.js';
import { unschedulable, type FilterPlugin } from './framework.js';

interface HostPort { ip: string; protocol: string; port: number }

function hostPorts(pod: KObject): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers || []), ...(pod.spec?.containers || [])]) {
    for (const p of c.ports || []) {
      if (!p.hostPort) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

const clash = (a: HostPort, b: HostPort) => a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter(pod) { return hostPorts(pod); },
  filter(_pod, ni, state) {
    const want = state as HostPort[];
    if (!want.length) return undefined;
    for (const p of ni.pods) {
      for (const used of hostPorts(p)) {
        if (want.some((w) => clash(w, used))) return unschedulable('NodePorts', "node(s) didn't have free ports for the requested pod ports");
      }
    }
    return undefined;
  },
};
