// cobra's `__complete` protocol, which the scripts of `kubesim completion SHELL` call: the
// candidates one a line (`name\tdescription` unless __completeNoDesc), then `:<directive>`, and
// "Completion ended with directive: ..." on stderr. Subcommands and flags come from the command
// tree; arguments from kubectl's completion functions (resource types, object names from the
// current cluster, contexts), as a table by command path.
import { RESOURCES, discover } from '../../api/resources.js';
import { stdio } from '../io.js';
import { helpText, rootTexts } from './data.js';
import { find, helpFor } from './grammar.js';
import { shortDescription } from './kubesim.js';
import { flagsOf, type FlagSpec, type Node } from './tree.js';

const NO_FILE_COMP = 4;
const DIRECTIVES: [number, string][] = [[1, 'ShellCompDirectiveError'], [2, 'ShellCompDirectiveNoSpace'], [4, 'ShellCompDirectiveNoFileComp'], [8, 'ShellCompDirectiveFilterFileExt'], [16, 'ShellCompDirectiveFilterDirs'], [32, 'ShellCompDirectiveKeepOrder']];

function directiveNames(d: number): string {
  const names = DIRECTIVES.filter(([bit]) => d & bit).map(([, n]) => n);
  return names.length ? names.join(', ') : 'ShellCompDirectiveDefault';
}

interface Candidate { value: string; desc?: string }

/** Each flag's description, from a rendered help text (`    -o, --output='':` then `\tdescription`). */
function usages(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const m = /^ {4}(?:-\S, )?--([\w-]+)=.*:$/.exec(lines[i]);
    if (m && lines[i + 1].startsWith('\t')) out.set(m[1], lines[i + 1].slice(1));
  }
  return out;
}

/** The command's flags for completion: inherited (global) ones first, then its own, each sorted by name. */
function flagCandidates(node: Node, toComplete: string, set: Set<string>, requiredOnly = false): Candidate[] {
  const globals = usages(rootTexts().options);
  const local = usages(node.parent ? helpFor(node) : '');
  local.set('help', `help for ${node.name}`);
  // kubesim's own flags (on a kubectl command, only those it documents as kubesim's)
  for (const o of node.cmd?.options ?? []) {
    if (!o.long || local.has(o.long.slice(2)) || o.hidden) continue;
    if (!node.kubectl || /^kubesim:/.test(o.description)) local.set(o.long.slice(2), o.description.replace(/^kubesim:\s*/, ''));
  }
  const specs = flagsOf(node);
  const spec = (long: string): FlagSpec | undefined => specs.find((f) => f.long === long);
  const out: Candidate[] = [];
  const add = (names: Map<string, string>, skip?: Map<string, string>) => {
    for (const name of [...names.keys()].sort()) {
      if (skip?.has(name)) continue;
      const f = spec(name);
      if (set.has(name) && !(f && /\[\]/.test(recordedDefault(node, name) ?? ''))) continue;
      const desc = names.get(name);
      if (only && !only.includes(name)) continue;
      if (`--${name}`.startsWith(toComplete)) out.push({ value: `--${name}`, desc });
      if (f?.short && `-${f.short}`.startsWith(toComplete)) out.push({ value: `-${f.short}`, desc });
    }
  };
  // cobra's completeRequireFlags: required flags not yet given come alone when any matches
  let only: string[] | undefined = (node.kubectl?.required ?? []).filter((n) => !set.has(n));
  add(local);
  if (out.length || requiredOnly) return out;
  only = undefined;
  add(globals, local);
  add(local);
  return out;
}

const recordedDefault = (node: Node, name: string) => node.kubectl?.flags.find((f) => f[0] === name)?.[1];

/** `api-resources -o name --verbs=get`, as kubectl's CompGetResourceList asks it. */
function resourceTypes(toComplete: string): string[] {
  const i = toComplete.lastIndexOf(',');
  const prefix = toComplete.slice(0, i + 1);
  const suffix = toComplete.slice(i + 1);
  discover();
  const names = RESOURCES.filter((r) => r.verbs.includes('get'))
    .map((r) => ({ g: r.group, n: r.group ? `${r.resource}.${r.group}` : r.resource }))
    .sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : 0))
    .map((x) => x.n);
  return names.filter((n) => n.startsWith(suffix)).map((n) => prefix + n);
}

