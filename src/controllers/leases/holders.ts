// The Leases a v1.32 control plane's components hold (coordination.k8s.io/v1), as each writes it when it takes it:
// - every kubelet's node lease in kube-node-lease (component-helpers/apimachinery/lease: named and held by the node,
//   owned by the Node, 40 s, renewed every 10 s: nodeLeaseRenewIntervalFraction 0.25);
// - the leader-election leases of kube-controller-manager and kube-scheduler in kube-system (client-go
//   leaderelection's LeaseLock: holder `<hostname>_<uuid>`, 15 s, renewed every RetryPeriod, 2 s);
// - the API server's identity lease in kube-system (pkg/controlplane: `apiserver-<hash of the hostname>`, holder
//   `<name>_<uuid>`, 3600 s, renewed every 10 s).
// kubesim: renewals are not writes. Each lease holder's renewal period is kept here; a read sees the latest renewal
// made by now (renewal.ts), so fast-forwarding hours of virtual time costs nothing.
import { createHash } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { rfc3339Micro } from '../../sim/clock.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** What renews a lease: every `every` ms while `holder` holds it (and, for a node lease, while its kubelet runs). */
export interface Renewal {
  every: number;
  holder: string;
  /** the field manager of the holder's writes */
  manager: string;
  /** a node lease: its kubelet's node */
  node?: string;
  /** the lease as it was when someone deleted it: its holder writes it again at its next renewal */
  deleted?: KObject;
}

/** "ns/name" -> its holder's renewal */
export type RenewalTable = Record<string, Renewal>;

export const RENEWALS = 'leases';

export function renewalTable(cluster: Cluster): RenewalTable {
  return cluster.controllerState<RenewalTable>(RENEWALS, () => ({}));
}

function createLease(cluster: Cluster, lease: KObject, r: Renewal): void {
  const md = lease.metadata!;
  cluster.create('leases', lease, { writer: { manager: r.manager } });
  renewalTable(cluster)[`${md.namespace}/${md.name}`] = r;
  cluster.dirty = true;
}

/** The kubelet's lease controller creates its node's lease once the Node is registered (ensureLease). */
export function ensureNodeLease(cluster: Cluster, node: KObject): void {
  const name = node.metadata!.name!;
  if (cluster.stored('leases', NODE_LEASE_NAMESPACE, name)) return;
  createLease(cluster, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      // setNodeOwnerFunc
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(cluster.now()) },
  } as KObject, { every: 10_000, holder: name, manager: 'kubelet', node: name });
}

/** A kubelet that starts again renews its lease at once (the renewal schedule starts over from now). */
export function renewNodeLease(cluster: Cluster, node: string): void {
  const lease = cluster.stored('leases', NODE_LEASE_NAMESPACE, node);
  if (!lease) {
    // deleted while the kubelet was down: it creates it again
    const n = cluster.get('nodes', undefined, node);
    if (n) ensureNodeLease(cluster, n);
    return;
  }
  if (lease.spec?.holderIdentity !== node) return;
  cluster.update('leases', { ...lease, spec: { ...lease.spec, renewTime: rfc3339Micro(cluster.now()) } }, { writer: { manager: 'kubelet' } });
}

/** APIServerID: "apiserver-" + base32 of the first 16 bytes of sha256(len-prefixed hostname, len-prefixed "kube-apiserver"). */
export function apiserverID(hostname: string): string {
  const field = (s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const sum = createHash('sha256').update(Buffer.concat([field(hostname), field('kube-apiserver')])).digest().subarray(0, 16);
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const byte of sum) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return 'apiserver-' + out;
}

/**
 * The leases the control plane on `hostname` holds once it is up: the API server's identity lease and the two
 * leader-election leases. Their holders' uuids come from the cluster's random stream (the caller's own stream).
 */
export function addControlPlaneLeases(cluster: Cluster, hostname: string): void {
  const now = rfc3339Micro(cluster.now());
  const id = apiserverID(hostname);
  const apiserverHolder = `${id}_${cluster.rng.uuid()}`;
  createLease(cluster, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: id,
      namespace: 'kube-system',
      // labelAPIServerHeartbeatFunc
      labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': hostname },
    },
    spec: { holderIdentity: apiserverHolder, leaseDurationSeconds: 3600, renewTime: now },
  } as KObject, { every: 10_000, holder: apiserverHolder, manager: 'kube-apiserver' });
  for (const component of ['kube-controller-manager', 'kube-scheduler']) {
    const holder = `${hostname}_${cluster.rng.uuid()}`;
    // LeaderElectionRecordToLeaseSpec of the record tryAcquireOrRenew writes when it takes a free lease
    createLease(cluster, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: component, namespace: 'kube-system' },
      spec: { acquireTime: now, holderIdentity: holder, leaseDurationSeconds: 15, leaseTransitions: 0, renewTime: now },
    } as KObject, { every: 2_000, holder, manager: component });
  }
}

/**
 * A holder whose lease was deleted writes it again at its next renewal: the kubelet's ensureLease creates it anew,
 * a leader that finds no lease acquires it afresh (acquireTime now, no transitions counted), the API server's
 * identity lease controller recreates its own. The same holder, labels and owner as before.
 */
export function recreateLease(cluster: Cluster, r: Renewal): void {
  const old = r.deleted;
  if (!old) return;
  const md = old.metadata!;
  delete r.deleted;
  cluster.dirty = true;
  if (cluster.stored('leases', md.namespace, md.name!)) return;
  if (r.node !== undefined) {
    const node = cluster.get('nodes', undefined, r.node);
    // a node that is gone took its lease with it (the garbage collector): no kubelet is left to renew it
    if (node) ensureNodeLease(cluster, node);
    else delete renewalTable(cluster)[`${md.namespace}/${md.name}`];
    return;
  }
  const now = rfc3339Micro(cluster.now());
  const spec: Record<string, unknown> = { ...old.spec, renewTime: now };
  if (spec.acquireTime !== undefined) spec.acquireTime = now;
  if (spec.leaseTransitions !== undefined) spec.leaseTransitions = 0;
  const metadata = { name: md.name, namespace: md.namespace, ...(md.labels ? { labels: md.labels } : {}), ...(md.ownerReferences ? { ownerReferences: md.ownerReferences } : {}) };
  createLease(cluster, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec } as KObject, { every: r.every, holder: r.holder, manager: r.manager });
}
