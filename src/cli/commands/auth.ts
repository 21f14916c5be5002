// kubectl auth can-i / auth whoami (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go, whoami.go):
// a SelfSubjectAccessReview / SelfSubjectRulesReview / SelfSubjectReview answered by kubesim's
// authorizer (src/server/authorization/rbac.ts) for the kubeconfig's user or the impersonated one.
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { resolveResource } from '../../api/resources.js';
import { authorize, rulesFor, type PolicyRule, type UserInfo } from '../../server/authorization/rbac.js';
import type { Cluster } from '../../store/cluster.js';
import { withCluster } from '../../store/session.js';
import { TabWriter } from '../../printers/tabwriter.js';
import { stdio } from '../io.js';
import { DEFAULT_USER } from '../../api/users.js';
import { breakdownRule } from '../../api/rbacpolicy.js';


const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** resources the authorizer knows though discovery does not serve them (impersonation targets) */
const NON_STANDARD_RESOURCE_NAMES = new Set(['users', 'groups']);

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

/** The user the API server sees: the impersonation filter's view of --as / --as-group. */
export function requestUser(opts: any): UserInfo {
  const as: string | undefined = opts.as;
  const asGroups = asList(opts.asGroup);
  if (!as) {
    if (asGroups.length) // clientcmd's kubeconfig validation, over the user entry with the --as-group override merged in
      throw new UserError('error: invalid configuration: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user');
    return DEFAULT_USER;
  }
  let groups = [...asGroups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa && !groups.length) groups = ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`];
  if (as === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) {
    groups.push('system:authenticated');
  }
  return { name: as, groups };
}

/**
 * kubeadm binds its admin group to cluster-admin (the kubeadm:cluster-admins ClusterRoleBinding).
 * kubesim's bootstrap has no such binding, so kubesim's admin is granted as if it had it: the
 * superuser for decisions, cluster-admin's rules for --list.
 */
function adminUnbound(cluster: Cluster, user: UserInfo): boolean {
  if (user !== DEFAULT_USER) return false;
  return !cluster.list('clusterrolebindings').some((b: any) => b.roleRef?.name === 'cluster-admin' &&
    (b.subjects ?? []).some((s: any) => s.kind === 'Group' && s.name === 'kubeadm:cluster-admins'));
}

function effectiveUser(cluster: Cluster, user: UserInfo): UserInfo {
  return adminUnbound(cluster, user) ? { ...user, groups: [...user.groups, 'system:masters'] } : user;
}

function effectiveRules(cluster: Cluster, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const r = rulesFor(cluster, user, namespace);
  if (adminUnbound(cluster, user)) r.rules.unshift(...(((cluster.get('clusterroles', undefined, 'cluster-admin') as any)?.rules ?? []) as PolicyRule[]));
  return r;
}

const warning = (msg: string) => stdio.err(`Warning: ${msg}\n\n`);

interface Target { group: string; resource: string; namespaced?: boolean }

/** resourceFor (cani.go): a discovery resource, else the typed name with a warning. */
function resourceFor(arg: string): Target {
  if (arg === '*') return { group: '', resource: '*' };
  const lower = arg.toLowerCase();
  const r = resolveResource(lower);
  if (r) return { group: r.group, resource: r.resource, namespaced: r.namespaced };
  const dot = lower.indexOf('.');
  const gr = dot < 0 ? { resource: lower, group: '' } : { resource: lower.slice(0, dot), group: lower.slice(dot + 1) };
  const full = gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
  if (!NON_STANDARD_RESOURCE_NAMES.has(full)) {
    warning(gr.group ? `the server doesn't have a resource type '${gr.resource}' in group '${gr.group}'` : `the server doesn't have a resource type '${gr.resource}'`);
  }
  return { group: '', resource: arg };
}

const goList = (xs: string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

export async function canI(args: string[], opts: any): Promise<void> {
  const list = !!opts.list;
  const namespace = opts.allNamespaces ? '' : namespaceOf(opts);
  if (list) {
    if (args.length) throw new UserError('error: list option must be specified with no arguments');
    if (opts.quiet) throw new UserError('error: list and quiet options are mutually exclusive');
    const user = requestUser(opts);
    await withCluster({ cluster: opts.cluster, write: false }, (s) => {
      const { rules, errors } = effectiveRules(s.cluster, user, namespace);
      if (errors.length) stdio.err(`warning: the list may be incomplete: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}\n`);
      stdio.out(printRules(rules, opts.headers !== false));
    });
    return;
  }
  if (args.length !== 2) {
    throw new UserError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const [verb, what] = args;
  let target: Target | undefined;
  let name = '';
  let path = '';
  if (what.startsWith('/')) path = what;
  else {
    const slash = what.indexOf('/');
    target = resourceFor(slash < 0 ? what : what.slice(0, slash));
    if (slash >= 0) name = what.slice(slash + 1);
  }
  const subresource: string = opts.subresource ?? '';
  if (path) {
    if (subresource) throw new UserError('error: --subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warning(`verb '${verb}' is not a known verb`);
  } else if (target && !opts.allNamespaces) {
    if (target.namespaced === false) {
      warning(target.group ? `resource '${target.resource}' is not namespace scoped in group '${target.group}'` : `resource '${target.resource}' is not namespace scoped`);
    }
    if (!RESOURCE_VERBS.has(verb)) warning(`verb '${verb}' is not a known verb`);
  }
  if (opts.headers === false) throw new UserError('error: --no-headers cannot be set without --list specified');
  const user = requestUser(opts);
  const decision = await withCluster({ cluster: opts.cluster, write: false }, (s) =>
    authorize(s.cluster, effectiveUser(s.cluster, user), path
      ? { verb, path }
      : { verb, namespace, apiGroup: target!.group, resource: target!.resource, subresource, name }));
  if (!opts.quiet) {
    stdio.out(decision.allowed ? 'yes\n' : `no${decision.reason ? ` - ${decision.reason}` : ''}\n`);
  }
  if (!decision.allowed) process.exitCode = 1;
}

// --- the --list table (rbacutil.BreakdownRule, CompactRules, SortableRuleSlice) ---

/** Simple rules (one group, one resource, at most one name) gather their verbs; others stay as they are. */
function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const names = r.resourceNames ?? [];
    if (names.length > 1 || (r.nonResourceURLs ?? []).length || (r.apiGroups ?? []).length !== 1 || (r.resources ?? []).length !== 1) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], names.length > 0, names[0] ?? '']);
    const have = simple.get(key);
    if (have) have.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String(), the sort key of SortableRuleSlice. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** combineResourceGroup: pods, deployments.apps, deployments.apps/scale. */
function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let s = res;
  if (groups?.length && groups[0] !== '') s += '.' + groups[0];
  if (sub !== undefined) s += '/' + sub;
  return s;
}

export function printRules(rules: PolicyRule[], headers: boolean): string {
  // the review lists resource rules first, then non-resource rules
  const ordered = [...rules.filter((r) => !(r.nonResourceURLs ?? []).length), ...rules.filter((r) => (r.nonResourceURLs ?? []).length)];
  const compact = compactRules(ordered.flatMap(breakdownRule));
  const keyed = compact.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const tw = new TabWriter(6, 4, 3, ' ', 0);
  if (headers) tw.write('Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  for (const { r } of keyed) {
    tw.write(`${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  }
  return tw.flush();
}

