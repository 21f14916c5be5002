// networking.k8s.io/v1 and discovery.k8s.io/v1 tables (printers.go: printIngress, printIngressClass,
// printNetworkPolicy, printEndpointSlice).
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, S, M, D, meta, sameTable } from './helpers.js';

const now = NOW;
const ns = (name: string, age: number, extra: Record<string, any> = {}) => meta(name, age, { namespace: 'default', ...extra });
const backend = { service: { name: 'web', port: { number: 80 } } };
const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } });

test('ingresses: CLASS, HOSTS (* and + N more...), ADDRESS, PORTS with TLS (printIngress)', () => {
  const ings = [
    { metadata: ns('minimal', 5 * M), spec: { ingressClassName: 'nginx', rules: [rule()] }, status: { loadBalancer: {} } },
    { metadata: ns('default-backend', 2 * D), spec: { defaultBackend: backend }, status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } },
    {
      metadata: ns('tls', 10 * M),
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }], rules: [rule('a.example.com'), rule('b.example.com')] },
      status: { loadBalancer: { ingress: [{ hostname: 'k8s-default-tls-0123456789.eu-west-1.elb.amazonaws.com' }, { ip: '10.0.0.9' }, { ip: '10.0.0.10' }] } },
    },
    { metadata: ns('many', 1 * M), spec: { rules: [rule('a.test'), rule(), rule('c.test'), rule('d.test'), rule('e.test')] } },
  ];
  sameTable(printTable('ingresses', ings, { now }), [
    'NAME              CLASS    HOSTS                              ADDRESS                                                                     PORTS     AGE',
    'minimal           nginx    *                                                                                                              80        5m',
    'default-backend   <none>   *                                  192.168.49.2                                                                80        2d',
    'tls               nginx    a.example.com,b.example.com        10.0.0.10,10.0.0.9,k8s-default-tls-0123456789.eu-west-1.elb.amazonaws.com   80, 443   10m',
    'many              <none>   a.test,c.test,d.test + 2 more...                                                                               80        60s',
  ]);
  sameTable(printTable('ingresses', ings.slice(0, 1), { now, wide: true }), [
    'NAME      CLASS   HOSTS   ADDRESS   PORTS   AGE',
    'minimal   nginx   *                 80      5m',
  ]);
});

test('ingressclasses: CONTROLLER, PARAMETERS kind.group/name (printIngressClass)', () => {
  const ics = [
    { metadata: meta('nginx', 3 * D, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }), spec: { controller: 'k8s.io/ingress-nginx' } },
    { metadata: meta('external-lb', 1 * M), spec: { controller: 'example.com/ingress-controller', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' } } },
    { metadata: meta('core-params', 1 * M), spec: { controller: 'example.com/c', parameters: { kind: 'ConfigMap', name: 'cfg', scope: 'Namespace', namespace: 'ingress' } } },
  ];
  sameTable(printTable('ingressclasses', ics, { now }), [
    'NAME          CONTROLLER                       PARAMETERS                                      AGE',
    'nginx         k8s.io/ingress-nginx             <none>                                          3d',
    'external-lb   example.com/ingress-controller   IngressParameters.k8s.example.com/external-lb   60s',
    'core-params   example.com/c                    ConfigMap/cfg                                   60s',
  ]);
});

test('networkpolicies: POD-SELECTOR, <none> for all pods (printNetworkPolicy)', () => {
  const nps = [
    { metadata: ns('default-deny-ingress', 1 * D), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    { metadata: ns('test-network-policy', 7 * M), spec: { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress', 'Egress'] } },
    { metadata: ns('exprs', 7 * M), spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['x'] }, { key: 'canary', operator: 'DoesNotExist' }] } } },
  ];
  sameTable(printTable('networkpolicies', nps, { now }), [
    'NAME                   POD-SELECTOR            AGE',
    'default-deny-ingress   <none>                  24h',
    'test-network-policy    role=db                 7m',
    'exprs                  app notin (x),!canary   7m',
  ]);
});

test('endpointslices: ADDRESSTYPE, PORTS, ENDPOINTS, <unset> and + N more... (printEndpointSlice)', () => {
  const ep = (...addresses: string[]) => ({ addresses, conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1' });
  const slices = [
    { metadata: ns('kubernetes', 30 * D), addressType: 'IPv4', endpoints: [ep('172.18.0.2')], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    {
      metadata: ns('web-abc12', 5 * M),
      addressType: 'IPv4',
      endpoints: [ep('10.244.0.5'), ep('10.244.0.6', '10.244.0.7'), ep('10.244.0.8'), ep('10.244.0.9')],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', protocol: 'TCP' }, { protocol: 'UDP' }, { name: 'x', port: 9, protocol: 'TCP' }],
    },
    { metadata: ns('web-v6', 5 * S), addressType: 'IPv6', endpoints: [ep('fd00::5')], ports: [{ name: '', port: 8080, protocol: 'TCP' }] },
    { metadata: ns('empty-xyz', 5 * S), addressType: 'IPv4', endpoints: [], ports: null },
  ];
  sameTable(printTable('endpointslices', slices, { now }), [
    'NAME         ADDRESSTYPE   PORTS                      ENDPOINTS                                      AGE',
    'kubernetes   IPv4          6443                       172.18.0.2                                     30d',
    'web-abc12    IPv4          80,metrics,* + 1 more...   10.244.0.5,10.244.0.6,10.244.0.7 + 2 more...   5m',
    'web-v6       IPv6          8080                       fd00::5                                        5s',
    'empty-xyz    IPv4          <unset>                    <unset>                                        5s',
  ]);
});
