// A realistic Ready node, as a kind/kubeadm worker running kubelet v1.32.5 on containerd reports
// itself (see conformance k#55/#56: `get nodes -o wide`).
import { createHash } from 'node:crypto';
import type { KObject } from '../api/types.js';

function hex(s: string, n: number): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

function uuidFrom(s: string): string {
  const h = hex(s, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** node-1 -> 1, worker-3 -> 3; names without a number count as 1. */
export function nodeOrdinal(name: string): number {
  const m = /(\d+)$/.exec(name);
  const n = m ? parseInt(m[1], 10) : 1;
  return n >= 1 && n <= 250 ? n : 1;
}

/**
 * A node object ready to store with cluster.create('nodes', ...). `now` is an RFC3339 time used
 * for the conditions' heartbeat and transition times. The N-th node gets InternalIP 172.18.0.(N+1)
 * and podCIDR 10.244.(N-1).0/24, as kind assigns them.
 */
export function makeNode(name: string, now: string): KObject {
  const n = nodeOrdinal(name);
  const cidr = `10.244.${n - 1}.0/24`;
  const capacity = {
    cpu: '8',
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '16318460Ki',
    pods: '110',
  };
  const cond = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
      name,
    },
    spec: {
      podCIDR: cidr,
      podCIDRs: [cidr],
      providerID: `kind://docker/kubesim/${name}`,
    },
    status: {
      addresses: [
        { address: `172.18.0.${n + 1}`, type: 'InternalIP' },
        { address: name, type: 'Hostname' },
      ],
      allocatable: { ...capacity },
      capacity,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      features: { supplementalGroupsPolicy: true },
      images: [],
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuidFrom('boot:' + name),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.1.0-fake',
        kubeProxyVersion: 'v1.32.5',
        kubeletVersion: 'v1.32.5',
        machineID: hex('machine:' + name, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: uuidFrom('system:' + name),
      },
      runtimeHandlers: [
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: 'runc' },
        { features: { recursiveReadOnlyMounts: true, userNamespaces: true }, name: '' },
      ],
    },
  };
}

/** Ready=True and not cordoned: the scheduler may bind pods here. */
export function nodeIsReady(node: KObject): boolean {
  const c = (node.status?.conditions || []).find((x: any) => x.type === 'Ready');
  return c?.status === 'True';
}

export function nodeInternalIP(node: KObject | undefined): string | undefined {
  return (node?.status?.addresses || []).find((a: any) => a.type === 'InternalIP')?.address;
}
