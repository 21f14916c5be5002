// Port of pkg/controller/podautoscaler/horizontal.go (v1.32): reconcileAutoscaler every 15 s of virtual
// time (the resync period: every add goes through the fixed-interval rate limiter), computeReplicasForMetrics
// for Resource and ContainerResource metrics, the stabilisation and rate limits, the Scale update, status
// and conditions (AbleToScale, ScalingActive, ScalingLimited) and events.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { resourceForKind, qualifiedResource } from '../../api/resources.js';
import { labelSelectorAsSelector, matches } from '../../api/selectors.js';
import { copy, splitKey, timeStr } from '../podutil.js';
import { getRawResourceReplicas, getResourceReplicas, type Proposal } from './replica_calculator.js';
import {
  type Rec, type ScaleEvent, convertDesiredReplicasWithBehaviorRate, convertDesiredReplicasWithRules, downscaleStabilisationWindow,
  stabilizeRecommendation, stabilizeRecommendationWithBehaviors, storeScaleEvent,
} from './behavior.js';
import { formatMilliQuantity } from './quantity.js';

const name = 'podautoscaler';
const component = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period */
export const resyncPeriod = 15_000;
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

interface HPAState {
  recommendations: Record<string, Rec[]>;
  scaleUpEvents: Record<string, ScaleEvent[]>;
  scaleDownEvents: Record<string, ScaleEvent[]>;
}

function hpaState(ctx: ControllerContext): HPAState {
  return ctx.cluster.controllerState<HPAState>(name, () => ({ recommendations: {}, scaleUpEvents: {}, scaleDownEvents: {} }));
}

interface Condition { type: string; status: string; lastTransitionTime: string; reason: string; message: string }

function setCondition(hpa: KObject, type: string, status: string, reason: string, message: string, now: string): void {
  const list: Condition[] = hpa.status.conditions = [...(hpa.status.conditions || [])];
  let i = list.findIndex((c) => c.type === type);
  if (i < 0) { list.push({ type } as Condition); i = list.length - 1; }
  const old = list[i];
  list[i] = { type, status, lastTransitionTime: old.status !== status ? now : old.lastTransitionTime, reason, message };
}

function event(ctx: ControllerContext, hpa: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.recorder.event({ component }, hpa, type, reason, message);
}

interface Scale { resource: string; obj: KObject; replicas: number; statusReplicas: number; selector: any }

function getScale(ctx: ControllerContext, hpa: KObject): Scale {
  const ref = hpa.spec?.scaleTargetRef || {};
  const info = resourceForKind(ref.apiVersion || '', ref.kind || '');
  if (!info) {
    const gv = String(ref.apiVersion || '');
    const group = gv.includes('/') ? gv.slice(0, gv.indexOf('/')) : '';
    throw new Error(`unable to determine resource for scale target reference: no matches for kind "${ref.kind}" in group "${group}"`);
  }
  const obj = ctx.cluster.get(info.storage, hpa.metadata!.namespace, ref.name);
  if (!obj) throw new Error(`${qualifiedResource(info)} "${ref.name}" not found`);
  if (!SCALABLE.has(info.kind)) throw new Error(`the server could not find the requested resource`);
  return { resource: info.resource, obj, replicas: obj.spec?.replicas ?? 1, statusReplicas: obj.status?.replicas ?? 0, selector: obj.spec?.selector };
}

interface MetricResult { replicas: number; metric: string; timestamp: number }