/** kubectl's CompGetResource: the names of TYPE's objects in the namespace (-n, else the context's). */
async function objectNames(type: string, toComplete: string, opts: { namespace?: string; cluster?: string; context?: string }): Promise<string[]> {
  try {
    const { resolveResource } = await import('../../api/resources.js');
    const info = resolveResource(type);
    if (!info) return [];
    const { resolveContext, namespaceOf } = await import('../context.js');
    const { setGlobalFlags } = await import('../../kubectl/kubeconfig.js');
    setGlobalFlags(opts);
    await resolveContext(opts);
    const { withCluster } = await import('../../store/session.js');
    const names = await withCluster({ cluster: opts.cluster, write: false }, (s) =>
      s.cluster.list(info.storage, info.namespaced ? namespaceOf(opts) : undefined).map((o) => o.metadata?.name ?? ''));
    return names.filter((n) => n.startsWith(toComplete));
  } catch {
    return []; // as kubectl: a cluster that cannot be read completes nothing
  }
}

async function contexts(toComplete: string): Promise<string[]> {
  try {
    const { loadKubeconfig } = await import('../../kubectl/kubeconfig.js');
    return ((await loadKubeconfig()).contexts ?? []).map((c) => c.name).filter((n) => n.startsWith(toComplete));
  } catch {
    return [];
  }
}

type ArgCompleter = (args: string[], toComplete: string, opts: any) => Promise<string[]>;

/** kubectl's ResourceTypeAndNameCompletionFunc: TYPE then names, or TYPE/NAME. */
const typeAndName = (allowRepeat: boolean): ArgCompleter => async (args, toComplete, opts) => {
  if (args.length > 0 && !args[0].includes('/')) {
    if (!allowRepeat && args.length > 1) return [];
    const names = await objectNames(args[0], toComplete, opts);
    return names.filter((n) => !args.slice(1).includes(n));
  }
  const slash = toComplete.indexOf('/');
  if (slash < 0) return args.length === 0 ? resourceTypes(toComplete) : [];
  const type = toComplete.slice(0, slash);
  return (await objectNames(type, toComplete.slice(slash + 1), opts)).map((n) => `${type}/${n}`);
};

/** kubectl's SpecifiedResourceTypeAndNameCompletionFunc: only these types. */
const specified = (types: string[]): ArgCompleter => async (args, toComplete, opts) => {
  if (args.length > 0 && !args[0].includes('/')) return args.length === 1 ? objectNames(args[0], toComplete, opts) : [];
  if (args.length > 0) return [];
  const slash = toComplete.indexOf('/');
  if (slash < 0) return types.filter((t) => t.startsWith(toComplete));
  const type = toComplete.slice(0, slash);
  if (!types.includes(type)) return [];
  return (await objectNames(type, toComplete.slice(slash + 1), opts)).map((n) => `${type}/${n}`);
};

/** kubectl's ResourceNameCompletionFunc: names of one type, once. */
const namesOf = (type: string): ArgCompleter => async (args, toComplete, opts) => (args.length ? [] : objectNames(type, toComplete, opts));
const values = (list: string[]): ArgCompleter => async (args, toComplete) => (args.length ? [] : list.filter((v) => v.startsWith(toComplete)));
const contextNames: ArgCompleter = async (args, toComplete) => (args.length ? [] : contexts(toComplete));

