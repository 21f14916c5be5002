// kubectl auth reconcile (staging/src/k8s.io/kubectl/pkg/cmd/auth/reconcile.go): Roles, ClusterRoles,
// RoleBindings and ClusterRoleBindings from -f/-k reconciled into the cluster (src/kubectl/reconcile.ts);
// every other kind in the input is skipped. Each object is printed, then on stderr what it needed.
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { resourceForKind, kindPrefix } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { checkFields, mapManifests, namespaceFor, type ManifestObject } from '../../kubectl/apply.js';
import { opSuffix } from '../../kubectl/flags.js';
import { reconcileObject, type ReconcileResult, type Subject } from '../../kubectl/reconcile.js';
import type { PolicyRule } from '../../server/authorization/rbac.js';
import { withCluster } from '../../store/session.js';
import { namespaceOf } from '../context.js';
import { dryRunOf } from '../dryrun.js';
import { reportAggregate } from '../errors.js';
import { stdio } from '../io.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { toJson } from '../../printers/output.js';
import { goRoundTrip } from '../../api/goroundtrip.js';
import { goType } from '../../api/goschema.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

const goList = (xs: string[] | undefined) => `[${(xs ?? []).join(' ')}]`;
/** %+v of an rbacv1.PolicyRule */
const ruleText = (r: PolicyRule) =>
  `{Verbs:${goList(r.verbs)} APIGroups:${goList(r.apiGroups)} Resources:${goList(r.resources)} ResourceNames:${goList(r.resourceNames)} NonResourceURLs:${goList(r.nonResourceURLs)}}`;
/** %+v of an rbacv1.Subject */
const subjectText = (s: Subject) => `{Kind:${s.kind ?? ''} APIGroup:${s.apiGroup ?? ''} Name:${s.name ?? ''} Namespace:${s.namespace ?? ''}}`;

/** printResults' stderr part: the operation needed, then what was added and (when asked) removed. */
function describeResult(r: ReconcileResult, opts: any): string {
  if (r.operation === 'none') return '';
  const caveat = r.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : '';
  let s = `\treconciliation required ${r.operation}${caveat}\n`;
  const list = (title: string, xs: string[] | undefined) => { if (xs?.length) s += `\t${title}:\n${xs.map((x) => `\t\t${x}\n`).join('')}`; };
  list('missing subjects added', r.missingSubjects?.map(subjectText));
  if (opts.removeExtraSubjects) list('extra subjects removed', r.extraSubjects?.map(subjectText));
  list('missing rules added', r.missingRules?.map(ruleText));
  if (opts.removeExtraPermissions) list('extra rules removed', r.extraRules?.map(ruleText));
  return s;
}

/**
 * What kubectl's typed decoding makes of a manifest: unknown fields dropped, and printed back as the Go
 * struct marshals (creationTimestamp: null; a Role's rules, having no omitempty, null when absent).
 */
function typedObject(m: ManifestObject): KObject {
  const o = JSON.parse(JSON.stringify(checkFields(m, 'ignore', 'creating', [])));
  o.metadata ??= {};
  return o;
}

/** Present keys of `o`, in the Go struct's field order; fields without omitempty marshal their zero value. */
function fields(o: any, order: string[], zeros: Record<string, unknown> = {}): any {
  const out: any = {};
  for (const k of order) {
    const v = o?.[k];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    if (!empty) out[k] = v;
    else if (k in zeros) out[k] = zeros[k];
  }
  return out;
}

/**
 * The object as kubectl prints the typed rbacv1 struct it holds: encoding/json's field order, omitempty
 * fields dropped, a Role's nil rules as null, metadata as ObjectMeta marshals (creationTimestamp: null).
 */
