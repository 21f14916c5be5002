// kubectl set subject (cmd/set/set_subject.go): users, groups and service accounts added to RoleBindings and
// ClusterRoleBindings (each once; a binding that has them all is left alone and printed nothing for), by
// TYPE NAME, -l/--all or -f; --local prints the changed file objects without the cluster.
import { RawError, UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { namespaceOf } from '../context.js';
import { updateObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { parseObjectFormat } from '../output.js';
import { dryRunOf } from '../dryrun.js';
import type { Cluster } from '../../store/cluster.js';
import { collect, LOCAL_NEEDS_FILE, printChanged } from './set.js';

interface Subject { kind: string; apiGroup?: string; name: string; namespace?: string }

const RBAC = 'rbac.authorization.k8s.io';
const sorted = (xs: string[] | undefined) => [...new Set(xs ?? [])].sort();
const same = (a: any, b: Subject) => a?.kind === b.kind && (a?.apiGroup ?? '') === (b.apiGroup ?? '') && a?.name === b.name && (a?.namespace ?? '') === (b.namespace ?? '');

export async function run(args: string[], opts: any): Promise<void> {
  const dryRun = dryRunOf(opts.dryRun);
  const files = !!opts.filename?.length;
  if (opts.local && args.length) throw new RawError(LOCAL_NEEDS_FILE);
  const fmt = parseObjectFormat(opts);
  const dry = dryRun !== 'none' || !!opts.local;
  const body = async (cluster: Cluster | undefined) => {
    // Complete's builder first (its errors come before Validate's)
    const items = collect(cluster, args, opts, 'subject');
    if (!items.length && !args.length && !files) throw new UserError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    if (opts.local && dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
    const users = sorted(opts.user);
    const groups = sorted(opts.group);
    const sas = sorted(opts.serviceaccount);
    if (!users.length && !groups.length && !sas.length) throw new UserError('error: you must specify at least one value of user, group or serviceaccount');
    for (const sa of sas) {
      const t = sa.split(':');
      if (t.length !== 2 || t[1] === '') throw new UserError('error: serviceaccount must be <namespace>:<name>');
      if (t[0] === '' && items.some((it) => it.obj.kind === 'ClusterRoleBinding')) throw new UserError('error: serviceaccount must be <namespace>:<name>, namespace must be specified');
    }
    const subjects: Subject[] = [
      ...users.map((name) => ({ kind: 'User', apiGroup: RBAC, name })),
      ...groups.map((name) => ({ kind: 'Group', apiGroup: RBAC, name })),
      ...sas.map((sa) => { const [ns, name] = sa.split(':'); return { kind: 'ServiceAccount', name, namespace: ns || namespaceOf(opts) }; }),
    ];
    const errors: string[] = [];
    for (const it of items) {
      if (it.obj.kind !== 'RoleBinding' && it.obj.kind !== 'ClusterRoleBinding') {
        errors.push(`error: ${it.info.resource}/${it.obj.metadata?.name} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
        continue;
      }
      const o: KObject = JSON.parse(JSON.stringify(it.obj));
      const existing: any[] = o.subjects ?? [];
      const added = subjects.filter((s) => !existing.some((e) => same(e, s)));
      if (!added.length) continue; // an empty patch: nothing sent, nothing printed
      o.subjects = [...existing, ...added];
      const stored = cluster && !dry ? updateObject(cluster, it.info, o, { fieldManager: opts.fieldManager || 'kubectl-set' }) : o;
      await printChanged({ info: it.info, obj: stored }, fmt, dryRun, 'subject updated', !cluster);
    }
    if (errors.length) throw new RawError(errors.join('\n'));
  };
  if (opts.local) return body(undefined);
  await withCluster({ cluster: opts.cluster, write: !dry }, (s) => body(s.cluster));
}
