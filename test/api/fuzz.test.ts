// A fuzz of the decode and write path (issue: hardening): a few thousand manifests mutated from
// ordinary ones (wrong types, missing and unknown fields, control characters, odd numbers, deep
// nesting, truncation) go through kubectl's decoding and the API server's create. Every failure must
// be one of the typed errors the CLI renders as kubectl does (never a TypeError, RangeError or a
// hang), and a failed create must store nothing. The inputs come from a fixed seed, so a failure
// names an input that can be replayed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { Cluster } from '../../src/store/cluster.js';
import { newClusterState } from '../../src/sim/bootstrap.js';
import { createObject } from '../../src/server/registry.js';
import { resourceForKind } from '../../src/api/resources.js';
import { parseManifestText } from '../../src/api/decode.js';
import { RawError, StatusError, UserError } from '../../src/api/errors.js';

const SEEDS: any[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi'], env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/v' }] }], volumes: [{ name: 'v', emptyDir: {} }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b', 'c.txt': 'hello' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, type: 'Opaque', data: { a: 'YWJj' }, stringData: { b: 'x' } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 3, parallelism: 2, backoffLimit: 4, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'ing' }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'st' }, spec: { serviceName: 'st', replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'c', image: 'nginx' }] } } } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } } }], ports: [{ port: 80 }] }] } },
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.cpu': '2' } } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { a: 'b' } } } },
];

/** A small LCG: the same inputs every run. */
function rng(seed: number) {
  let x = seed >>> 0;
  const next = () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 4294967296; };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: T[]): T => a[Math.floor(next() * a.length)] };
}
type R = ReturnType<typeof rng>;

const ODD_VALUES: (r: R) => any = (r) => r.pick<any>([
  null, true, false, 0, -1, 2147483648, 1e309 > 0 ? 1e300 : 0, 1.5, -0.0001, '', ' ', 'a'.repeat(300), 'UPPER_case', '-x-', '0x10', 'e1', '\u0000', '\u0007bell', 'é', '🚀',
  [], [1, 'a'], {}, { a: { b: { c: [] } } }, '1e3', '100m', 'Always', '*/1 * * * *', '999999999Gi', 'TCP', '../etc', 'a/b', 'ns:name',
]);

function paths(v: any, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out);
  return out;
}

function mutate(obj: any, r: R): any {
  const o = JSON.parse(JSON.stringify(obj));
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const ps = paths(o).filter((p) => p.length > 0);
    const p = r.pick(ps);
    let parent = o;
    for (const k of p.slice(0, -1)) parent = parent[k as any];
    const last = p[p.length - 1];
    if (parent === null || typeof parent !== 'object') continue;
    switch (r.int(5)) {
      case 0: if (Array.isArray(parent)) parent.splice(last as number, 1); else delete parent[last]; break;
      case 1: parent[last] = ODD_VALUES(r); break;
      case 2: if (!Array.isArray(parent)) parent[r.pick(['extra', 'Spec', 'status', 'x-y', ''])] = ODD_VALUES(r); break;
      case 3: { let deep: any = 'leaf'; for (let d = 0; d < 50 + r.int(400); d++) deep = r.int(2) ? [deep] : { k: deep }; parent[last] = deep; break; }
      case 4: parent[last] = typeof parent[last] === 'string' ? parent[last] + r.pick(['\u0001', '\t', '\n', '"', "'", ': x', '#', '&a', '*a', '{', '[']) : String(parent[last]); break;
    }
  }
  return o;
}

function text(o: any, r: R): string {
  let t = r.int(3) === 0 ? JSON.stringify(o) : stringify(o);
  switch (r.int(8)) {
    case 0: t = t.slice(0, r.int(t.length)); break; // truncated
    case 1: { const at = r.int(t.length); t = t.slice(0, at) + r.pick(['\u0000', '\t', ': ', '- ', '---\n', '&x ', '*x', '!!binary ', '%YAML 1.2\n', '\r\n', '{{', ']]']) + t.slice(at); break; }
    case 2: t = `${t}\n---\n${t}`; break;
  }
  return t;
}

const TYPED = (e: unknown) => e instanceof UserError || e instanceof StatusError || e instanceof RawError;

test('3,000 fuzzed manifests: only typed errors, nothing stored on failure, no slow input', () => {
  const r = rng(20261203);
  const cluster = new Cluster(newClusterState('fuzz'));
  let decoded = 0; let created = 0; let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const seed = SEEDS[i % SEEDS.length];
    const manifest = text(mutate(seed, r), r);
    const t0 = Date.now();
    let objs: any[] = [];
    try {
      objs = parseManifestText(manifest, 'fuzz.yaml', { validate: false });
      decoded++;
    } catch (e) {
      assert.ok(TYPED(e), `input ${i}: decoding threw ${(e as Error)?.stack}\n--- input ---\n${manifest}`);
      continue;
    }
    for (const o of objs) {
      const info = typeof o?.apiVersion === 'string' && typeof o?.kind === 'string' ? resourceForKind(o.apiVersion, o.kind) : undefined;
      if (!info) continue;
      const rv = cluster.state.resourceVersion;
      try {
        createObject(cluster, info, o, { ns: 'default' });
        created++;
        // keep the cluster small and names free for the next inputs
        const stored = cluster.list((info as any).storage ?? info.resource, info.namespaced ? 'default' : undefined).find((x) => x.metadata?.name === (o.metadata?.name ?? ''));
        if (stored) cluster.remove((info as any).storage ?? info.resource, stored.metadata?.namespace, stored.metadata!.name!);
      } catch (e) {
        assert.ok(TYPED(e), `input ${i}: create threw ${(e as Error)?.stack}\n--- input ---\n${manifest}`);
        assert.equal(cluster.state.resourceVersion, rv, `input ${i}: a refused create changed the cluster`);
        refused++;
      }
    }
    assert.ok(Date.now() - t0 < 2000, `input ${i} took ${Date.now() - t0} ms`);
  }
  // the fuzz reaches every stage: some inputs fail to decode, some are refused, some are stored
  assert.ok(decoded > 1000 && created > 100 && refused > 300, `decoded ${decoded}, created ${created}, refused ${refused}`);
});
