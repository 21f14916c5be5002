// The apiextensions-apiserver's controllers of CustomResourceDefinitions: the naming controller
// (pkg/controller/status/naming_controller.go: acceptedNames and NamesAccepted, names checked against the group's
// other CRDs), the establishing controller (Established once the names are accepted) and the finalizer
// (pkg/controller/finalizer/crd_finalizer.go: a deleted CRD's custom resources are deleted, then its finalizer
// removed).
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { deleteWithPropagation } from '../gc.js';
import { copy } from '../podutil.js';
import { CLEANUP_FINALIZER, setCondition, type Condition } from '../../api/strategies/crd.js';

const name = 'apiextensions';
const RESOURCE = 'customresourcedefinitions';

/** status.acceptedNames as the API server encodes it (a map: keys sorted; plural and kind always there). */
function acceptedNamesOf(names: any): any {
  const out: any = {};
  if (names.categories?.length) out.categories = names.categories;
  out.kind = names.kind ?? '';
  if (names.listKind) out.listKind = names.listKind;
  out.plural = names.plural ?? '';
  if (names.shortNames?.length) out.shortNames = names.shortNames;
  if (names.singular) out.singular = names.singular;
  return out;
}

/** getAcceptedNamesForGroup: the resource names and kinds the group's CRDs (this one too) have been accepted under. */
function acceptedNamesForGroup(ctx: ControllerContext, group: string): { resources: Set<string>; kinds: Set<string> } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const c of ctx.cluster.list(RESOURCE)) {
    if ((c.spec as any)?.group !== group) continue;
    const a: any = (c.status as any)?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) resources.add(n ?? '');
    kinds.add(a.kind ?? '');
    kinds.add(a.listKind ?? '');
  }
  return { resources, kinds };
}

/** equalToAcceptedOrFresh */
function fresh(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if ((requested ?? '') === (accepted ?? '') || !used.has(requested ?? '')) return undefined;
  return `${JSON.stringify(requested ?? '')} is already in use`;
}

