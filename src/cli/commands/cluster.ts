// kubesim cluster create|delete|list|reset
import { UserError } from '../../api/errors.js';
import { clusterFile, clusterName, listClusterNames, readState, removeState, validClusterName, writeState } from '../../store/file.js';
import { acquireLock } from '../../store/lock.js';
import { CLUSTER_PROFILES, type ClusterProfile } from '../../sim/bootstrap.js';
import { freshClusterState } from '../../store/session.js';
import { stdio } from '../io.js';

function nodesFlag(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UserError(`error: --nodes must be a whole number from 1 to 1000, got "${v}"`);
  return n;
}

function nameArg(args: string[], opts: any): string {
  const name = args[0] || clusterName(opts.cluster);
  if (!validClusterName(name)) throw new UserError(`error: invalid cluster name "${name}": use letters, digits, '-', '_' and '.'`);
  return name;
}

function profileFlag(v: string | undefined): ClusterProfile {
  const p = (v ?? 'default') as ClusterProfile;
  if (!CLUSTER_PROFILES.includes(p)) throw new UserError(`error: unknown profile "${v}": use one of ${CLUSTER_PROFILES.join(', ')}`);
  return p;
}

export async function create(args: string[], opts: any): Promise<void> {
  const name = nameArg(args, opts);
  const profile = profileFlag(opts.profile);
  // kubeadm: controlplane, node01, node02 unless told otherwise
  const nodes = nodesFlag(opts.nodes, profile === 'kubeadm' ? 3 : 1);
  const file = clusterFile(name);
  const release = await acquireLock(file);
  try {
    if (readState(file, name)) throw new UserError(`error: cluster "${name}" already exists (${file})`);
    await writeState(file, await freshClusterState(name, nodes, profile));
  } finally {
    release();
  }
  await (await import('../../kubectl/kubeconfig.js')).recordCluster(name, true);
  stdio.out(`cluster "${name}" created with ${nodes} node${nodes === 1 ? '' : 's'}\n`);
}

export async function remove(args: string[], opts: any): Promise<void> {
  const name = nameArg(args, opts);
  const file = clusterFile(name);
  const release = await acquireLock(file);
  try {
    if (!removeState(file)) throw new UserError(`error: cluster "${name}" not found`);
  } finally {
    release();
  }
  await (await import('../../kubectl/kubeconfig.js')).recordCluster(name, false);
  stdio.out(`cluster "${name}" deleted\n`);
}

export async function list(_args: string[], _opts: any): Promise<void> {
  const names = listClusterNames();
  if (names.length === 0) {
    stdio.err('No clusters found.\n');
    return;
  }
  let out = '';
  for (const n of names) {
    let info = '';
    try {
      const st = readState(clusterFile(n), n);
      const nodes = Object.keys(st?.objects.nodes || {}).length;
      info = `${st?.clock.mode}\t${nodes}`;
    } catch {
      info = 'corrupt\t-';
    }
    out += `${n}\t${info}\n`;
  }
  const { TabWriter } = await import('../../printers/tabwriter.js');
  const tw = new TabWriter(6, 4, 3, ' ', 0);
  tw.write('NAME\tCLOCK\tNODES\n' + out);
  stdio.out(tw.flush());
}

/** Start the cluster afresh; the one command allowed to replace a corrupt file. */
export async function reset(args: string[], opts: any): Promise<void> {
  const name = nameArg(args, opts);
  const file = clusterFile(name);
  const release = await acquireLock(file);
  try {
    let nodes = 1;
    let profile: ClusterProfile = 'default';
    try {
      const st = readState(file, name);
      if (st) nodes = Object.keys(st.objects.nodes || {}).length || 1;
      // a kubeadm-profile cluster stays one
      if (st && Object.keys(st.objects.nodes || {}).includes('controlplane')) profile = 'kubeadm';
    } catch { /* corrupt: replaced below */ }
    if (opts.profile !== undefined) profile = profileFlag(opts.profile);
    await writeState(file, await freshClusterState(name, nodesFlag(opts.nodes, nodes), profile));
  } finally {
    release();
  }
  stdio.out(`cluster "${name}" reset\n`);
}