/** computeStatusForResourceMetric(Generic) for Resource and ContainerResource sources. */
function computeResourceMetric(ctx: ControllerContext, hpa: KObject, spec: any, current: number, scale: Scale, statuses: any[], i: number, nowStr: string): MetricResult {
  const container = spec.type === 'ContainerResource';
  const src = container ? spec.containerResource : spec.resource;
  const resource: string = src?.name ?? '';
  const target = src?.target ?? {};
  const sel = labelSelectorAsSelector(scale.selector);
  const selects = (l: Record<string, string>) => matches(sel, l);
  const reason = container ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
  const fail = (err: string, wrap: string) => {
    event(ctx, hpa, 'Warning', reason, err);
    throw Object.assign(new Error(`${wrap}${err}`), {
      condition: { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` },
    });
  };
  const wrap = container ? `failed to get ${resource} container metric value: ` : `failed to get ${resource} resource metric value: `;
  let p: Proposal;
  if (target.averageValue != null) {
    try {
      p = getRawResourceReplicas(ctx.cluster, current, milli(resource, target.averageValue), resource, hpa.metadata!.namespace!, selects, container ? src.container : '');
    } catch (e: any) { fail(`failed to get ${resource} usage: ${e.message}`, wrap); throw e; }
    statuses[i] = { type: spec.type, [container ? 'containerResource' : 'resource']: { name: resource, ...(container ? { container: src.container } : {}), current: { averageValue: formatMilliQuantity(p.raw) } } };
    return { replicas: p.replicas, metric: `${resource} resource`, timestamp: p.timestamp };
  }
  if (target.averageUtilization == null) {
    fail('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set', wrap);
  }
  try {
    p = getResourceReplicas(ctx.cluster, current, target.averageUtilization, resource, hpa.metadata!.namespace!, selects, container ? src.container : '');
  } catch (e: any) { fail(`failed to get ${resource} utilization: ${e.message}`, wrap); throw e; }
  statuses[i] = {
    type: spec.type,
    [container ? 'containerResource' : 'resource']: { name: resource, ...(container ? { container: src.container } : {}), current: { averageValue: formatMilliQuantity(p.raw), averageUtilization: p.utilization } },
  };
  const metric = container ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
  void nowStr;
  return { replicas: p.replicas, metric, timestamp: p.timestamp };
}

function milli(resource: string, q: any): number {
  const s = String(q);
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(s);
  if (!m) return 0;
  const mult: Record<string, number> = { '': 1000, m: 1, k: 1e6, M: 1e9, G: 1e12, T: 1e15, Ki: 1024_000, Mi: 1024 ** 2 * 1000, Gi: 1024 ** 3 * 1000, Ti: 1024 ** 4 * 1000 };
  void resource;
  return Math.round(Number(m[1]) * mult[m[2] || '']);
}

/** computeReplicasForMetrics -> [replicas (-1: failure), metric name, statuses, error]. */
function computeReplicasForMetrics(ctx: ControllerContext, hpa: KObject, scale: Scale, specs: any[], nowStr: string): [number, string, any[], string | undefined] {
  const statuses: any[] = specs.map(() => ({ type: '' }));
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let firstErr: string | undefined;
  let firstCond: any;
  specs.forEach((spec, i) => {
    try {
      let r: MetricResult;
      if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
        r = computeResourceMetric(ctx, hpa, spec, scale.replicas, scale, statuses, i, nowStr);
      } else {
        // kubesim: no custom or external metrics API is served
        const metricName = spec[spec.type === 'Pods' ? 'pods' : spec.type === 'Object' ? 'object' : 'external']?.metric?.name ?? '';
        const reasons: Record<string, string> = { Pods: 'FailedGetPodsMetric', Object: 'FailedGetObjectMetric', External: 'FailedGetExternalMetric' };
        const reason = reasons[spec.type];
        if (!reason) {
          const err = `unknown metric source type "${spec.type}"`;
          event(ctx, hpa, 'Warning', 'InvalidMetricSourceType', err);
          throw Object.assign(new Error(err), { condition: { type: 'ScalingActive', status: 'False', reason: 'InvalidMetricSourceType', message: `the HPA was unable to compute the replica count: ${err}` } });
        }
        const api = spec.type === 'External' ? 'external metrics API' : 'custom metrics API';
        const err = `unable to get metric ${metricName}: unable to fetch metrics from ${api}: the server could not find the requested resource`;
        event(ctx, hpa, 'Warning', reason, err);
        throw Object.assign(new Error(`failed to get ${spec.type.toLowerCase()} metric value: ${err}`), { condition: { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` } });
      }
      if (replicas === 0 || r.replicas > replicas) { replicas = r.replicas; metric = r.metric; }
    } catch (e: any) {
      if (!e.condition) throw e;
      if (invalid <= 0) { firstErr = e.message; firstCond = e.condition; }
      invalid++;
    }
  });
  const err = firstErr !== undefined ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstErr}` : undefined;
  if (invalid >= specs.length || (invalid > 0 && replicas < scale.replicas)) {
    setCondition(hpa, firstCond.type, firstCond.status, firstCond.reason, firstCond.message, nowStr);
    return [-1, '', statuses, err];
  }
  setCondition(hpa, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`, nowStr);
  return [replicas, metric, statuses, err];
}

