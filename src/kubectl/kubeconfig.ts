// kubesim's kubeconfig: one context per kubesim cluster, kept in $KUBESIM_HOME/kubeconfig (or the file
// named by --kubeconfig / $KUBECONFIG). Context, cluster and user are all named after the kubesim
// cluster (as minikube does). While kubesim's own file does not exist, its content is implied (a
// context per cluster, current-context "default") and nothing is read or parsed.
import fs from 'node:fs';
import path from 'node:path';
// (static: yaml is part of every start anyway, and a dynamic import of this CommonJS package has no named exports in the ESM bundle)
import { parse as parseYaml } from 'yaml';
import { kubesimHome, listClusterNames } from '../store/file.js';

export type Entry = Record<string, unknown>;
export interface Named { name: string; [k: string]: unknown }
export interface Kubeconfig {
  clusters: Named[] | null;
  contexts: Named[] | null;
  'current-context': string;
  preferences: Entry;
  users: Named[] | null;
  [k: string]: unknown;
}

let kubeconfigFlag: string | undefined;
let contextFlag: string | undefined;

/** The global --kubeconfig and --context flags, remembered for the whole run. */
export function setGlobalFlags(o: { kubeconfig?: string; context?: string }): void {
  kubeconfigFlag = o.kubeconfig || undefined;
  contextFlag = o.context || undefined;
}

export function contextFlagValue(): string | undefined { return contextFlag; }

export function ownKubeconfigPath(): string {
  return path.join(kubesimHome(), 'kubeconfig');
}

/** --kubeconfig, else the first file of $KUBECONFIG, else kubesim's own (never ~/.kube/config). */
/** Whether --kubeconfig named the file (config view --merge=false wants a precise file). */
export function kubeconfigFlagGiven(): boolean {
  return kubeconfigFlag !== undefined;
}

export function kubeconfigPath(): string {
  if (kubeconfigFlag) return kubeconfigFlag;
  const env = (process.env.KUBECONFIG || '').split(path.delimiter).filter(Boolean);
  return env[0] || ownKubeconfigPath();
}

export function clusterEntries(name: string): { cluster: Named; user: Named; context: Named } {
  return {
    cluster: { name, cluster: { server: `https://${name}.kubesim.local:6443` } },
    user: { name, user: { token: `kubesim-${name}` } },
    context: { name, context: { cluster: name, user: name } },
  };
}

function implied(): Kubeconfig {
  const names = [...new Set(['default', ...listClusterNames()])].sort();
  const e = names.map(clusterEntries);
  return { clusters: e.map((x) => x.cluster), contexts: e.map((x) => x.context), 'current-context': 'default', preferences: {}, users: e.map((x) => x.user) };
}

function empty(): Kubeconfig {
  return { clusters: null, contexts: null, 'current-context': '', preferences: {}, users: null };
}

let cache: { file: string; cfg: Kubeconfig } | undefined;

/** Read the file anew from here on (a process that runs many commands: another process may have changed it). */
export function forgetKubeconfig(): void {
  cache = undefined;
}

export async function loadKubeconfig(): Promise<Kubeconfig> {
  const file = kubeconfigPath();
  if (cache?.file === file) return cache.cfg;
  let text: string | undefined;
  try { text = fs.readFileSync(file, 'utf8'); } catch { text = undefined; }
  let cfg: Kubeconfig;
  if (text === undefined) cfg = file === ownKubeconfigPath() ? implied() : empty();
  else {
    const raw = (text.trim() ? parseYaml(text) : {}) as Partial<Kubeconfig> | null;
    cfg = { ...empty(), ...(raw || {}) } as Kubeconfig;
    cfg['current-context'] ??= '';
  }
  cache = { file, cfg };
  return cfg;
}

export async function saveKubeconfig(cfg: Kubeconfig): Promise<string> {
  const file = kubeconfigPath();
  const { toYaml } = await import('../printers/yaml.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, toYaml(ordered(cfg)), { mode: 0o600 });
  fs.renameSync(tmp, file);
  cache = { file, cfg };
  return file;
}

/** The file's top level as kubectl writes it: keys sorted, kind and apiVersion present. */
export function ordered(cfg: Kubeconfig): Entry {
  const all: Entry = { ...cfg, apiVersion: 'v1', kind: 'Config' };
  const out: Entry = {};
  for (const k of Object.keys(all).sort()) out[k] = all[k];
  return out;
}

export function find(list: Named[] | null, name: string): Named | undefined {
  return (list || []).find((x) => x.name === name);
}

/** The context in effect: --context, else current-context. */
export async function activeContext(): Promise<{ name: string; context: Entry } | undefined> {
  // the common case, no file yet: the implied current context, without listing clusters
  if (!contextFlag && !cache && kubeconfigPath() === ownKubeconfigPath() && !fs.existsSync(ownKubeconfigPath())) return { name: 'default', context: { cluster: 'default' } };
  const cfg = await loadKubeconfig();
  const name = contextFlag || cfg['current-context'];
  if (!name) return undefined;
  const c = find(cfg.contexts, name);
  if (!c) {
    if (contextFlag) {
      const { UserError } = await import('../api/errors.js');
      throw new UserError(`error: context was not found for specified context: ${name}`);
    }
    return undefined;
  }
  return { name, context: (c.context || {}) as Entry };
}

/** Add (or drop) a kubesim cluster's entries, in kubesim's own file only and only once it exists. */
export async function recordCluster(name: string, present: boolean): Promise<void> {
  const file = ownKubeconfigPath();
  if (!fs.existsSync(file) || kubeconfigPath() !== file) return;
  const cfg = await loadKubeconfig();
  const e = clusterEntries(name);
  for (const key of ['clusters', 'users', 'contexts'] as const) {
    const list = (cfg[key] || []).filter((x) => x.name !== name);
    if (present) list.push(e[key.slice(0, -1) as 'cluster' | 'user' | 'context']);
    cfg[key] = list;
  }
  if (!present && cfg['current-context'] === name) cfg['current-context'] = '';
  await saveKubeconfig(cfg);
}
