// The API server's health endpoints (k8s.io/apiserver/pkg/server/healthz): /healthz, /livez and /readyz run their
// checks in the order a v1.32 kube-apiserver installs them (ping and log, the storage's, then each post-start hook
// as it was added, the aggregator's autoregister-completion, and for /readyz the shutdown check last); each check is
// also served alone at /<endpoint>/<name>. The simulated control plane passes every check.
import type { Ctx } from './request.js';
import { sendText } from './request.js';

/** The post-start hooks of kube-apiserver v1.32 with its default feature gates, in the order they are registered. */
const POST_START_HOOKS = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter',
  'storage-object-count-tracker-hook',
  'start-apiextensions-informers',
  'start-apiextensions-controllers',
  'crd-informer-synced',
  'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer',
  'bootstrap-controller',
  'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers',
  'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller',
  'apiservice-registration-controller',
  'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
];
/** the aggregator's boot-sequence check, added after its autoregistration hook */
const AFTER_AUTOREGISTRATION = ['autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'];

const hooks = POST_START_HOOKS.map((h) => `poststarthook/${h}`);

export const HEALTH_CHECKS: Record<string, string[]> = {
  healthz: ['ping', 'log', 'etcd', ...hooks, ...AFTER_AUTOREGISTRATION],
  livez: ['ping', 'log', 'etcd', ...hooks, ...AFTER_AUTOREGISTRATION],
  // etcd-readiness and informer-sync are readiness checks only; shutdown turns unready when the server drains
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...hooks, ...AFTER_AUTOREGISTRATION, 'shutdown'],
};

/**
 * Answer /healthz, /livez, /readyz (and one check below each); false when `path` is none of them (or names no check)
 * and the caller answers 404.
 */
export function serveHealth(ctx: Ctx, path: string): boolean {
  const [, endpoint, ...rest] = path.split('/');
  const checks = HEALTH_CHECKS[endpoint];
  if (!checks) return false;
  if (rest.length) {
    // adaptCheckToHandler: the check alone
    if (!checks.includes(rest.join('/'))) return false;
    sendText(ctx, 200, 'ok');
    return true;
  }
  // handleRootHealth
  const excluded = new Set(ctx.query.getAll('exclude'));
  let out = '';
  for (const name of checks) {
    if (excluded.delete(name)) out += `[+]${name} excluded: ok\n`;
    else out += `[+]${name} ok\n`;
  }
  if (excluded.size) out += `warn: some health checks cannot be excluded: no matches for ${[...excluded].sort().map((n) => JSON.stringify(n)).join(',')}\n`;
  if (!ctx.query.has('verbose')) {
    sendText(ctx, 200, 'ok');
    return true;
  }
  ctx.res.setHeader?.('X-Content-Type-Options', 'nosniff');
  sendText(ctx, 200, `${out}${endpoint} check passed\n`);
  return true;
}