/** HorizontalPodAutoscalerStatus in its field order. */
function orderedStatus(s: any): any {
  const out: any = {};
  if (s.observedGeneration != null) out.observedGeneration = s.observedGeneration;
  if (s.lastScaleTime) out.lastScaleTime = s.lastScaleTime;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  out.desiredReplicas = s.desiredReplicas ?? 0;
  if (s.currentMetrics !== undefined) out.currentMetrics = s.currentMetrics;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

function setStatus(hpa: KObject, current: number, desired: number, metrics: any[] | null, rescale: boolean, nowStr: string): void {
  const s = hpa.status;
  hpa.status = { lastScaleTime: rescale ? nowStr : s.lastScaleTime, currentReplicas: current, desiredReplicas: desired, currentMetrics: metrics, conditions: s.conditions };
}

function updateStatusIfNeeded(ctx: ControllerContext, hpa: KObject): void {
  ctx.cluster.updateStatus('horizontalpodautoscalers', { ...hpa, status: orderedStatus(hpa.status) });
}

/** reconcileAutoscaler. */
function reconcileAutoscaler(ctx: ControllerContext, key: string): void {
  const [ns, n] = splitKey(key);
  const stored = ctx.cluster.get('horizontalpodautoscalers', ns, n!);
  const st = hpaState(ctx);
  if (!stored) {
    delete st.recommendations[key];
    delete st.scaleUpEvents[key];
    delete st.scaleDownEvents[key];
    return;
  }
  // the controller works on an autoscaling/v2 copy
  const hpa: KObject = copy(stored);
  hpa.status = hpa.status || {};
  const now = ctx.now;
  const nowStr = timeStr(now);
  let scale: Scale;
  try {
    scale = getScale(ctx, hpa);
  } catch (e: any) {
    event(ctx, hpa, 'Warning', 'FailedGetScale', e.message);
    setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${e.message}`, nowStr);
    updateStatusIfNeeded(ctx, hpa);
    return;
  }
  setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", nowStr);
  const current = scale.replicas;
  // recordInitialRecommendation
  if (!st.recommendations[key]) st.recommendations[key] = [{ replicas: current, at: now }];
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  let desired = 0;
  let rescaleReason = '';
  let rescale = true;
  let metricStatuses: any[] | null = hpa.status.currentMetrics ?? null;
  if (current === 0 && min !== 0) {
    desired = 0;
    rescale = false;
    setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', nowStr);
  } else if (current > max) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (current < min) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    const specs: any[] = hpa.spec.metrics?.length ? hpa.spec.metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    const [metricDesired, metricName, statuses, err] = computeReplicasForMetrics(ctx, hpa, scale, specs, nowStr);
    metricStatuses = statuses;
    if (err !== undefined && metricDesired === -1) {
      setStatus(hpa, current, hpa.status.desiredReplicas ?? 0, metricStatuses, false, nowStr);
      updateStatusIfNeeded(ctx, hpa);
      event(ctx, hpa, 'Warning', 'FailedComputeMetricsReplicas', err);
      return;
    }
    let rescaleMetric = '';
    if (metricDesired > desired) { desired = metricDesired; rescaleMetric = metricName; }
    if (desired > current) rescaleReason = `${rescaleMetric} above target`;
    if (desired < current) rescaleReason = 'All metrics below target';
    const recs = st.recommendations[key];
    if (!hpa.spec.behavior) {
      // normalizeDesiredReplicas
      const stabilized = stabilizeRecommendation(recs, desired, now);
      if (stabilized !== desired) setCondition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', nowStr);
      else setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', nowStr);
      const lim = convertDesiredReplicasWithRules(current, stabilized, min, max);
      setCondition(hpa, 'ScalingLimited', lim.replicas === stabilized ? 'False' : 'True', lim.reason, lim.message, nowStr);
      desired = lim.replicas;
    } else {
      // normalizeDesiredReplicasWithBehaviors (maybeInitScaleDownStabilizationWindow)
      const behavior = copy(hpa.spec.behavior);
      if (behavior.scaleDown && behavior.scaleDown.stabilizationWindowSeconds == null) behavior.scaleDown.stabilizationWindowSeconds = downscaleStabilisationWindow / 1000;
      const stab = stabilizeRecommendationWithBehaviors(recs, behavior, current, desired, now);
      if (stab.replicas !== desired) setCondition(hpa, 'AbleToScale', 'True', stab.reason, stab.message, nowStr);
      else setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', nowStr);
      const lim = convertDesiredReplicasWithBehaviorRate(behavior, current, stab.replicas, min, max, st.scaleUpEvents[key] || [], st.scaleDownEvents[key] || [], now);
      setCondition(hpa, 'ScalingLimited', lim.replicas === stab.replicas ? 'False' : 'True', lim.reason, lim.message, nowStr);
      desired = lim.replicas;
    }
    rescale = desired !== current;
  }
  if (rescale) {
    try {
      const target = copy(scale.obj);
      target.spec.replicas = desired;
      ctx.cluster.update(scale.resource, target);
    } catch (e: any) {
      event(ctx, hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${e.message}`);
      setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${e.message}`, nowStr);
      setStatus(hpa, current, hpa.status.desiredReplicas ?? 0, metricStatuses, false, nowStr);
      updateStatusIfNeeded(ctx, hpa);
      return;
    }
    setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, nowStr);
    event(ctx, hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`);
    if (hpa.spec.behavior) {
      if (desired > current) storeScaleEvent((st.scaleUpEvents[key] ||= []), hpa.spec.behavior.scaleUp, desired - current, now);
      else storeScaleEvent((st.scaleDownEvents[key] ||= []), hpa.spec.behavior.scaleDown, current - desired, now);
    }
  } else {
    desired = current;
  }
  setStatus(hpa, current, desired, metricStatuses, rescale, nowStr);
  updateStatusIfNeeded(ctx, hpa);
}

export const horizontalPodAutoscalerController: ControllerModule = {
  name,
  watch: {
    horizontalpodautoscalers(type, hpa, _old, _q, ctx) {
      // enqueueHPA: AddRateLimited, a fixed 15 s interval (a pending earlier wake-up stands)
      if (type !== 'DELETED') ctx.requeueAfter(name, objectKey(hpa), resyncPeriod);
    },
  },
  start(ctx) {
    for (const h of ctx.cluster.list('horizontalpodautoscalers')) ctx.requeueAfter(name, objectKey(h), resyncPeriod);
  },
  sync(ctx, key) {
    reconcileAutoscaler(ctx, key);
    if (ctx.cluster.get('horizontalpodautoscalers', ...splitKey(key))) ctx.requeueAfter(name, key, resyncPeriod);
  },
};