function asTyped(obj: any): KObject {
  const rule = (r: any) => fields(r, ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'], { verbs: null });
  const out: any = { kind: obj.kind, apiVersion: obj.apiVersion, metadata: goRoundTrip(obj.metadata ?? {}, goType('v1.ObjectMeta')) };
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
    // an empty list read from the server comes back nil; one decoded from the file stays empty
    const fromServer = !!obj.metadata?.uid;
    out.rules = Array.isArray(obj.rules) && (obj.rules.length || !fromServer) ? obj.rules.map(rule) : null;
    const sel = (obj.aggregationRule?.clusterRoleSelectors ?? []).map((x: any) => fields({ ...x, matchExpressions: x.matchExpressions?.map((e: any) => fields(e, ['key', 'operator', 'values'], { key: '', operator: '' })) }, ['matchLabels', 'matchExpressions']));
    if (obj.aggregationRule) out.aggregationRule = sel.length ? { clusterRoleSelectors: sel } : {};
  } else {
    if (obj.subjects?.length) out.subjects = obj.subjects.map((x: any) => fields(x, ['kind', 'apiGroup', 'name', 'namespace'], { kind: '', name: '' }));
    out.roleRef = fields(obj.roleRef ?? {}, ['apiGroup', 'kind', 'name'], { apiGroup: '', kind: '', name: '' });
  }
  return out;
}

export async function reconcile(args: string[], opts: any): Promise<void> {
  // ReconcileOptions.Complete, in its order
  if (!opts.filename?.length && opts.kustomize === undefined) throw new UserError('error: must specify one of -f and -k');
  if (args.length) throw new UserError('error: no arguments are allowed');
  const dryRun = dryRunOf(opts.dryRun);
  if (dryRun === 'server') throw new UserError('error: --dry-run=server for command reconcile is not supported yet');
  const fmt = parseObjectFormat(opts);
  const files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  const namespace = namespaceOf(opts);
  const errors: Error[] = [];
  let printedCount = 0;
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    for (const f of files) {
      for (const obj of f.objects) {
        try {
          const [group, version] = (obj.apiVersion ?? '').includes('/') ? obj.apiVersion!.split('/') : ['', obj.apiVersion ?? ''];
          if (group === RBAC_GROUP && RBAC_KINDS.has(obj.kind ?? '') && version !== 'v1') {
            if (version === 'v1beta1' || version === 'v1alpha1') throw new UserError(`only rbac.authorization.k8s.io/v1 is supported: not *${version}.${obj.kind}`);
          }
          const info = resourceForKind(obj.apiVersion ?? '', obj.kind ?? '');
          if (!info) {
            throw new UserError(`error: unable to decode ${JSON.stringify(f.source)}: no kind ${JSON.stringify(obj.kind)} is registered for version ${JSON.stringify(obj.apiVersion)} in scheme "pkg/scheme/scheme.go:28"`);
          }
          // other kinds are skipped, as kubectl does (at -v=1 it says so)
          if (info.group !== RBAC_GROUP || !RBAC_KINDS.has(info.kind)) continue;
          const m = mapManifests([{ source: f.source, objects: [obj] }], opts.namespace)[0];
          const expected = typedObject(m);
          const ns = namespaceFor(m, namespace, !!opts.namespace);
          if (ns) expected.metadata!.namespace = ns;
          const result = reconcileObject(s.cluster, info, expected, {
            confirm: dryRun === 'none', removeExtraPermissions: !!opts.removeExtraPermissions, removeExtraSubjects: !!opts.removeExtraSubjects,
          });
          const printed = asTyped({ ...result.obj, apiVersion: obj.apiVersion, kind: obj.kind });
          // the YAML printer separates the documents it prints; the JSON printer does not
          if (fmt.kind === 'yaml' && printedCount) stdio.out('---\n');
          printedCount++;
          stdio.out(fmt.kind === 'table' ? `${kindPrefix(info)}/${printed.metadata?.name} reconciled${opSuffix(dryRun)}\n`
            : fmt.kind === 'json' ? toJson(printed, false)
              : await printStructured(fmt, [{ info, obj: printed }], true, { typed: true }));
          stdio.err(describeResult(result, opts));
        } catch (e) {
          if (!(e instanceof UserError || e instanceof StatusError || e instanceof RawError)) throw e;
          errors.push(e);
        }
      }
    }
  });
  await reportAggregate(errors);
}
