// describeQuota, describeLimitRange (and the Namespace's blocks of both), the
// PodDisruptionBudget and PriorityClass describers (describe.go).
import type { KObject } from '../../api/types.js';
import { parseQuantity, formatQuantity } from '../../api/quantity.js';
import { goStringLess, formatLabels, formatLabelSelector } from '../labels.js';
import { PrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer.js';
import { describeEventsInto } from './common.js';
import { quantityString } from './volumes.js';
import type { DescribeContext } from './context.js';

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const LIMIT_COLUMNS = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'] as const;

/** describeLimitRangeSpec: one row per limit type and resource ("-" where unset). */
function describeLimitRangeSpec(w: PrefixWriter, spec: any, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const names = new Set<string>();
    for (const c of LIMIT_COLUMNS) for (const k of Object.keys(item[c] ?? {})) names.add(k);
    // kubesim: Go ranges over a map (random order); we print the resources sorted
    for (const k of [...names].sort(goStringLess)) {
      const [min, max, defReq, def, ratio] = LIMIT_COLUMNS.map((c) => (item[c]?.[k] !== undefined ? quantityString(item[c][k]) : '-'));
      w.write(LEVEL_0, `${prefix}${item.type ?? ''}\t${k}\t${min}\t${max}\t${defReq}\t${def}\t${ratio}\n`);
    }
  }
}

/** DescribeLimitRanges (the Namespace's block) */
export function describeLimitRangesInto(w: PrefixWriter, limitRanges: KObject[]): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limitRanges) describeLimitRangeSpec(w, lr.spec, ' ');
}

const sortedScopes = (q: KObject): string[] => [...(q.spec?.scopes ?? [])].sort(goStringLess);

/** DescribeResourceQuotas (the Namespace's block), quotas sorted by name. */
export function describeResourceQuotasInto(w: PrefixWriter, quotas: KObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => goStringLess(a.metadata?.name ?? '', b.metadata?.name ?? ''))) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
    const scopes = sortedScopes(q);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    for (const r of Object.keys(hard).sort(goStringLess)) w.write(LEVEL_1, `${r}\t${quantityString(q.status?.used?.[r])}\t${quantityString(hard[r])}\n`);
  }
}

/** describeLimitRange (no events) */
export function describeLimitRange(lr: KObject, _ctx?: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${lr.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${lr.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeSpec(w, lr.spec, '');
  return w.toString();
}

/** Used in Hard's format when the two differ, as resource.NewQuantity(used.Value(), hard.Format). */
function usedInHardFormat(used: any, hard: any): string {
  if (used === undefined || used === null) return '0';
  const u = parseQuantity(used);
  const h = parseQuantity(hard ?? '0');
  if (u.format === h.format) return formatQuantity(u);
  const NANO = 1_000_000_000n;
  const value = u.nanos >= 0n ? (u.nanos + NANO - 1n) / NANO : u.nanos / NANO;
  return formatQuantity({ nanos: value * NANO, format: h.format });
}

/** describeQuota (no events) */
export function describeQuota(q: KObject, _ctx?: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${q.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${q.metadata?.namespace ?? ''}\n`);
  const scopes = sortedScopes(q);
  if (scopes.length > 0) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const hard = q.status?.hard ?? {};
  for (const r of Object.keys(hard).sort(goStringLess)) w.write(LEVEL_0, `${r}\t${usedInHardFormat(q.status?.used?.[r], hard[r])}\t${quantityString(hard[r])}\n`);
  return w.toString();
}

/** describePodDisruptionBudgetV1 */
export function describePodDisruptionBudget(pdb: KObject, ctx: DescribeContext): string {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pdb.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata?.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describePriorityClass */
export function describePriorityClass(pc: KObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${!!pc.globalDefault}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata?.annotations)}\n`);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
