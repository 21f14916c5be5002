// describeHorizontalPodAutoscalerV2 (describe.go). kubectl reads every HPA through autoscaling/v2.
import type { KObject } from '../../api/types.js';
import { PrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import { quantityString } from './volumes.js';
import type { DescribeContext } from './context.js';

/** (*resource.Quantity).String(): "<nil>" for an unset pointer. */
const q = (x: any) => (x === undefined || x === null ? '<nil>' : quantityString(x));

const set = (x: any) => x !== undefined && x !== null;

/** An autoscaling/v1 object seen through autoscaling/v2 (the API server's conversion of the CPU target). */
function asV2(hpa: KObject): KObject {
  if (!String(hpa.apiVersion ?? '').startsWith('autoscaling/v1')) return hpa;
  const spec = { ...(hpa.spec ?? {}) };
  const status = { ...(hpa.status ?? {}) };
  if (set(spec.targetCPUUtilizationPercentage)) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  if (set(status.currentCPUUtilizationPercentage)) status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
  return { ...hpa, spec, status };
}

type MetricPrinter = (w: PrefixWriter, metric: any, current: any) => void;

/** One row per metric source type, as the switch in describeHorizontalPodAutoscalerV2. */
const METRIC_PRINTERS: Record<string, MetricPrinter> = {
  External: (w, m, cur) => {
    const name = JSON.stringify(m.external?.metric?.name ?? '');
    const t = m.external?.target ?? {};
    if (set(t.averageValue)) {
      const c = set(cur?.external?.current?.averageValue) ? q(cur.external.current.averageValue) : '<unknown>';
      w.write(LEVEL_1, `${name} (target average value):\t${c} / ${q(t.averageValue)}\n`);
    } else {
      const c = cur?.external ? q(cur.external.current?.value) : '<unknown>';
      w.write(LEVEL_1, `${name} (target value):\t${c} / ${q(t.value)}\n`);
    }
  },
  Pods: (w, m, cur) => {
    const c = cur?.pods ? q(cur.pods.current?.averageValue) : '<unknown>';
    w.write(LEVEL_1, `${JSON.stringify(m.pods?.metric?.name ?? '')} on pods:\t${c} / ${q(m.pods?.target?.averageValue)}\n`);
  },
  Object: (w, m, cur) => {
    const o = m.object ?? {};
    w.write(LEVEL_1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
    if (o.target?.type === 'AverageValue') {
      const c = cur?.object ? q(cur.object.current?.averageValue) : '<unknown>';
      w.write(LEVEL_0, `(target average value):\t${c} / ${q(o.target?.averageValue)}\n`);
    } else {
      const c = cur?.object ? q(cur.object.current?.value) : '<unknown>';
      w.write(LEVEL_0, `(target value):\t${c} / ${q(o.target?.value)}\n`);
    }
  },
  Resource: (w, m, cur) => resourceMetric(w, `resource ${m.resource?.name ?? ''} on pods`, m.resource, cur?.resource),
  ContainerResource: (w, m, cur) =>
    resourceMetric(w, `resource ${m.containerResource?.name ?? ''} of container "${m.containerResource?.container ?? ''}" on pods`, m.containerResource, cur?.containerResource),
};

function resourceMetric(w: PrefixWriter, title: string, src: any, cur: any): void {
  w.write(LEVEL_1, title);
  const t = src?.target ?? {};
  if (set(t.averageValue)) {
    const c = cur ? q(cur.current?.averageValue) : '<unknown>';
    w.write(LEVEL_0, `:\t${c} / ${q(t.averageValue)}\n`);
    return;
  }
  const c = cur && set(cur.current?.averageUtilization) ? `${cur.current.averageUtilization}% (${q(cur.current?.averageValue)})` : '<unknown>';
  const target = set(t.averageUtilization) ? `${t.averageUtilization}%` : '<auto>';
  w.write(LEVEL_1, `(as a percentage of request):\t${c} / ${target}\n`);
}

/** printDirectionBehavior */
function printDirectionBehavior(w: PrefixWriter, direction: string, rules: any): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (set(rules.stabilizationWindowSeconds)) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies: any[] = rules.policies ?? [];
  if (policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of policies) w.write(LEVEL_3, `- Type: ${p.type ?? ''}\tValue: ${p.value ?? 0}\tPeriod: ${p.periodSeconds ?? 0} seconds\n`);
  }
}

/** describeHorizontalPodAutoscalerV2 */
export function describeHorizontalPodAutoscaler(obj: KObject, ctx: DescribeContext): string {
  const hpa = asV2(obj);
  const md = hpa.metadata ?? {};
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  const currents: any[] = st.currentMetrics ?? [];
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const printer = METRIC_PRINTERS[m.type];
    if (printer) printer(w, m, currents[i]);
    else w.write(LEVEL_1, `<unknown metric type ${JSON.stringify(m.type ?? '')}>\n`);
  });
  w.write(LEVEL_0, `Min replicas:\t${set(spec.minReplicas) ? spec.minReplicas : '<unset>'}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
    printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(LEVEL_0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  const conds: any[] = st.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
