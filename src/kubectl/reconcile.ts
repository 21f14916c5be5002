// RBAC reconciliation as `kubectl auth reconcile` does it (k8s.io/component-helpers/auth/rbac/reconciliation:
// reconcile_role.go, reconcile_rolebindings.go, namespace.go): existing roles gain the rules they miss
// (or are stomped to the expected ones with --remove-extra-permissions), bindings gain the subjects they
// miss, a binding whose roleRef changed is deleted and created again, and an object annotated
// rbac.authorization.kubernetes.io/autoupdate=false is left alone.
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';
import { resolveResource } from '../api/resources.js';
import { uncoveredRules } from '../api/rbacpolicy.js';
import type { PolicyRule } from '../server/authorization/rbac.js';
import { createObject, updateObject } from '../server/registry.js';
import type { Cluster } from '../store/cluster.js';

export type ReconcileOperation = 'create' | 'update' | 'recreate' | 'none';

export interface Subject { kind?: string; apiGroup?: string; name?: string; namespace?: string }

export interface ReconcileResult {
  /** the reconciled object: as stored after a write, else as it would be */
  obj: KObject;
  operation: ReconcileOperation;
  protected: boolean;
  missingRules?: PolicyRule[];
  extraRules?: PolicyRule[];
  missingSubjects?: Subject[];
  extraSubjects?: Subject[];
}

export interface ReconcileOptions {
  /** false: a dry run, nothing is written */
  confirm: boolean;
  removeExtraPermissions: boolean;
  removeExtraSubjects: boolean;
}

const AUTO_UPDATE = 'rbac.authorization.kubernetes.io/autoupdate';
type StrMap = Record<string, string> | undefined;

/** merge: later maps win; nil only when every map is nil. */
function merge(...maps: StrMap[]): StrMap {
  let out: StrMap;
  for (const m of maps) {
    if (m && !out) out = {};
    Object.assign(out ?? {}, m);
  }
  return out;
}

const copy = <T>(o: T): T => JSON.parse(JSON.stringify(o));

/** Annotations and labels: the expected ones are added, the existing ones win. */
function mergeMeta(result: KObject, existing: KObject, expected: KObject): boolean {
  const md = (result.metadata ??= {});
  let changed = false;
  for (const k of ['annotations', 'labels'] as const) {
    const merged = merge(expected.metadata?.[k], existing.metadata?.[k]);
    if (merged === undefined) delete md[k];
    else md[k] = merged;
    if (!isDeepStrictEqual(merged, existing.metadata?.[k])) changed = true;
  }
  return changed;
}

// --- roles ---

interface Selector { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }
interface AggregationRule { clusterRoleSelectors?: Selector[] }

/** equality.Semantic.DeepEqual of label selectors: an empty list or map is nil. */
function sameSelector(a: Selector, b: Selector): boolean {
  const norm = (s: Selector) => ({ l: s.matchLabels && Object.keys(s.matchLabels).length ? s.matchLabels : undefined, e: s.matchExpressions?.length ? s.matchExpressions : undefined });
  return isDeepStrictEqual(norm(a), norm(b));
}

/** aggregationRuleCovers: the servant's selectors the owner lacks. */
function uncoveredSelectors(owner: AggregationRule | undefined, servant: AggregationRule | undefined): Selector[] {
  if (!servant) return [];
  if (!owner) return servant.clusterRoleSelectors ?? [];
  return (servant.clusterRoleSelectors ?? []).filter((s) => !(owner.clusterRoleSelectors ?? []).some((o) => sameSelector(o, s)));
}

/** computeReconciledRole */
export function computeReconciledRole(existing: KObject, expected: KObject, removeExtra: boolean): ReconcileResult {
  const aggregated = existing.kind === 'ClusterRole';
  const aggOf = (o: KObject): AggregationRule | undefined => (aggregated ? (o as any).aggregationRule ?? undefined : undefined);
  const result: ReconcileResult = { obj: copy(existing), operation: 'none', protected: existing.metadata?.annotations?.[AUTO_UPDATE] === 'false' };
  const role = result.obj as any;
  if (mergeMeta(role, existing, expected)) result.operation = 'update';

  const expRules: PolicyRule[] | undefined = (expected as any).rules ?? undefined;
  const exRules: PolicyRule[] | undefined = (existing as any).rules ?? undefined;
  // extra permissions are not computed when both roles are aggregated (the controller owns the rules)
  result.extraRules = !aggOf(expected) || !aggOf(existing) ? uncoveredRules(expRules, exRules) : [];
  result.missingRules = uncoveredRules(exRules, expRules);
  if (!removeExtra && result.missingRules.length) {
    role.rules = [...(role.rules ?? []), ...result.missingRules];
    result.operation = 'update';
  } else if (removeExtra && (result.missingRules.length || result.extraRules.length)) {
    if (expRules === undefined) delete role.rules;
    else role.rules = copy(expRules);
    result.operation = 'update';
  }

  const extraSel = uncoveredSelectors(aggOf(expected), aggOf(existing));
  const missingSel = uncoveredSelectors(aggOf(existing), aggOf(expected));
  if (!aggOf(expected) && aggOf(existing)) {
    delete role.aggregationRule;
    result.operation = 'update';
  } else if (!removeExtra && missingSel.length) {
    const agg: AggregationRule = role.aggregationRule ?? {};
    agg.clusterRoleSelectors = [...(agg.clusterRoleSelectors ?? []), ...copy(missingSel)];
    role.aggregationRule = agg;
    result.operation = 'update';
  } else if (removeExtra && (missingSel.length || extraSel.length)) {
    role.aggregationRule = copy(aggOf(expected));
    result.operation = 'update';
  }
  return result;
}

