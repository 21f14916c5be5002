// Where a running server says it is: $KUBESIM_HOME/serve/<cluster>.json (pid, url, token), so other
// processes (tests, `kubesim serve stop`, a CLI that sends its operations to the server) find it;
// and the kubeconfig context `--write-kubeconfig` adds for kubectl and client libraries.
import fs from 'node:fs';
import path from 'node:path';
import { ensureDir, kubesimHome } from '../../store/file.js';
import type { Named } from '../../kubectl/kubeconfig.js';

export interface ServeInfo {
  pid: number;
  url: string;
  token?: string;
  /** --tls: the serving certificate (PEM), the CA to trust */
  ca?: string;
}

export function serveInfoFile(cluster: string): string {
  return path.join(kubesimHome(), 'serve', `${cluster}.json`);
}

export function writeServeInfo(cluster: string, info: ServeInfo): void {
  const file = serveInfoFile(cluster);
  ensureDir(path.dirname(file));
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(info) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readServeInfo(cluster: string): ServeInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(serveInfoFile(cluster), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Remove the file if it is still this process's. */
export function removeServeInfo(cluster: string, pid: number): void {
  if (readServeInfo(cluster)?.pid === pid) fs.rmSync(serveInfoFile(cluster), { force: true });
}

/** Add (or update) the cluster, user and context named after the cluster in a kubeconfig file. */
export async function writeServeKubeconfig(cluster: string, url: string, token: string | undefined, file?: string, ca?: Buffer): Promise<string> {
  const kc = await import('../../kubectl/kubeconfig.js');
  kc.setGlobalFlags({ kubeconfig: file ?? kc.ownKubeconfigPath(), context: kc.contextFlagValue() });
  const cfg = await kc.loadKubeconfig();
  const upsert = (key: 'clusters' | 'users' | 'contexts', entry: Named) => {
    const list = (cfg[key] || []).filter((x) => x.name !== cluster);
    const old = (cfg[key] || []).find((x) => x.name === cluster);
    if (key === 'contexts' && old?.context && typeof old.context === 'object') entry.context = { ...(old.context as object), ...(entry.context as object) };
    list.push(entry);
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    cfg[key] = list;
  };
  upsert('clusters', { name: cluster, cluster: ca ? { 'certificate-authority-data': ca.toString('base64'), server: url } : { server: url } });
  upsert('users', { name: cluster, user: token ? { token } : {} });
  upsert('contexts', { name: cluster, context: { cluster, user: cluster } });
  if (!cfg['current-context']) cfg['current-context'] = cluster;
  return kc.saveKubeconfig(cfg);
}