const sameList = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The naming controller's calculateNamesAndConditions, then the establishing controller's Established. */
function sync(ctx: ControllerContext, key: string): void {
  const crd = ctx.cluster.get(RESOURCE, undefined, key);
  if (!crd) return;
  if (crd.metadata?.deletionTimestamp) return finalize(ctx, crd);
  const now = ctx.cluster.nowRFC3339();
  const spec: any = crd.spec;
  const requested: any = spec.names ?? {};
  const accepted: any = (crd.status as any)?.acceptedNames ?? {};
  const names: any = { ...accepted };
  const { resources, kinds } = acceptedNamesForGroup(ctx, spec.group);
  let naming: Condition = { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  const conflict = (reason: string, message: string) => { naming = { type: 'NamesAccepted', status: 'False', reason, message }; };
  let e = fresh(requested.plural, accepted.plural, resources);
  if (e) conflict('PluralConflict', e); else names.plural = requested.plural;
  e = fresh(requested.singular, accepted.singular, resources);
  if (e) conflict('SingularConflict', e); else names.singular = requested.singular;
  if (!sameList(requested.shortNames, accepted.shortNames)) {
    const errs: string[] = [];
    for (const sn of requested.shortNames ?? []) {
      if ((accepted.shortNames ?? []).includes(sn) || sn === accepted.plural || sn === accepted.singular) continue;
      const err = fresh(sn, '', resources);
      if (err) errs.push(err);
    }
    // utilerrors.NewAggregate: one error as it is, several in brackets
    if (errs.length) conflict('ShortNamesConflict', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    else names.shortNames = requested.shortNames;
  }
  e = fresh(requested.kind, accepted.kind, kinds);
  if (e) conflict('KindConflict', e); else names.kind = requested.kind;
  e = fresh(requested.listKind, accepted.listKind, kinds);
  if (e) conflict('ListKindConflict', e); else names.listKind = requested.listKind;
  names.categories = requested.categories;
  const status: any = copy(crd.status ?? {});
  let conds: Condition[] = status.conditions ?? [];
  conds = setCondition(conds, naming, now);
  const established = conds.find((c) => c.type === 'Established');
  if (naming.status === 'True') {
    // the establishing controller: served from now on
    if (established?.status !== 'True') conds = setCondition(conds, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }, now);
  } else if (!established) {
    conds = setCondition(conds, { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }, now);
  }
  const ordered: any = { acceptedNames: acceptedNamesOf(names), conditions: conds, storedVersions: status.storedVersions };
  if (ordered.storedVersions === undefined) delete ordered.storedVersions;
  if (JSON.stringify(ordered) === JSON.stringify(crd.status)) return;
  ctx.cluster.updateStatus(RESOURCE, { ...crd, status: ordered }, { manager: 'kube-apiserver', subresource: 'status' });
}

/** crd_finalizer.go sync: delete every custom resource, wait for them to go, then drop the finalizer. */
function finalize(ctx: ControllerContext, crd: KObject): void {
  if (!(crd.metadata!.finalizers ?? []).includes(CLEANUP_FINALIZER)) return;
  const now = ctx.cluster.nowRFC3339();
  const spec: any = crd.spec;
  const plural = (crd.status as any)?.acceptedNames?.plural || spec.names?.plural;
  const bucket = bucketOf(ctx, plural, spec.group);
  const setTerminating = (c: Omit<Condition, 'type'>) => {
    const cur = ctx.cluster.get(RESOURCE, undefined, crd.metadata!.name!)!;
    const st: any = copy(cur.status ?? {});
    st.conditions = setCondition(st.conditions ?? [], { type: 'Terminating', ...c }, now);
    if (JSON.stringify(st) !== JSON.stringify(cur.status)) ctx.cluster.updateStatus(RESOURCE, { ...cur, status: st }, { manager: 'kube-apiserver', subresource: 'status' });
  };
  const conds: any[] = (crd.status as any)?.conditions ?? [];
  const established = conds.some((c) => c.type === 'Established' && c.status === 'True');
  if (!established) {
    setTerminating({ status: 'False', reason: 'NeverEstablished', message: 'resource was never established' });
  } else {
    const checking = conds.some((c) => c.type === 'Terminating' && c.reason === 'InstanceDeletionCheck');
    if (!checking) setTerminating({ status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
    if (bucket) {
      for (const o of ctx.cluster.list(bucket)) {
        if (o.metadata?.deletionTimestamp) continue;
        deleteWithPropagation(ctx, bucket, o.metadata?.namespace, o.metadata!.name!, 'Background');
      }
    }
    if (bucket && ctx.cluster.list(bucket).length > 0) {
      // deleteInstances polls for the instances to go (finalizers may hold them) and gives up after a minute
      setTerminating({ status: 'True', reason: 'InstanceDeletionCheck', message: 'could not confirm zero CustomResources remaining: timed out waiting for the condition' });
      ctx.requeueAfter(name, crd.metadata!.name!, 5000);
      return;
    }
    setTerminating({ status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' });
    // kubesim: the emptied bucket goes with its CRD (a state file holds buckets of served resources only)
    if (bucket) delete ctx.cluster.state.objects[bucket];
  }
  const cur = copy(ctx.cluster.get(RESOURCE, undefined, crd.metadata!.name!)!);
  cur.metadata!.finalizers = (cur.metadata!.finalizers ?? []).filter((f: string) => f !== CLEANUP_FINALIZER);
  if (!cur.metadata!.finalizers!.length) delete cur.metadata!.finalizers;
  ctx.cluster.update(RESOURCE, cur, { writer: { manager: 'kube-apiserver' } });
}

/** The bucket a CRD's resources are stored in (its plural, or plural.group when that is shared). */
function bucketOf(ctx: ControllerContext, plural: string, group: string): string | undefined {
  const objs = ctx.cluster.state.objects;
  if (`${plural}.${group}` in objs) return `${plural}.${group}`;
  if (plural in objs) {
    const first = ctx.cluster.list(plural)[0];
    if (!first || String(first.apiVersion ?? '').startsWith(`${group}/`)) return plural;
  }
  return undefined;
}

export const apiExtensionsController: ControllerModule = {
  name,
  watch: {
    [RESOURCE](type, crd, _old, q, ctx) {
      if (type !== 'DELETED') q.add(name, crd.metadata!.name!);
      // requeueAllOtherGroupCRDs: a name released or taken changes what the group's other CRDs may accept
      for (const c of ctx.cluster.list(RESOURCE)) {
        if (c.metadata!.name !== crd.metadata!.name && (c.spec as any)?.group === (crd.spec as any)?.group) q.add(name, c.metadata!.name!);
      }
    },
  },
  start(ctx, q) {
    if (!(RESOURCE in ctx.cluster.state.objects)) return;
    for (const c of ctx.cluster.list(RESOURCE)) q.add(name, c.metadata!.name!);
  },
  sync,
};
