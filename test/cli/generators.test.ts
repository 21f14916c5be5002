// The generator commands end to end where kubectl cannot be the oracle offline: create token's
// JWT, -h, run's attach flags, real creations and the API server's errors they wrap.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster } from './helpers.js';

function claims(token: string): any {
  const parts = token.split('.');
  assert.equal(parts.length, 3, token);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

test('create token: a JWT for the service account, no newline on a pipe', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'serviceaccount', 'bot']));
  const out = ok(ks(home, ['create', 'token', 'bot']));
  assert.ok(!out.endsWith('\n'));
  const c = claims(out);
  assert.equal(c.sub, 'system:serviceaccount:default:bot');
  assert.deepEqual(c.aud, ['https://kubernetes.default.svc.cluster.local']);
  assert.equal(c.exp - c.iat, 3600);
  assert.equal(c.iat, Date.parse('2030-01-01T00:00:00Z') / 1000);
  const uid = ok(ks(home, ['get', 'sa', 'bot', '-o', 'jsonpath={.metadata.uid}']));
  assert.equal(c['kubernetes.io'].serviceaccount.uid, uid);

  const short = claims(ok(ks(home, ['create', 'token', 'bot', '--duration=10m', '--audience=api', '--audience=vault'])));
  assert.equal(short.exp - short.iat, 600);
  assert.deepEqual(short.aud, ['api', 'vault']);
  // every namespace's `default` account, kept by the serviceaccount controller
  assert.equal(claims(ok(ks(home, ['create', 'token', 'default', '-n', 'kube-system']))).sub, 'system:serviceaccount:kube-system:default');
  assert.deepEqual(ks(home, ['create', 'token', 'ghost']), { stdout: '', stderr: 'error: failed to create token: serviceaccounts "ghost" not found\n', code: 1 });
});

test('create token: the API server\'s own token (kubesim serve accepts it, RBAC decides), bound objects checked as the API server checks them', async () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'serviceaccount', 'bot']));
  ok(ks(home, ['run', 'p', '--image=busybox', '--overrides={"spec":{"serviceAccountName":"bot"}}', '--', 'sleep', '3600']));
  const token = ok(ks(home, ['create', 'token', 'bot']));
  const bound = ok(ks(home, ['create', 'token', 'bot', '--bound-object-kind=Pod', '--bound-object-name=p']));
  const podUid = ok(ks(home, ['get', 'pod', 'p', '-o', 'jsonpath={.metadata.uid}']));
  assert.deepEqual(claims(bound)['kubernetes.io'].pod, { name: 'p', uid: podUid });
  const fail = (args: string[], message: string) => assert.deepEqual(ks(home, ['create', 'token', ...args]), { stdout: '', stderr: `error: failed to create token: ${message}\n`, code: 1 });
  fail(['bot', '--bound-object-kind=Pod', '--bound-object-name=nope'], 'pods "nope" not found');
  fail(['default', '--bound-object-kind=Pod', '--bound-object-name=p'], 'cannot bind token for serviceaccount "default" to pod running with different serviceaccount name.');
  fail(['bot', '--bound-object-kind=Pod', '--bound-object-name=p', '--bound-object-uid=abc'], 'Operation cannot be fulfilled on Pod "p": the UID in the bound object reference (abc) does not match the UID in record. The object might have been deleted and then recreated');
  fail(['bot', '--bound-object-kind=Secret', '--bound-object-name=s'], 'secrets "s" not found');
  const s = ks(home, ['serve', '--background', '--port', '0']);
  assert.equal(s.code, 0, s.stderr);
  const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  const get = async (p: string, t: string) => {
    const r = await fetch(url + p, { headers: { authorization: `Bearer ${t}` } });
    return [r.status, (await r.json()).message];
  };
  try {
    assert.deepEqual((await get('/apis', token))[0], 200);
    assert.deepEqual(await get('/api/v1/namespaces/default/pods', token), [403, 'pods is forbidden: User "system:serviceaccount:default:bot" cannot list resource "pods" in API group "" in the namespace "default"']);
    assert.deepEqual(await get('/api/v1/namespaces/default/pods', 'x.y.z'), [401, 'Unauthorized']);
    assert.deepEqual((await get('/apis', bound))[0], 200);
    // a bound token ends with its pod
    assert.equal(ks(home, ['delete', 'pod', 'p', '--grace-period=0', '--force']).code, 0);
    assert.deepEqual(await get('/apis', bound), [401, 'Unauthorized']);
    assert.deepEqual((await get('/apis', token))[0], 200);
  } finally {
    ks(home, ['serve', 'stop']);
  }
});

