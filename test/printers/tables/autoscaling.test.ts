// autoscaling tables (printers.go: printHorizontalPodAutoscaler, formatHPAMetrics), for v2 objects
// and for autoscaling/v1 ones through the API server's conversion.
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, M, H, meta, sameTable } from './helpers.js';

const now = NOW;
const ns = (name: string, age: number) => meta(name, age, { namespace: 'default' });
const ref = (kind: string, name: string) => ({ apiVersion: 'apps/v1', kind, name });
const cpu = (target: any) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const behavior = { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } };

test('hpa: cpu utilization known and <unknown>, several metrics with + N more..., v1 objects (printHorizontalPodAutoscaler)', () => {
  const hpas = [
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('php-apache', 10 * M),
      spec: { scaleTargetRef: ref('Deployment', 'php-apache'), minReplicas: 1, maxReplicas: 10, metrics: [cpu({ type: 'Utilization', averageUtilization: 50 })], behavior },
      status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 61, averageValue: '122m' } } }] },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('fresh', 5 * 1000),
      spec: { scaleTargetRef: ref('Deployment', 'web'), minReplicas: 2, maxReplicas: 5, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('multi', 2 * H),
      spec: {
        scaleTargetRef: ref('StatefulSet', 'db'),
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
          { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
          { type: 'Object', object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main-route' }, target: { type: 'Value', value: '10k' } } },
          { type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } } },
        ],
      },
      status: {
        currentReplicas: 2,
        desiredReplicas: 2,
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '314572800' } } },
          { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '1500m' } } },
        ],
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('two', 2 * H),
      spec: {
        scaleTargetRef: ref('Deployment', 'api'),
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [
          { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
          { type: 'Object', object: { metric: { name: 'hits' }, describedObject: { kind: 'Service', name: 's' }, target: { type: 'AverageValue', averageValue: '2' } } },
        ],
      },
      status: { currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 12 } } }] },
    },
    {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('v1-cpu', 30 * M),
      spec: { scaleTargetRef: ref('Deployment', 'nginx'), minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 75 },
      status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 7 },
    },
    {
      // kubectl autoscale without --cpu-percent: the v2 default, cpu 80%
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: ns('v1-default', 30 * M),
      spec: { scaleTargetRef: ref('Deployment', 'nginx'), minReplicas: 1, maxReplicas: 3 },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    },
  ];
  sameTable(printTable('horizontalpodautoscalers', hpas, { now }), [
    'NAME         REFERENCE               TARGETS                                         MINPODS   MAXPODS   REPLICAS   AGE',
    'php-apache   Deployment/php-apache   cpu: 61%/50%                                    1         10        3          10m',
    'fresh        Deployment/web          cpu: <unknown>/80%                              2         5         0          5s',
    'multi        StatefulSet/db          memory: 314572800/500Mi, 1500m/1k + 2 more...   1         4         2          120m',
    'two          Deployment/api          cpu: 12%/60%, <unknown>/2 (avg)                 1         3         1          120m',
    'v1-cpu       Deployment/nginx        cpu: 7%/75%                                     1         5         1          30m',
    'v1-default   Deployment/nginx        cpu: <unknown>/80%                              1         3         0          30m',
  ]);
  sameTable(printTable('horizontalpodautoscalers.autoscaling', hpas.slice(0, 1), { now, wide: true, withKind: true }), [
    'NAME                                             REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE',
    'horizontalpodautoscaler.autoscaling/php-apache   Deployment/php-apache   cpu: 61%/50%   1         10        3          10m',
  ]);
});
