// kubectl set image | resources | env | selector | serviceaccount | subject: objects by TYPE NAME, -l/--all, or -f;
// with --local the file's objects are changed and printed without contacting the cluster.
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { parseRequest, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch, notFound } from '../../kubectl/query.js';
import { mapManifests, namespaceFor } from '../../kubectl/apply.js';
import { parseImageArgs, podTemplateOf, setImages, setResources, setSelector, setServiceAccount } from '../../kubectl/set.js';
import { envFromSource, envVarRefString, envVarRefValue, parseEnv, selectString, splitEnvironmentFromResources, updateEnv, validateNoOverwrites, type EnvVar } from '../../kubectl/setenv.js';
import { parseSelector } from '../../api/selectors.js';
import { fromStorage } from '../../api/conversion.js';
import { updateObject } from '../../server/registry.js';
import { requireSchemeKind } from '../../kubectl/scheme.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured, type Format } from '../output.js';
import { readStdin, stdio, warn } from '../io.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix, type DryRun } from '../../kubectl/flags.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Cluster } from '../../store/cluster.js';
import type { Command } from 'commander';

function split(args: string[]): { res: string[]; rest: string[] } {
  // resource args first (TYPE NAME or TYPE/NAME ...), then KEY=VALUE arguments
  const i = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  return i < 0 ? { res: args, rest: [] } : { res: args.slice(0, i), rest: args.slice(i) };
}

type Sub = 'image' | 'resources' | 'env' | 'selector' | 'serviceaccount' | 'subject';

const UPDATED: Record<Sub, string> = {
  image: 'image updated', resources: 'resource requirements updated', env: 'env updated', selector: 'selector updated', serviceaccount: 'serviceaccount updated', subject: 'subjects updated',
};

const LOCAL_NEEDS_FILE = "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

interface Item { info: ResourceInfo; obj: KObject }

/** The builder: -f objects (live unless --local), then TYPE NAME args / -l / --all from the cluster. */
function collect(cluster: Cluster | undefined, res: string[], opts: any, sub: string): Item[] {
  const items: Item[] = [];
  const ns = namespaceOf(opts);
  if (opts.filename?.length || opts.kustomize !== undefined) {
    for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive, opts.kustomize), opts.namespace)) {
      const namespace = namespaceFor(m, ns, !!opts.namespace);
      // a local object keeps the namespace its file gives it (none is defaulted into the printed object)
      if (!cluster) {
        items.push({ info: m.info, obj: JSON.parse(JSON.stringify(m.obj)) });
        continue;
      }
      const live = cluster.get(m.info.storage, namespace, m.obj.metadata?.name ?? '');
      if (!live) throw notFound(m.info, m.obj.metadata?.name ?? '');
      items.push({ info: m.info, obj: fromStorage(m.info, live) });
    }
  }
  if (cluster && res.length) {
    const req = parseRequest(res, `set ${sub}`);
    if (!req.targets.some((t) => t.names.length) && !opts.selector && !opts.all) throw new UserError('error: resource(s) were provided, but no name was specified');
    const { found, errors } = fetch(cluster, req, { namespace: ns, selector: opts.selector });
    if (errors.length) throw errors[0];
    for (const f of found) for (const o of f.objects) items.push({ info: f.info, obj: o });
  }
  // the builder decodes into kubectl's scheme: a custom resource has no Go type there
  for (const it of items) requireSchemeKind(it.info, it.obj);
  return items;
}

/** Print the changed object as kubectl does: typed (struct field order, zero values) when it came from a local file. */
async function printChanged(it: Item, fmt: Format, dryRun: DryRun, op: string, local: boolean): Promise<void> {
  if (fmt.kind === 'table') return stdio.out(`${kindPrefix(it.info)}/${it.obj.metadata?.name} ${op}${opSuffix(dryRun)}\n`);
  if (fmt.kind === 'name') return stdio.out(`${kindPrefix(it.info)}/${it.obj.metadata?.name}\n`);
  // the server's answer is decoded into the Go type too: -o json keeps the struct's field order
  if (!local && fmt.kind !== 'json') return stdio.out(await printStructured(fmt, [it], true));
  const { typedAs } = await import('../../kubectl/generators/typed.js');
  const { KIND_TYPES } = await import('../../api/goschema.js');
  const { printObject } = await import('./creategen.js');
  const type = KIND_TYPES[`${it.obj.apiVersion}/${it.obj.kind}`];
  await printObject(type ? typedAs(type, it.obj) : it.obj, fmt, dryRun as any, op);
}

