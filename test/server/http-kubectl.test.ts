// The installed real kubectl (v1.32) against `kubesim serve`: the docs' story. Skipped when kubectl is
// not on PATH (CI); the fetch tests in http-api.test.ts cover the API everywhere. kubectl sends a bearer
// token only over https: the server runs with --tls and the kubeconfig --write-kubeconfig wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, ks, ksAsync, pinnedCluster } from '../cli/helpers.js';
import { serve, type Served } from './http-helpers.js';

const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_KUBECTL ? false : 'kubectl is not on PATH';

let s: Served;
before(async () => { if (HAVE_KUBECTL) s = await serve({ home: pinnedCluster(), auth: true, tls: true }); });
after(async () => { await s?.stop(); });

function kenv(): NodeJS.ProcessEnv {
  // the discovery cache goes to the temp home, and only the server's kubeconfig is read
  return { ...process.env, HOME: s.home, KUBECONFIG: path.join(s.home, 'serve-kubeconfig'), KUBESIM_HOME: s.home };
}

function kubectl(args: string[]): { stdout: string; stderr: string; code: number } {
  const r = spawnSync('kubectl', args, { env: kenv(), cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

function ok(args: string[]): string {
  const r = kubectl(args);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** kubectl describe ages events by its own wall clock (the pinned cluster is in 2030): ages aside. */
function agesAside(text: string): string {
  return text.replace(/ {2,}/g, '  ').replace(/ (<invalid>|<unknown>|\d+[smhd][\dsmhd]*|\d+[smhd] \(x\d+ over \S+\)) /g, ' AGE ');
}

function same(args: string[], norm: (s: string) => string = (x) => x): void {
  const k = ok(args);
  const mine = ks(s.home, args);
  assert.equal(mine.code, 0, mine.stderr);
  assert.equal(norm(k), norm(mine.stdout), `kubectl ${args.join(' ')}`);
}

test('the docs story with real kubectl: apply, get, describe, set image, rollout, scale, annotate, get -w, delete', { skip }, async () => {
  assert.equal(ok(['apply', '-f', 'manifests/nginx-deployment.yaml']), 'deployment.apps/nginx-deployment created\n');
  // the pinned clock: kubesim prints the same ages
  same(['get', 'deploy']);
  same(['get', 'deploy', '-o', 'wide']);
  same(['get', 'rs,pods']);
  same(['describe', 'deploy', 'nginx-deployment'], agesAside);
  assert.equal(ok(['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1']), 'deployment.apps/nginx-deployment image updated\n');
  // manual clock: kubectl's watch sees the rollout when `kubesim clock advance` moves it
  const status = new Promise<{ stdout: string; code: number }>((resolve) => {
    const p = spawn('kubectl', ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=30s'], { env: kenv(), cwd: ROOT });
    let stdout = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.on('close', (code) => resolve({ stdout, code: code ?? -1 }));
  });
  await new Promise((r) => setTimeout(r, 500));
  const adv = await ksAsync(s.home, ['clock', 'advance', '2m']);
  assert.equal(adv.code, 0, adv.stderr);
  const st = await status;
  assert.equal(st.code, 0);
  assert.match(st.stdout, /deployment "nginx-deployment" successfully rolled out\n$/);
  same(['rollout', 'history', 'deployment/nginx-deployment']);
  assert.equal(ok(['rollout', 'undo', 'deployment/nginx-deployment']), 'deployment.apps/nginx-deployment rolled back\n');
  assert.equal(ok(['scale', 'deployment/nginx-deployment', '--replicas=2']), 'deployment.apps/nginx-deployment scaled\n');
  assert.equal(ok(['annotate', 'deployment/nginx-deployment', 'kubernetes.io/change-cause=demo']), 'deployment.apps/nginx-deployment annotated\n');
  await ksAsync(s.home, ['clock', 'advance', '2m']);
  same(['get', 'deploy,rs']);
  same(['rollout', 'history', 'deployment/nginx-deployment']);
  // get -w: the list, then what changes while it watches
  const watch = spawn('kubectl', ['get', 'deploy', '-w'], { env: kenv(), cwd: ROOT });
  let wout = '';
  watch.stdout.on('data', (d) => (wout += d));
  await new Promise((r) => setTimeout(r, 700));
  ok(['scale', 'deployment/nginx-deployment', '--replicas=3']);
  await new Promise((r) => setTimeout(r, 700));
  watch.kill('SIGTERM');
  const lines = wout.trim().split('\n');
  assert.match(lines[0], /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  assert.ok(lines.length >= 3, wout);
  assert.equal(ok(['delete', 'deployment', 'nginx-deployment']), 'deployment.apps "nginx-deployment" deleted\n');
  const gone = kubectl(['get', 'deploy', 'nginx-deployment']);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr, 'Error from server (NotFound): deployments.apps "nginx-deployment" not found\n');
});

test('explain, api-resources and diff read the served discovery and OpenAPI', { skip }, () => {
  assert.match(ok(['explain', 'deployment.spec.replicas']), /^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: replicas <integer>/);
  assert.match(ok(['api-resources']), /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
  ok(['apply', '-f', 'manifests/nginx-deployment.yaml']);
  assert.equal(kubectl(['diff', '-f', 'manifests/nginx-deployment.yaml']).code, 0);
  ok(['delete', '-f', 'manifests/nginx-deployment.yaml']);
});

test("kubectl's typed generators send protobuf bodies: create deployment, job, cronjob, service, secret, configmap", { skip }, () => {
  assert.equal(ok(['create', 'deployment', 'pb', '--image=nginx']), 'deployment.apps/pb created\n');
  assert.equal(ok(['create', 'job', 'pbj', '--image=busybox', '--', 'true']), 'job.batch/pbj created\n');
  assert.equal(ok(['create', 'cronjob', 'pbc', '--image=busybox', '--schedule=*/5 * * * *']), 'cronjob.batch/pbc created\n');
  assert.equal(ok(['create', 'service', 'clusterip', 'pbs', '--tcp=80:8080']), 'service/pbs created\n');
  assert.equal(ok(['create', 'secret', 'generic', 'pbsec', '--from-literal=a=b']), 'secret/pbsec created\n');
  assert.equal(ok(['create', 'configmap', 'pbcm', '--from-literal=a=b']), 'configmap/pbcm created\n');
  same(['get', 'deploy', 'pb', '-o', 'yaml']);
  ok(['delete', 'deploy/pb', 'job/pbj', 'cronjob/pbc', 'svc/pbs', 'secret/pbsec', 'cm/pbcm']);
});

test('a service-account token from `kubectl create token`: RBAC decides, with the API server words', { skip }, () => {
  const token = ok(['create', 'token', 'default', '--duration=10m']).trim();
  const r = kubectl(['get', 'pods', `--token=${token}`]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n');
  const can = kubectl(['auth', 'can-i', 'list', 'pods', `--token=${token}`]);
  assert.equal(can.stdout, 'no\n');
  assert.equal(ok(['auth', 'can-i', 'list', 'pods']), 'yes\n');
  assert.match(ok(['auth', 'whoami', `--token=${token}`]), /Username\s+system:serviceaccount:default:default/);
});
