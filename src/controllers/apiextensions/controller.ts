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

/** The names another CRD of the group already holds (getNamesAndKinds / calculateNamesAndConditions). */
function conflicts(ctx: ControllerContext, crd: KObject): string | undefined {
  const spec: any = crd.spec;
  const names = spec.names ?? {};
  for (const other of ctx.cluster.list(RESOURCE)) {
    if (other.metadata!.name === crd.metadata!.name || (other.spec as any)?.group !== spec.group) continue;
    const acc: any = (other.status as any)?.acceptedNames ?? {};
    if (acc.plural === names.plural) return `"${names.plural}" is already in use`;
    if (names.singular && (acc.singular === names.singular || acc.plural === names.singular)) return `"${names.singular}" is already in use`;
    for (const s of names.shortNames ?? []) if ((acc.shortNames ?? []).includes(s)) return `"${s}" is already in use`;
    if (acc.kind === names.kind) return `"${names.kind}" is already in use`;
    if (acc.listKind === names.listKind) return `"${names.listKind}" is already in use`;
  }
  return undefined;
}

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

function sync(ctx: ControllerContext, key: string): void {
  const crd = ctx.cluster.get(RESOURCE, undefined, key);
  if (!crd) return;
  if (crd.metadata?.deletionTimestamp) return finalize(ctx, crd);
  const now = ctx.cluster.nowRFC3339();
  const status: any = copy(crd.status ?? {});
  let conds: Condition[] = status.conditions ?? [];
  const conflict = conflicts(ctx, crd);
  const established = conds.some((c) => c.type === 'Established' && c.status === 'True');
  if (conflict) {
    conds = setCondition(conds, { type: 'NamesAccepted', status: 'False', reason: 'NameConflict', message: conflict }, now);
    if (!established) conds = setCondition(conds, { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }, now);
  } else {
    status.acceptedNames = acceptedNamesOf((crd.spec as any).names ?? {});
    conds = setCondition(conds, { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' }, now);
    if (!established) conds = setCondition(conds, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }, now);
  }
  status.conditions = conds;
  // keep the fields in the order the API server encodes them
  const ordered: any = { acceptedNames: status.acceptedNames, conditions: status.conditions, storedVersions: status.storedVersions };
  for (const k of Object.keys(ordered)) if (ordered[k] === undefined) delete ordered[k];
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
  const established = ((crd.status as any)?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
  if (established && bucket) {
    setTerminating({ status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' });
    for (const o of ctx.cluster.list(bucket)) {
      if (o.metadata?.deletionTimestamp) continue;
      deleteWithPropagation(ctx, bucket, o.metadata?.namespace, o.metadata!.name!, 'Background');
    }
    const left = ctx.cluster.list(bucket).length;
    if (left > 0) {
      setTerminating({ status: 'True', reason: 'InstanceDeletionCheck', message: `could not confirm zero CustomResources remaining: ${left} items still remain` });
      ctx.requeueAfter(name, crd.metadata!.name!, 5000);
      return;
    }
  }
  setTerminating({ status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' });
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
    [RESOURCE](type, crd, _old, q) {
      if (type === 'DELETED') return;
      q.add(name, crd.metadata!.name!);
    },
  },
  start(ctx, q) {
    if (!(RESOURCE in ctx.cluster.state.objects)) return;
    for (const c of ctx.cluster.list(RESOURCE)) q.add(name, c.metadata!.name!);
  },
  sync,
};
