// autoscaling/v2 and autoscaling/v1 HorizontalPodAutoscaler: SetDefaults_HorizontalPodAutoscaler (v2: one CPU
// metric at 80%, behavior rules; v1: minReplicas), validateHorizontalPodAutoscalerSpec, and the v1 <-> v2
// conversion (pkg/apis/autoscaling/v1/conversion.go: the CPU target is a metric in v2).
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, invalid, isObj, notSupported, num, required, specOf, str } from './field.js';
import { nameIsPathSegment, validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';
import { registerConverter } from '../conversion.js';

const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpRules(r: any) {
  const o = isObj(r) ? r : {};
  if (o.stabilizationWindowSeconds == null) o.stabilizationWindowSeconds = 0;
  if (!o.selectPolicy) o.selectPolicy = 'Max';
  if (arr(o.policies).length === 0) o.policies = [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
  return o;
}

function scaleDownRules(r: any) {
  const o = isObj(r) ? r : {};
  if (o.stabilizationWindowSeconds == null) o.stabilizationWindowSeconds = 300;
  if (!o.selectPolicy) o.selectPolicy = 'Max';
  if (arr(o.policies).length === 0) o.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return o;
}

function defaultsV2(hpa: any) {
  const spec = specOf(hpa);
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (arr(spec.metrics).length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (isObj(spec.behavior)) {
    spec.behavior.scaleUp = scaleUpRules(spec.behavior.scaleUp);
    spec.behavior.scaleDown = scaleDownRules(spec.behavior.scaleDown);
  }
}

function validateRef(ref: any, field: string): Errs {
  const errs: Errs = [];
  for (const k of ['kind', 'name']) {
    const v = str(ref?.[k]);
    if (!v) errs.push(required(`${field}.${k}`));
    else for (const m of nameIsPathSegment(v, false)) errs.push(invalid(`${field}.${k}`, goQuote(v), m));
  }
  return errs;
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function validateTarget(t: any, field: string): Errs {
  const errs: Errs = [];
  const type = str(t?.type);
  if (!type) errs.push(required(`${field}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(invalid(`${field}.type`, goQuote(type), 'must be either Utilization, Value, or AverageValue'));
  if (t?.averageUtilization != null && num(t.averageUtilization) < 1) errs.push(invalid(`${field}.averageUtilization`, String(t.averageUtilization), 'must be greater than 0'));
  return errs;
}

function validateMetrics(metrics: any[], field: string): Errs {
  const errs: Errs = [];
  metrics.forEach((m: any, i: number) => {
    const f = `${field}[${i}]`;
    const type = str(m?.type);
    if (!type) { errs.push(required(`${f}.type`, 'must specify a metric source type')); return; }
    if (!METRIC_TYPES.includes(type)) { errs.push(notSupported(`${f}.type`, goQuote(type), METRIC_TYPES)); return; }
    if (type === 'Resource') {
      if (!isObj(m.resource)) { errs.push(required(`${f}.resource`, 'must populate information for the given metric source')); return; }
      if (!str(m.resource.name)) errs.push(required(`${f}.resource.name`, 'must specify a resource name'));
      errs.push(...validateTarget(m.resource.target, `${f}.resource.target`));
    }
  });
  return errs;
}

function validateSpecV2(spec: any): Errs {
  const errs: Errs = [];
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', String(spec.minReplicas), 'must be greater than or equal to 1'));
  if (num(spec.maxReplicas) < 1) errs.push(invalid('spec.maxReplicas', String(num(spec.maxReplicas)), 'must be greater than 0'));
  if (spec.minReplicas != null && num(spec.maxReplicas) < spec.minReplicas) errs.push(invalid('spec.maxReplicas', String(num(spec.maxReplicas)), 'must be greater than or equal to `minReplicas`'));
  const refErrs = validateRef(spec.scaleTargetRef, 'spec.scaleTargetRef');
  if (refErrs.length) return [...errs, ...refErrs];
  return [...errs, ...validateMetrics(arr(spec.metrics), 'spec.metrics')];
}

function validateV2(hpa: any): Errs {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain), ...validateSpecV2(isObj(hpa.spec) ? hpa.spec : {})];
}

/** autoscaling/v1 -> v2: targetCPUUtilizationPercentage becomes a Resource metric. */
export function hpaV1ToV2(v1: any): any {
  const o = structuredClone(v1);
  o.apiVersion = 'autoscaling/v2';
  const spec = specOf(o);
  const cpu = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (cpu != null) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  if (isObj(o.status)) {
    const cur = o.status.currentCPUUtilizationPercentage;
    delete o.status.currentCPUUtilizationPercentage;
    if (cur != null) o.status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }];
  }
  return o;
}

/** autoscaling/v2 -> v1: the CPU utilization metric becomes targetCPUUtilizationPercentage. */
export function hpaV2ToV1(v2: any): any {
  const o = structuredClone(v2);
  o.apiVersion = 'autoscaling/v1';
  const spec = specOf(o);
  const cpu = arr(spec.metrics).find((m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization != null);
  // kubesim: upstream keeps the other metrics and the behavior in alpha annotations; kubesim drops them
  delete spec.metrics;
  delete spec.behavior;
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  if (isObj(o.status)) {
    const cur = arr(o.status.currentMetrics).find((m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu');
    delete o.status.currentMetrics;
    delete o.status.conditions;
    if (cur?.resource?.current?.averageUtilization != null) o.status.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
  }
  return o;
}

export const hpaV2Strategy: Strategy = {
  defaults: defaultsV2,
  // HorizontalPodAutoscalerStatus: desiredReplicas is not omitempty
  prepareForCreate(hpa) { hpa.status = { desiredReplicas: 0 }; },
  prepareForUpdate(hpa, old) { hpa.status = old.status; },
  validate: validateV2,
};

// the API server serves one object at both versions
registerConverter('autoscaling/v1', 'autoscaling/v2', 'HorizontalPodAutoscaler', (o) => hpaV1ToV2(o));
registerConverter('autoscaling/v2', 'autoscaling/v1', 'HorizontalPodAutoscaler', (o) => hpaV2ToV1(o));

/** v1 objects are converted to v2 (the storage and internal version), then defaulted and validated as such. */
export const hpaV1Strategy: Strategy = {
  convertToStorage: hpaV1ToV2,
  defaults(hpa) { if (specOf(hpa).minReplicas == null) hpa.spec.minReplicas = 1; },
  prepareForCreate(hpa) { hpa.status = { currentReplicas: 0, desiredReplicas: 0 }; },
  prepareForUpdate(hpa, old) { hpa.status = old.status; },
  validate: (hpa) => {
    const errs = validateV2(hpaV1ToV2(hpa));
    const cpu = hpa.spec?.targetCPUUtilizationPercentage;
    return cpu != null && cpu < 1
      ? [...errs.filter((e) => !e.field.startsWith('spec.metrics')), invalid('spec.targetCPUUtilizationPercentage', String(cpu), 'must be greater than 0')]
      : errs;
  },
};