/** UpdatePodSpecForObject's refusal, named as Info.ObjectName does (resource/name from the server, kind.group/name locally). */
function noPodTemplate(it: Item, local: boolean): string {
  const name = local ? `${kindPrefix(it.info)}/${it.obj.metadata?.name}` : `${it.info.resource}/${it.obj.metadata?.name}`;
  return `error: ${name} the object is not a pod or does not have a pod template: *${it.info.version}.${it.obj.kind}`;
}

function checkLocal(opts: any, dryRun: DryRun): void {
  if (opts.local && dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
}

export async function run(sub: Sub, args: string[], opts: any, cmd: Command): Promise<void> {
  if (sub === 'env') return runEnv(args, opts, cmd);
  if (sub === 'subject') return runSubject(args, opts);
  // set selector|serviceaccount: the last argument is the value, the ones before name the objects
  const last = sub === 'selector' || sub === 'serviceaccount';
  if (last && args.length === 0) throw new UserError(sub === 'selector' ? 'error: one selector is required' : 'error: serviceaccount is required');
  const { res, rest } = last ? { res: args.slice(0, -1), rest: args.slice(-1) } : split(args);
  const files = !!opts.filename?.length || opts.kustomize !== undefined;
  if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
  if (res.length === 0 && !files && !opts.local) parseRequest(res, `set ${sub}`); // kubectl's no-resource error comes first
  if (sub === 'image' && rest.length === 0) throw new UserError(`error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const dryRun = dryRunOf(opts.dryRun);
  checkLocal(opts, dryRun);
  if (opts.local && !files) throw new RawError(LOCAL_NEEDS_FILE);
  const fmt = parseObjectFormat(opts);
  const dry = dryRun !== 'none' || !!opts.local;
  const change = (o: KObject): boolean => {
    if (sub === 'image') return setImages(o, parseImageArgs(rest));
    if (sub === 'resources') return setResources(o, opts.container, opts.limits, opts.requests);
    if (sub === 'serviceaccount') return setServiceAccount(o, rest[0]);
    return setSelector(o, rest[0], parseSelector);
  };
  const body = async (cluster: Cluster | undefined) => {
    const errors: string[] = [];
    for (const it of collect(cluster, res, opts, sub)) {
      const o = JSON.parse(JSON.stringify(it.obj));
      if (sub !== 'selector' && !podTemplateOf(o)?.spec) {
        errors.push(noPodTemplate(it, !cluster));
        continue;
      }
      if (!change(o)) continue; // kubectl sends no patch and prints nothing
      recordChangeCause(o, opts, cmd);
      const stored = cluster && !dry ? updateObject(cluster, it.info, o, { fieldManager: opts.fieldManager || 'kubectl-set' }) : o;
      await printChanged({ info: it.info, obj: stored }, fmt, dryRun, UPDATED[sub], !cluster);
    }
    if (errors.length) throw new UserError(errors.join('\n'));
  };
  if (opts.local) return body(undefined);
  await withCluster({ cluster: opts.cluster, write: !dry }, (s) => body(s.cluster));
}

/** kubectl set env (EnvOptions.Complete, Validate, RunEnv). */
async function runEnv(args: string[], opts: any, cmd: Command): Promise<void> {
  if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
  const { resources, envArgs } = splitEnvironmentFromResources(args);
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  checkLocal(opts, dryRun);
  // kubectl v1.32's set env validates -f alone: -k without a resource argument is refused
  const files = !!opts.filename?.length;
  if (!files && resources.length < 1) throw new UserError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (opts.list && opts.output) throw new UserError('error: --list and --output may not be specified together');
  const keys: string[] = (opts.keys ?? []).flatMap((k: string) => k.split(','));
  if (keys.length && !opts.from) throw new UserError('error: when specifying --keys, a configmap or secret must be provided with --from');
  const { env, remove } = parseEnv([...(opts.env ?? []), ...envArgs], readStdin);
  const container: string = opts.containers ?? '*';
  const dry = dryRun !== 'none' || !!opts.local;
  if (opts.local && !files) throw new RawError(NO_RESOURCES);
  const warnOut = (m: string) => warn(stdio, m);

  const body = async (cluster: Cluster | undefined) => {
    if (opts.from && cluster) {
      const req = parseRequest([opts.from], 'set env');
      const { found, errors } = fetch(cluster, req, { namespace: namespaceOf(opts), selector: opts.selector });
      if (errors.length) throw errors[0];
      for (const f of found) for (const o of f.objects) env.push(...envFromSource(o, keys, warnOut));
    }
    if (opts.prefix) for (const e of env) e.name = opts.prefix + e.name;
    const lookup = {
      get: (kind: 'ConfigMap' | 'Secret', name: string) => cluster?.get(kind === 'Secret' ? 'secrets' : 'configmaps', namespaceOf(opts), name),
    };
    const errors: string[] = [];
    for (const it of collect(cluster, resources, opts, 'env')) {
      const o = JSON.parse(JSON.stringify(it.obj));
      const spec = podTemplateOf(o)?.spec;
      if (!spec) {
        errors.push(noPodTemplate(it, !cluster));
        continue;
      }
      const containers = [...(spec.containers || []), ...(spec.initContainers || [])].filter((c: any) => selectString(c.name, container));
      if (!containers.length) {
        warnOut(`${o.kind}/${o.metadata?.name} does not have any containers matching ${JSON.stringify(container)}`);
        continue;
      }
      let failed: string | undefined;
      for (const c of containers) {
        if (opts.overwrite === false) {
          failed = validateNoOverwrites(c.env || [], env);
          if (failed) break;
        }
        const next = updateEnv(c.env || [], env, remove);
        if (next.length) c.env = next;
        else delete c.env;
        if (opts.list) stdio.out(listContainer(o, c, !!opts.resolve, lookup));
      }
      if (failed) {
        // Info.ObjectName: the resource when the object came from the server, kind.group for a local one
        const name = cluster ? `${it.info.resource}/${o.metadata?.name}` : `${kindPrefix(it.info)}/${o.metadata?.name}\n`;
        errors.push(`error: ${name} ${failed}`);
        continue;
      }
      if (opts.list) continue;
      if (JSON.stringify(o) === JSON.stringify(it.obj)) continue; // no patch, nothing printed
      recordChangeCause(o, opts, cmd);
      const stored = cluster && !dry ? updateObject(cluster, it.info, o, { fieldManager: opts.fieldManager || 'kubectl-set' }) : o;
      await printChanged({ info: it.info, obj: stored }, fmt, dryRun, UPDATED.env, !cluster);
    }
    if (errors.length) throw new UserError(errors.join('\n'));
  };
  if (opts.local) return body(undefined);
  await withCluster({ cluster: opts.cluster, write: !dry && !opts.list }, (s) => body(s.cluster));
}

/** --list: `# KIND NAME, container C` then each variable (references shown, or resolved with --resolve). */
function listContainer(obj: KObject, c: any, resolve: boolean, lookup: { get(kind: 'ConfigMap' | 'Secret', name: string): KObject | undefined }): string {
  let out = `# ${obj.kind} ${obj.metadata?.name}, container ${c.name}\n`;
  const failures = new Map<string, string[]>();
  for (const e of (c.env || []) as EnvVar[]) {
    if (!e.valueFrom) { out += `${e.name}=${e.value ?? ''}\n`; continue; }
    if (!resolve) { out += `# ${e.name} from ${envVarRefString(e.valueFrom)}\n`; continue; }
    const r = envVarRefValue(e.valueFrom, obj, c, lookup);
    if (r.error === undefined) { out += `${e.name}=${r.value}\n`; continue; }
    out += `# ${e.name} from ${envVarRefString(e.valueFrom)}\n`;
    failures.set(r.error, [...(failures.get(r.error) ?? []), e.name]);
  }
  const errs = [...failures].map(([err, vars]) => `error retrieving reference for ${vars.sort().join(', ')}: ${err}`).sort();
  for (const e of errs) stdio.err(e + '\n');
  return out;
}

/** kubectl set subject (set_subject.go): Users, Groups and ServiceAccounts added to RoleBindings and ClusterRoleBindings. */
async function runSubject(args: string[], opts: any): Promise<void> {
  const files = !!opts.filename?.length || opts.kustomize !== undefined;
  const dryRun = dryRunOf(opts.dryRun);
  checkLocal(opts, dryRun);
  if (opts.local && (args.length || !files)) throw new RawError(LOCAL_NEEDS_FILE);
  if (args.length === 0 && !files) parseRequest(args, 'set subject'); // the builder's no-resource error
  const fmt = parseObjectFormat(opts);
  const dry = dryRun !== 'none' || !!opts.local;
  const list = (v: string[] | undefined) => [...new Set(v ?? [])].sort();
  const body = async (cluster: Cluster | undefined) => {
    // the builder refuses names with a selector before anything is validated
    if (opts.selector && (args.length > 1 || args.some((a) => a.includes('/')))) throw new UserError('error: name cannot be provided when a selector is specified');
    const items = collect(cluster, args, opts, 'subject');
    // Validate runs after the builder has the objects
    if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
    const users = list(opts.user), groups = list(opts.group), sas = list(opts.serviceaccount);
    if (!users.length && !groups.length && !sas.length) throw new UserError('error: you must specify at least one value of user, group or serviceaccount');
    for (const sa of opts.serviceaccount ?? []) {
      const t = sa.split(':');
      if (t.length !== 2 || t[1] === '') throw new UserError('error: serviceaccount must be <namespace>:<name>');
      if (t[0] === '' && items.some((it) => it.obj.kind === 'ClusterRoleBinding')) throw new UserError('error: serviceaccount must be <namespace>:<name>, namespace must be specified');
    }
    const subjects = [
      ...users.map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...groups.map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sas.map((sa) => { const [ns, name] = sa.split(':'); return { kind: 'ServiceAccount', name, namespace: ns || namespaceOf(opts) }; }),
    ];
    const key = (x: any) => JSON.stringify([x.kind ?? '', x.apiGroup ?? '', x.name ?? '', x.namespace ?? '']);
    const errors: string[] = [];
    for (const it of items) {
      if (it.info.group !== 'rbac.authorization.k8s.io' || (it.info.kind !== 'RoleBinding' && it.info.kind !== 'ClusterRoleBinding')) {
        const name = cluster ? `${it.info.resource}/${it.obj.metadata?.name}` : `${kindPrefix(it.info)}/${it.obj.metadata?.name}`;
        errors.push(`error: ${name} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
        continue;
      }
      const o: any = JSON.parse(JSON.stringify(it.obj));
      const have = new Set((o.subjects ?? []).map(key));
      const added = subjects.filter((x) => !have.has(key(x)));
      if (!added.length) continue; // no patch, nothing printed
      o.subjects = [...(o.subjects ?? []), ...added];
      const stored = cluster && !dry ? updateObject(cluster, it.info, o, { fieldManager: opts.fieldManager || 'kubectl-set' }) : o;
      // kubectl holds the typed rbacv1 object: an empty apiGroup is omitted, a local one has creationTimestamp: null
      const shown: any = JSON.parse(JSON.stringify(stored));
      for (const x of shown.subjects ?? []) if (x.apiGroup === '') delete x.apiGroup;
      if (!cluster && shown.metadata && !('creationTimestamp' in shown.metadata)) shown.metadata.creationTimestamp = null;
      await printChanged({ info: it.info, obj: shown }, fmt, dryRun, UPDATED.subject, !cluster);
    }
    // the aggregate: one error as it is, several each followed by an empty line
    if (errors.length) throw new RawError(errors.length === 1 ? errors[0] : errors.map((e) => e + '\n').join(''));
  };
  if (opts.local) return body(undefined);
  await withCluster({ cluster: opts.cluster, write: !dry }, (s) => body(s.cluster));
}