// --- whoami ---

export async function whoami(args: string[], opts: any): Promise<void> {
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]`);
  const { parseObjectFormat, printStructured } = await import('../output.js');
  let fmt;
  try {
    fmt = parseObjectFormat(opts);
  } catch (e) {
    // whoami returns the printer error to cobra, which prints it with a capital "Error:"
    if (e instanceof UserError) throw new RawError(e.message.replace(/^error: /, 'Error: ') + '\n');
    throw e;
  }
  const user = requestUser(opts);
  if (fmt.kind !== 'table') {
    const review = {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: user.name, groups: user.groups } },
    };
    // the review has no name: -o name prints the kind alone
    if (fmt.kind === 'name') { stdio.out('selfsubjectreview.authentication.k8s.io/\n'); return; }
    stdio.out(fmt.kind === 'json' ? (await import('../../printers/output.js')).toJson(review, false)
      : await printStructured(fmt, [{ info: resolveResource('selfsubjectreviews.authentication.k8s.io')!, obj: review as any }], true, { typed: true }));
    return;
  }
  const tw = new TabWriter(6, 4, 3, ' ', 0);
  tw.write('ATTRIBUTE\tVALUE\n');
  tw.write(`Username\t${user.name}\n`);
  tw.write(`Groups\t${goList(user.groups)}\n`);
  stdio.out(tw.flush());
}