// --- bindings ---

const subjectKey = (s: Subject) => JSON.stringify([s.kind ?? '', s.apiGroup ?? '', s.name ?? '', s.namespace ?? '']);

/** diffSubjectLists: the subjects unique to each list, each once. */
function subjectsOnlyIn(list: Subject[], other: Subject[]): Subject[] {
  const seen = new Set(other.map(subjectKey));
  const out: Subject[] = [];
  const added = new Set<string>();
  for (const s of list) {
    const k = subjectKey(s);
    if (seen.has(k) || added.has(k)) continue;
    added.add(k);
    out.push(s);
  }
  return out;
}

const roleRefKey = (o: KObject) => {
  const r = (o as any).roleRef ?? {};
  return JSON.stringify([r.apiGroup ?? '', r.kind ?? '', r.name ?? '']);
};

/** computeReconciledRoleBinding */
export function computeReconciledRoleBinding(existing: KObject, expected: KObject, removeExtra: boolean): ReconcileResult {
  const prot = existing.metadata?.annotations?.[AUTO_UPDATE] === 'false';
  // a binding's roleRef cannot change: the binding is made anew
  if (roleRefKey(existing) !== roleRefKey(expected)) return { obj: expected, operation: 'recreate', protected: prot };
  const result: ReconcileResult = { obj: copy(existing), operation: 'none', protected: prot };
  const b = result.obj as any;
  if (mergeMeta(b, existing, expected)) result.operation = 'update';
  const exp: Subject[] = (expected as any).subjects ?? [];
  const ex: Subject[] = (existing as any).subjects ?? [];
  result.missingSubjects = subjectsOnlyIn(exp, ex);
  result.extraSubjects = subjectsOnlyIn(ex, exp);
  if (!removeExtra && result.missingSubjects.length) {
    b.subjects = [...ex, ...copy(result.missingSubjects)];
    result.operation = 'update';
  } else if (removeExtra && (result.missingSubjects.length || result.extraSubjects.length)) {
    b.subjects = copy((expected as any).subjects);
    if (b.subjects === undefined) delete b.subjects;
    result.operation = 'update';
  }
  return result;
}

// --- running one object ---

/** tryEnsureNamespace: a Role's or RoleBinding's namespace is created when missing. */
function ensureNamespace(cluster: Cluster, ns: string): void {
  if (cluster.get('namespaces', undefined, ns)) return;
  createObject(cluster, resolveResource('namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
}

/**
 * ReconcileRoleOptions.Run / ReconcileRoleBindingOptions.Run for one expected object (its namespace
 * already set as the builder defaults it). Writes unless a dry run or the object opted out.
 */
export function reconcileObject(cluster: Cluster, info: ResourceInfo, expected: KObject, o: ReconcileOptions): ReconcileResult {
  const ns = info.namespaced ? expected.metadata?.namespace : undefined;
  const name = expected.metadata?.name ?? '';
  const stored = cluster.get(info.storage, ns, name);
  const binding = info.kind.endsWith('Binding');
  let result: ReconcileResult;
  if (!stored) {
    result = binding
      ? { obj: expected, operation: 'create', protected: false, missingSubjects: (expected as any).subjects ?? [] }
      : { obj: expected, operation: 'create', protected: false, missingRules: (expected as any).rules ?? [] };
  } else if (binding) result = computeReconciledRoleBinding(copy(stored), expected, o.removeExtraSubjects);
  else result = computeReconciledRole(copy(stored), expected, o.removeExtraPermissions);
  if (result.protected || !o.confirm) return result;
  switch (result.operation) {
    case 'recreate':
      cluster.remove(info.storage, ns, name);
    // falls through: created again
    case 'create':
      if (ns) ensureNamespace(cluster, ns);
      result.obj = createObject(cluster, info, result.obj, { ns });
      break;
    case 'update':
      result.obj = updateObject(cluster, info, result.obj);
      break;
  }
  return result;
}
