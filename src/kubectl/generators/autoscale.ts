// kubectl autoscale (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go, v1.32): the
// autoscaling/v2 HorizontalPodAutoscaler it builds for a scalable object, its flag validation and
// polymorphichelpers.canBeAutoscaled.
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';
import { servesSubresource } from '../../server/scale.js';

/**
 * The scale kind resolver's check: anything whose resource discovery lists with a scale subresource (workloads, custom
 * resources whose CRD declares one) can be autoscaled.
 */
export function canBeAutoscaled(info: ResourceInfo): void {
  if (!servesSubresource(info, 'scale')) {
    throw new UserError(`error: cannot autoscale a ${info.kind}: could not find scale subresource for ${info.group}/${info.version}, Resource=${info.resource} in discovery information`);
  }
}

/** AutoscaleOptions.Validate. */
export function validateAutoscale(min: number, max: number): void {
  if (max < 1) throw new UserError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new UserError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
}

/** createHorizontalPodAutoscalerV2, as the typed object prints (Go field order). */
export function horizontalPodAutoscalerV2(o: { name: string; refName: string; apiVersion: string; kind: string; min: number; max: number; cpuPercent: number }): KObject {
  const spec: any = { scaleTargetRef: { apiVersion: o.apiVersion, kind: o.kind, name: o.refName } };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  if (o.cpuPercent >= 0) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: o.cpuPercent } } }];
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: o.name || o.refName, creationTimestamp: null } as any,
    spec,
    status: { currentMetrics: null, desiredReplicas: 0 },
  };
}