test('-h: kubectl\'s usage line and flags with their defaults, exit 0', () => {
  const home = pinnedCluster();
  const h = ok(ks(home, ['create', 'deployment', '-h']));
  assert.match(h, /\nUsage:\n {2}kubectl create deployment NAME --image=image -- \[COMMAND\] \[args\.\.\.\] \[options\]\n/);
  assert.match(h, /\n {4}-r, --replicas=1:\n/);
  assert.match(h, /\n {4}--image=\[\]:\n/);
  assert.match(ok(ks(home, ['run', '--help'])), /\n {4}--restart='Always':\n/);
  assert.match(ok(ks(home, ['expose', '-h'])), /\n {2}kubectl expose \(-f FILENAME \| TYPE NAME\)/);
  assert.match(ok(ks(home, ['create', 'secret', 'tls', '-h'])), /--cert='':/);
  // nothing was created
  assert.equal(ks(home, ['get', 'deployments']).stdout, '');
});

test('create deployment with a command after --, -r, then the API server\'s answers', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['create', 'deployment', 'web', '--image=busybox', '-r', '2', '--', 'sleep', '3600'])), 'deployment.apps/web created\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].command}'])), '2 ["sleep","3600"]');
  assert.deepEqual(ks(home, ['create', 'deployment', 'web', '--image=nginx']), {
    stdout: '', stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', code: 1,
  });
  const bad = ks(home, ['create', 'deployment', 'my_app', '--image=nginx']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: failed to create deployment: Deployment\.apps "my_app" is invalid: metadata\.name: Invalid value: "my_app": a lowercase RFC 1123 subdomain/);
  assert.deepEqual(ks(home, ['create', 'configmap', 'c', '-n', 'nowhere']), {
    stdout: '', stderr: 'error: failed to create configmap: namespaces "nowhere" not found\n', code: 1,
  });
});

test('run -i -t --rm: created, then removed again (attaching is not simulated)', () => {
  const home = pinnedCluster();
  const r = ks(home, ['run', 't', '--image=busybox', '-i', '-t', '--rm', '--restart=Never', '--', 'sh']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'pod "t" deleted\n');
  assert.equal(ks(home, ['get', 'pod', 't']).code, 1);
  const kept = ks(home, ['run', 'u', '--image=busybox', '-i', '--restart=Never', '--', 'echo', 'hi']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.equal(ok(ks(home, ['get', 'pod', 'u', '-o', 'jsonpath={.spec.containers[0].stdin} {.spec.containers[0].args}'])), 'true ["echo","hi"]');
});

test('expose and run --expose create real Services', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx', '--port=80']));
  assert.equal(ok(ks(home, ['expose', 'deployment', 'web', '--port=8080', '--target-port=80'])), 'service/web exposed\n');
  assert.equal(ok(ks(home, ['get', 'svc', 'web', '-o', 'jsonpath={.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.clusterIP}'])), 'web 8080 80 10.96.0.11');
  assert.equal(ok(ks(home, ['run', 'nginx', '--image=nginx', '--port=80', '--expose'])), 'service/nginx created\npod/nginx created\n');
  assert.equal(ok(ks(home, ['get', 'svc', 'nginx', '-o', 'jsonpath={.spec.selector.run}'])), 'nginx');
});