const ROLLOUT = specified(['deployments', 'daemonsets', 'statefulsets']);
const ARGS: Partial<Record<string, ArgCompleter>> = {
  get: typeAndName(true),
  describe: typeAndName(true),
  delete: typeAndName(true),
  edit: typeAndName(true),
  label: typeAndName(false),
  annotate: typeAndName(false),
  patch: typeAndName(false),
  wait: typeAndName(true),
  explain: async (args, toComplete) => (args.length ? [] : resourceTypes(toComplete)),
  scale: specified(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  autoscale: specified(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  expose: specified(['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset']),
  'rollout history': ROLLOUT, 'rollout pause': ROLLOUT, 'rollout restart': ROLLOUT, 'rollout resume': ROLLOUT, 'rollout status': ROLLOUT, 'rollout undo': ROLLOUT,
  logs: namesOf('pods'), exec: namesOf('pods'), attach: namesOf('pods'), 'port-forward': namesOf('pods'),
  cordon: namesOf('nodes'), uncordon: namesOf('nodes'), drain: namesOf('nodes'),
  taint: specified(['node']),
  'top pod': namesOf('pods'), 'top node': namesOf('nodes'),
  'config use-context': contextNames, 'config delete-context': contextNames, 'config rename-context': contextNames,
  'config set-context': contextNames,
  completion: values(['bash', 'zsh', 'fish', 'powershell']),
};

/** Values of flags kubectl registers completion functions for. */
async function flagValues(node: Node, flag: string, toComplete: string, opts: any): Promise<string[] | undefined> {
  switch (flag) {
    case 'namespace': return objectNames('namespaces', toComplete, opts);
    case 'context': return contexts(toComplete);
    case 'output': return node.kubectl?.outputValues?.filter((f) => f.startsWith(toComplete));
    default: return undefined;
  }
}

/** Flag values already on the line (for -n and --context, and which flags are set). */
function scan(words: string[], node: Node): { set: Set<string>; opts: Record<string, string> } {
  const specs = flagsOf(node);
  const set = new Set<string>();
  const opts: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (!w.startsWith('-') || w === '-') continue;
    const [name, value] = w.startsWith('--') ? [w.slice(2).split('=')[0], w.includes('=') ? w.slice(w.indexOf('=') + 1) : undefined] : [w.slice(1, 2), w.length > 2 ? w.slice(2).replace(/^=/, '') : undefined];
    const f = specs.find((s) => s.long === name || s.short === name);
    if (!f) continue;
    set.add(f.long ?? name);
    const v = value ?? (f.value ? words[++i] : undefined);
    if (v !== undefined && f.long) opts[f.long] = v;
  }
  return { set, opts };
}

export async function complete(words: string[], root: Node, withDesc: boolean): Promise<void> {
  const toComplete = words.length ? words[words.length - 1] : '';
  const before = words.slice(0, -1);
  const found = find(before, root);
  let out: Candidate[] = [];
  let directive = NO_FILE_COMP;
  const finish = () => {
    stdio.out(out.map((c) => (withDesc && c.desc ? `${c.value}\t${c.desc.split('\n')[0]}` : c.value) + '\n').join('') + `:${directive}\n`);
    stdio.err(`Completion ended with directive: ${directiveNames(directive)}\n`);
  };
  if (found.unknown !== undefined) {
    // kubectl then tries a plugin's completion, and cobra reports the unknown command
    stdio.err(`[Debug] Cleared global flags for plugin completion\n[Debug] [Error] unable to find a command for arguments: [${before.join(' ')}]\n`);
    directive = 0;
    return finish();
  }
  const node = found.node;
  const { set, opts } = scan(before, node);
  const args = found.args;
  const afterDashes = before.includes('--');
  const specs = flagsOf(node);

  // the value of a flag: `-n <TAB>` or `--namespace=<TAB>`
  const last = before[before.length - 1];
  const eq = /^--([\w-]+)=(.*)$/.exec(toComplete);
  const flagNeedingValue = !afterDashes && last?.startsWith('-') && !last.includes('=') ? specs.find((f) => (last.startsWith('--') ? f.long === last.slice(2) : f.short === last.slice(-1))) : undefined;
  if (!afterDashes && (eq || flagNeedingValue?.value)) {
    const flag = eq ? eq[1] : flagNeedingValue!.long ?? '';
    const vals = await flagValues(node, flag, eq ? eq[2] : toComplete, { namespace: opts.namespace, cluster: opts.cluster, context: opts.context });
    if (vals === undefined) directive = 0;
    else out = vals.map((v) => ({ value: v }));
    return finish();
  }
  if (!afterDashes && toComplete.startsWith('-')) {
    out = flagCandidates(node, toComplete, set);
    return finish();
  }
  directive = 0;
  if (args.length === 0 && node.children.length) {
    directive = NO_FILE_COMP;
    const subs = node.children.filter((c) => c.kubectl || (c.cmd && !(c.cmd as any)._hidden)).map((c) => ({ value: c.name, desc: shortOf(c) }));
    if (!node.parent) subs.push({ value: 'help', desc: 'Help about any command' });
    out.push(...subs.filter((c) => c.value.startsWith(toComplete)).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)));
  }
  if (!afterDashes) out.push(...flagCandidates(node, toComplete, set, true));
  const fn = ARGS[node.path.join(' ')];
  if (fn && !afterDashes) directive = NO_FILE_COMP;
  if (fn && !afterDashes) out.push(...(await fn(args, toComplete, { namespace: opts.namespace, cluster: opts.cluster, context: opts.context })).map((value) => ({ value })));
  return finish();
}

/** The command's one-line description, as its parent's help lists it. */
function shortOf(node: Node): string {
  const parentText = node.parent?.parent ? helpText(node.parent.path) : rootTexts().root;
  const line = parentText?.split('\n').find((l) => new RegExp(`^  ${node.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`).test(l));
  if (line) return line.replace(/^ {2}\S+\s+/, '');
  if (node.path.join(' ') === 'options') return 'Print the list of flags inherited by all commands';
  return node.cmd ? shortDescription(node.cmd) : '';
}
