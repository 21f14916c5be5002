// autoscaling (v2, and v1 through its conversion) handlers of pkg/printers/internalversion/printers.go.
import { age, ageCol, col, name, nameCol, quantityPtrString, type HandlerGroup } from './common.js';

/**
 * The internal (v2-shaped) metrics of an HPA. An autoscaling/v1 object converts as the API server
 * converts it: targetCPUUtilizationPercentage becomes a cpu Utilization metric; and a spec without
 * metrics is defaulted to cpu 80% (SetDefaults_HorizontalPodAutoscaler of v2, the storage version).
 */
export function hpaMetrics(hpa: any): { specs: any[]; statuses: any[] } {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  let specs: any[] = spec.metrics ?? [];
  let statuses: any[] = status.currentMetrics ?? [];
  if (spec.targetCPUUtilizationPercentage !== undefined && specs.length === 0) {
    specs = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  if (status.currentCPUUtilizationPercentage !== undefined && statuses.length === 0) {
    statuses = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
  }
  if (specs.length === 0) {
    specs = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  return { specs, statuses };
}

const has = (v: any) => v !== undefined && v !== null;

/** formatHPAMetrics: "cpu: 50%/80%", "<unknown>/500m (avg)" ..., the first 2 then " + N more...". */
export function formatHPAMetrics(specs: any[], statuses: any[]): string {
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  const max = 2;
  specs.forEach((spec, i) => {
    const st = statuses.length > i ? statuses[i] : undefined;
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const target = spec[key]?.target ?? {};
        const cur = st?.[key];
        if (has(target.averageValue)) {
          const current = cur && has(cur.current?.averageValue) ? quantityPtrString(cur.current.averageValue) : '<unknown>';
          list.push(`${current}/${quantityPtrString(target.averageValue)} (avg)`);
        } else {
          const current = cur ? quantityPtrString(cur.current?.value) : '<unknown>';
          list.push(`${current}/${quantityPtrString(target.value)}`);
        }
        break;
      }
      case 'Pods': {
        const current = st?.pods ? quantityPtrString(st.pods.current?.averageValue) : '<unknown>';
        list.push(`${current}/${quantityPtrString(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const src = spec[key] ?? {};
        const target = src.target ?? {};
        const cur = st?.[key];
        if (has(target.averageValue)) {
          const current = cur ? quantityPtrString(cur.current?.averageValue) : '<unknown>';
          list.push(`${src.name ?? ''}: ${current}/${quantityPtrString(target.averageValue)}`);
        } else {
          const current = cur && has(cur.current?.averageUtilization) ? `${cur.current.averageUtilization}%` : '<unknown>';
          const tgt = has(target.averageUtilization) ? `${target.averageUtilization}%` : '<auto>';
          list.push(`${src.name ?? ''}: ${current}/${tgt}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const count = list.length;
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export const AUTOSCALING: HandlerGroup = {
  group: 'autoscaling',
  handlers: {
    horizontalpodautoscalers: {
      columns: [nameCol, col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), ageCol],
      row: (hpa, now) => {
        const ref = hpa.spec?.scaleTargetRef ?? {};
        const { specs, statuses } = hpaMetrics(hpa);
        const min = hpa.spec?.minReplicas;
        return [
          name(hpa),
          `${ref.kind ?? ''}/${ref.name ?? ''}`,
          formatHPAMetrics(specs, statuses),
          has(min) ? String(min) : '<unset>',
          hpa.spec?.maxReplicas ?? 0,
          hpa.status?.currentReplicas ?? 0,
          age(hpa, now),
        ];
      },
    },
    // printScale: the autoscaling/v1 Scale a scale subresource answers with (`get --subresource=scale`)
    scales: {
      columns: [nameCol, col('Desired', 'integer'), col('Available', 'integer'), ageCol],
      row: (scale, now) => [name(scale), scale.spec?.replicas ?? 0, scale.status?.replicas ?? 0, age(scale, now)],
    },
  },
};
