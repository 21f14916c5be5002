// kubesim config SUBCOMMAND: kubectl config's verbs over kubesim's kubeconfig (src/kubectl/kubeconfig.ts),
// with kubectl v1.32's messages.
import { UserError } from '../../api/errors.js';
import { find, kubeconfigFlagGiven, loadKubeconfig, ordered, saveKubeconfig, type Entry, type Kubeconfig, type Named } from '../../kubectl/kubeconfig.js';
import { stdio } from '../io.js';
import { parseObjectFormat, renderGoTemplate } from '../output.js';

type ListKey = 'clusters' | 'contexts' | 'users';
const INNER: Record<ListKey, string> = { clusters: 'cluster', contexts: 'context', users: 'user' };
// Go struct field order of clientcmd's v1 types, for -o json
const FIELD_ORDER: Record<string, string[]> = {
  cluster: ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'],
  user: ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'],
  context: ['cluster', 'user', 'namespace', 'extensions'],
};
/** clientcmd's struct field order of a user's exec plugin and auth provider (what -o json shows). */
const NESTED_ORDER: Record<string, string[]> = {
  exec: ['command', 'args', 'env', 'apiVersion', 'installHint', 'provideClusterInfo', 'interactiveMode'],
  'auth-provider': ['name', 'config'],
};
const inOrder = (v: unknown, keys: string[]): unknown => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Entry;
  const out: Entry = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return { ...out, ...o };
};
const OMITTED: Record<string, string> = { 'certificate-authority-data': 'DATA+OMITTED', 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED', token: 'REDACTED', password: 'REDACTED' };

function exactArgs(args: string[], n: number, usage: string): void {
  if (args.length !== n) throw new UserError(`error: Unexpected args: [${args.join(' ')}]${usage ? '' : ''}`);
}

function sortKeys(o: Entry): Entry {
  const out: Entry = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

function inner(entry: Named, key: ListKey): Entry {
  const k = INNER[key];
  if (!entry[k] || typeof entry[k] !== 'object') entry[k] = {};
  return entry[k] as Entry;
}

function entryOf(cfg: Kubeconfig, key: ListKey, name: string, create: boolean): Named | undefined {
  let e = find(cfg[key], name);
  if (!e && create) {
    e = { name, [INNER[key]]: {} };
    cfg[key] = [...(cfg[key] || []), e];
  }
  return e;
}

async function write(cfg: Kubeconfig, msg: string): Promise<void> {
  await saveKubeconfig(cfg);
  stdio.out(msg);
}

export async function view(args: string[], opts: any): Promise<void> {
  exactArgs(args, 0, '');
  // kubesim reads one kubeconfig file (the first of $KUBECONFIG): unmerged, it is the same file
  if (opts.merge === false && !kubeconfigFlagGiven()) throw new UserError('error: if merge==false a precise file must be specified');
  const cfg = await loadKubeconfig();
  const pick = <T extends Named>(list: T[] | null, keep?: string) => (keep === undefined ? list : (list || []).filter((x) => x.name === keep));
  let clusters = cfg.clusters, users = cfg.users, contexts = cfg.contexts;
  let current = cfg['current-context'];
  if (opts.minify) {
    const name = opts.context || current;
    const ctx = name ? find(cfg.contexts, name) : undefined;
    if (!ctx) throw new UserError('error: current-context must exist in order to minify');
    current = name;
    const c = (ctx.context || {}) as Entry;
    contexts = pick(contexts, name);
    clusters = pick(clusters, String(c.cluster ?? ''));
    users = pick(users, String(c.user ?? ''));
  }
  const shown = (list: Named[] | null, key: ListKey, json: boolean): Named[] | null => {
    if (!list || list.length === 0) return null;
    return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => {
      const body: Entry = {};
      const src = (e[INNER[key]] || {}) as Entry;
      const order = json ? [...FIELD_ORDER[INNER[key]], ...Object.keys(src)] : Object.keys(src).sort();
      for (const f of order) if (f in src && !(f in body)) body[f] = !opts.raw && f in OMITTED && src[f] !== '' ? OMITTED[f] : json && NESTED_ORDER[f] ? inOrder(src[f], NESTED_ORDER[f]) : src[f];
      return (json ? { name: e.name, [INNER[key]]: body } : sortKeys({ name: e.name, [INNER[key]]: body })) as Named;
    });
  };
  // PrintFlags with yaml by default; a --template alone is a go-template
  const fmt = parseObjectFormat({ output: opts.output ?? (opts.template ? undefined : 'yaml'), template: opts.template, allowMissingTemplateKeys: opts.allowMissingTemplateKeys });
  const asJson = (json: boolean): Entry => ({
    kind: 'Config', apiVersion: 'v1', preferences: cfg.preferences || {},
    clusters: shown(clusters, 'clusters', json), users: shown(users, 'users', json), contexts: shown(contexts, 'contexts', json),
    'current-context': current || '',
  });
  if (fmt.kind === 'yaml') {
    const { toYaml } = await import('../../printers/yaml.js');
    stdio.out(toYaml(ordered(asJson(false) as unknown as Kubeconfig)));
  } else if (fmt.kind === 'json') {
    stdio.out(JSON.stringify(asJson(true), null, 4) + '\n');
  } else if (fmt.kind === 'name') {
    // the Config has no name
    stdio.out('config/<unknown>\n');
  } else if (fmt.kind === 'go-template') {
    // clientcmd's v1.Config is a typed struct: the template's debugging dump keeps its field order
    stdio.out(renderGoTemplate(await import('../../printers/output.js'), fmt, asJson(true), true));
  } else if (fmt.kind === 'jsonpath') {
    const { printJsonPath } = await import('../../printers/output.js');
    stdio.out(printJsonPath(fmt.template, asJson(true), { allowMissingKeys: fmt.allowMissingKeys, asJson: fmt.asJson }));
  }
}

export async function getContexts(args: string[], opts: any): Promise<void> {
  const cfg = await loadKubeconfig();
  const all = [...(cfg.contexts || [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const output: string | undefined = opts.output;
  if (output !== undefined && output !== 'name' && output !== '') throw new UserError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
  let chosen = all;
  const missing: string[] = [];
  if (args.length) {
    chosen = [];
    for (const n of args) {
      const c = all.find((x) => x.name === n);
      if (c) chosen.push(c); else missing.push(n);
    }
  }
  if (output === 'name') {
    stdio.out(chosen.map((c) => c.name + '\n').join(''));
  } else {
    let text = opts.headers === false ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
    for (const c of chosen) {
      const x = (c.context || {}) as Entry;
      text += `${c.name === cfg['current-context'] ? '*' : ''}\t${c.name}\t${x.cluster ?? ''}\t${x.user ?? ''}\t${x.namespace ?? ''}\n`;
    }
    const { TabWriter } = await import('../../printers/tabwriter.js');
    const tw = new TabWriter(6, 4, 3, ' ', 0);
    tw.write(text);
    stdio.out(tw.flush());
  }
  if (missing.length) throw new UserError(`error: context ${missing.join(', ')} not found`);
}

export async function currentContext(args: string[]): Promise<void> {
  exactArgs(args, 0, '');
  const cfg = await loadKubeconfig();
  if (!cfg['current-context']) throw new UserError('error: current-context is not set');
  stdio.out(cfg['current-context'] + '\n');
}

export async function useContext(args: string[]): Promise<void> {
  exactArgs(args, 1, '');
  const cfg = await loadKubeconfig();
  if (!find(cfg.contexts, args[0])) throw new UserError(`error: no context exists with the name: "${args[0]}"`);
  cfg['current-context'] = args[0];
  await write(cfg, `Switched to context "${args[0]}".\n`);
}

export async function setContext(args: string[], opts: any): Promise<void> {
  const cfg = await loadKubeconfig();
  let name = args[0];
  if (opts.current) {
    if (args.length) throw new UserError('error: you cannot specify a context name and --current');
    name = cfg['current-context'];
    if (!name) throw new UserError('error: no current context is set');
  } else if (args.length !== 1) {
    throw new UserError(`error: Unexpected args: [${args.join(' ')}]`);
  }
  const existed = !!find(cfg.contexts, name);
  const c = inner(entryOf(cfg, 'contexts', name, true)!, 'contexts');
  for (const f of ['cluster', 'user', 'namespace'] as const) {
    const v = opts[f === 'user' ? 'user' : f];
    if (v !== undefined) { if (v === '') delete c[f]; else c[f] = v; }
  }
  await write(cfg, `Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
}

export async function renameContext(args: string[]): Promise<void> {
  exactArgs(args, 2, '');
  const [from, to] = args;
  const cfg = await loadKubeconfig();
  const { kubeconfigPath } = await import('../../kubectl/kubeconfig.js');
  const e = find(cfg.contexts, from);
  if (!e) throw new UserError(`error: cannot rename the context "${from}", it's not in ${kubeconfigPath()}`);
  if (find(cfg.contexts, to)) throw new UserError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${kubeconfigPath()}`);
  e.name = to;
  if (cfg['current-context'] === from) cfg['current-context'] = to;
  await write(cfg, `Context "${from}" renamed to "${to}".\n`);
}

async function deleteEntry(key: ListKey, args: string[]): Promise<void> {
  exactArgs(args, 1, '');
  const cfg = await loadKubeconfig();
  const { kubeconfigPath } = await import('../../kubectl/kubeconfig.js');
  const name = args[0];
  const what = INNER[key];
  if (!find(cfg[key], name)) throw new UserError(`error: cannot delete ${what} ${name}, not in ${kubeconfigPath()}`);
  cfg[key] = (cfg[key] || []).filter((x) => x.name !== name);
  if (key === 'contexts' && cfg['current-context'] === name) stdio.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  await write(cfg, `deleted ${what} ${name} from ${kubeconfigPath()}\n`);
}
export const deleteContext = (a: string[]) => deleteEntry('contexts', a);
export const deleteCluster = (a: string[]) => deleteEntry('clusters', a);
export const deleteUser = (a: string[]) => deleteEntry('users', a);

async function getNames(key: ListKey, args: string[]): Promise<void> {
  exactArgs(args, 0, '');
  const cfg = await loadKubeconfig();
  stdio.out('NAME\n' + (cfg[key] || []).map((x) => x.name).sort().map((n) => n + '\n').join(''));
}
export const getClusters = (a: string[]) => getNames('clusters', a);
export const getUsers = (a: string[]) => getNames('users', a);

export async function setCluster(args: string[], opts: any): Promise<void> {
  exactArgs(args, 1, '');
  const cfg = await loadKubeconfig();
  const c = inner(entryOf(cfg, 'clusters', args[0], true)!, 'clusters');
  const fields: [string, string][] = [['server', 'server'], ['certificateAuthority', 'certificate-authority'], ['tlsServerName', 'tls-server-name'], ['proxyUrl', 'proxy-url']];
  for (const [o, f] of fields) if (opts[o] !== undefined) c[f] = opts[o];
  if (opts.insecureSkipTlsVerify !== undefined) {
    c['insecure-skip-tls-verify'] = opts.insecureSkipTlsVerify === true || opts.insecureSkipTlsVerify === 'true';
    if (c['insecure-skip-tls-verify']) { delete c['certificate-authority']; delete c['certificate-authority-data']; }
  }
  await write(cfg, `Cluster "${args[0]}" set.\n`);
}

export async function setCredentials(args: string[], opts: any): Promise<void> {
  let providerArgs: ReturnType<typeof pairs>;
  let execEnv: ReturnType<typeof pairs>;
  try {
    // complete(): its failures print the command's help first
    if (args.length !== 1) throw new Error(`unexpected args: [${args.join(' ')}]`);
    providerArgs = pairs(opts.authProviderArg, 'auth-provider-arg');
    execEnv = pairs(opts.execEnv, 'exec-env');
  } catch (e) {
    const { helpText } = await import('../help/data.js');
    stdio.out(helpText(['config', 'set-credentials']) ?? '');
    throw new UserError(`error: ${(e as Error).message}`);
  }
  if (opts.execInteractiveMode !== undefined && !['IfAvailable', 'Never', 'Always'].includes(opts.execInteractiveMode)) {
    throw new UserError('error: invalid interactive mode type, can be only IfAvailable, Never, Always');
  }
  const cfg = await loadKubeconfig();
  const u = inner(entryOf(cfg, 'users', args[0], true)!, 'users');
  const fields: [string, string][] = [['token', 'token'], ['username', 'username'], ['password', 'password'], ['clientCertificate', 'client-certificate'], ['clientKey', 'client-key']];
  for (const [o, f] of fields) if (opts[o] !== undefined) u[f] = opts[o];
  // the auth provider: replaced when named anew, its config changed by key=value / key-
  if (opts.authProvider !== undefined && (u['auth-provider'] as Entry | undefined)?.name !== opts.authProvider) u['auth-provider'] = { name: opts.authProvider };
  const provider = u['auth-provider'] as Entry | undefined;
  if (provider) {
    const config = (provider.config ??= {}) as Record<string, string>;
    for (const k of providerArgs.remove) delete config[k];
    for (const [k, v] of providerArgs.set) config[k] = v;
  }
  // the exec plugin: made by --exec-command (which resets its arguments); the other exec flags change only one that exists
  if (opts.execCommand !== undefined) {
    if (!u.exec) u.exec = { command: opts.execCommand, args: null, env: null, provideClusterInfo: false };
    else Object.assign(u.exec as Entry, { command: opts.execCommand, args: null });
  }
  const exec = u.exec as Entry | undefined;
  if (exec) {
    if (opts.execApiVersion !== undefined) exec.apiVersion = opts.execApiVersion;
    if (opts.execArg !== undefined) exec.args = opts.execArg;
    if (opts.execInteractiveMode !== undefined) exec.interactiveMode = opts.execInteractiveMode;
    if (opts.execProvideClusterInfo !== undefined) exec.provideClusterInfo = !!opts.execProvideClusterInfo;
    let env = (exec.env ?? null) as { name: string; value: string }[] | null;
    if (execEnv.remove.length) env = (env ?? []).filter((e) => !execEnv.remove.includes(e.name));
    if (execEnv.set.length) {
      env = [...(env ?? [])];
      for (const [name, value] of execEnv.set) {
        const have = env.find((e) => e.name === name);
        if (have) have.value = value; else env.push({ name, value });
      }
    }
    exec.env = env;
  }
  await write(cfg, `User "${args[0]}" set.\n`);
}

/** cmdutil.ParsePairs with removal: `key=value` sets, `key-` removes; anything else is refused. */
function pairs(list: string[] | undefined, flag: string): { set: [string, string][]; remove: string[] } {
  const out = { set: [] as [string, string][], remove: [] as string[] };
  for (const p of list ?? []) {
    const i = p.indexOf('=');
    if (i > 0) out.set.push([p.slice(0, i), p.slice(i + 1)]);
    else if (p.endsWith('-') && p.length > 1) out.remove.push(p.slice(0, -1));
    else throw new Error(`invalid ${flag} format: ${p}`);
  }
  return out;
}

/** `set`/`unset PROPERTY_NAME`: dotted paths into the file (clusters.NAME.server, current-context, ...). */
function walk(cfg: Kubeconfig, prop: string, create: boolean): { parent: Entry; key: string; list?: ListKey } {
  const parts = prop.split('.');
  const head = parts[0];
  const bad = () => new UserError(`error: unable to parse ${prop} after [] at api.Config`);
  if (head === 'current-context' && parts.length === 1) return { parent: cfg as unknown as Entry, key: head };
  if (head === 'preferences') {
    if (parts.length === 1) return { parent: cfg as unknown as Entry, key: head };
    let p = (cfg.preferences ||= {});
    for (const k of parts.slice(1, -1)) p = (p[k] ||= {}) as Entry;
    return { parent: p, key: parts[parts.length - 1] };
  }
  if (!(head in INNER)) throw bad();
  const key = head as ListKey;
  if (parts.length === 1) return { parent: cfg as unknown as Entry, key: head };
  if (parts.length === 2) return { parent: cfg as unknown as Entry, key: parts[1], list: key };
  const e = entryOf(cfg, key, parts[1], create);
  if (!e) return { parent: {}, key: parts[2] };
  let p = inner(e, key);
  for (const k of parts.slice(2, -1)) p = (p[k] ||= {}) as Entry;
  return { parent: p, key: parts[parts.length - 1] };
}

export async function set(args: string[], opts: any): Promise<void> {
  exactArgs(args, 2, '');
  const [prop, value] = args;
  const cfg = await loadKubeconfig();
  const w = walk(cfg, prop, true);
  if (w.list) entryOf(cfg, w.list, w.key, true);
  else {
    let v: unknown = value;
    if (opts.setRawBytes !== true && w.key.endsWith('-data')) v = value;
    if (w.key === 'insecure-skip-tls-verify') v = value === 'true';
    w.parent[w.key] = v;
  }
  await write(cfg, `Property "${prop}" set.\n`);
}

export async function unset(args: string[]): Promise<void> {
  exactArgs(args, 1, '');
  const [prop] = args;
  const cfg = await loadKubeconfig();
  const w = walk(cfg, prop, false);
  if (w.list) cfg[w.list] = (cfg[w.list] || []).filter((x) => x.name !== w.key);
  else if (w.parent === (cfg as unknown as Entry) && (w.key in INNER)) cfg[w.key as ListKey] = null;
  else if (w.key === 'current-context' && w.parent === (cfg as unknown as Entry)) cfg['current-context'] = '';
  else delete w.parent[w.key];
  await write(cfg, `Property "${prop}" unset.\n`);
}
