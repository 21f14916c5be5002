// NetworkPolicy tasks verified the exam's way (kubectl exec ... wget -T): a policy selecting the db pods
// for Ingress lets only the allowed peers through; others' packets are dropped and busybox wget's -T alarm
// fires ("download timed out"); an Egress deny-all also cuts the pod off the cluster DNS ("bad address").
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const ALLOW_FRONTEND = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-allow-frontend}
spec:
  podSelector: {matchLabels: {role: db}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {role: frontend}}
    ports:
    - {protocol: TCP, port: 80}
`;

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec:
  podSelector: {matchLabels: {role: frontend}}
  policyTypes: [Egress]
`;

const ALLOW_DNS_AND_DB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns-db}
spec:
  podSelector: {matchLabels: {role: frontend}}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {}
    ports:
    - {protocol: UDP, port: 53}
  - to:
    - podSelector: {matchLabels: {role: db}}
    ports:
    - {protocol: TCP, port: 80}
`;

function cluster(): string {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'db', '--image=nginx', '-l', 'role=db', '--port=80', '--expose']));
  ok(ks(home, ['run', 'frontend', '--image=busybox', '-l', 'role=frontend', '--', 'sleep', '3600']));
  ok(ks(home, ['run', 'other', '--image=busybox', '--', 'sleep', '3600']));
  ok(ks(home, ['clock', 'advance', '3s']));
  return home;
}

const TIMED_OUT = 'wget: download timed out\ncommand terminated with exit code 1\n';

test('an Ingress policy: the allowed peer gets through, another pod times out (by Service and by pod IP)', () => {
  const home = cluster();
  assert.match(ok(ks(home, ['exec', 'other', '--', 'wget', '-qO-', '-T', '2', 'http://db'])), /<title>Welcome to nginx!<\/title>/);
  ok(ks(home, ['apply', '-f', '-'], ALLOW_FRONTEND));
  assert.match(ok(ks(home, ['exec', 'frontend', '--', 'wget', '-qO-', '-T', '2', 'http://db'])), /<title>Welcome to nginx!<\/title>/);
  const denied = ks(home, ['exec', 'other', '--', 'wget', '-O-', '-T', '2', 'http://db']);
  assert.deepEqual([denied.code, denied.stdout, denied.stderr], [1, '', 'Connecting to db (10.96.0.11:80)\n' + TIMED_OUT]);
  const byIP = ks(home, ['exec', 'other', '--', 'wget', '-qO-', '-T', '2', 'http://10.244.0.2']);
  assert.deepEqual([byIP.code, byIP.stderr], [1, TIMED_OUT]);
});

test('an Egress deny-all cuts DNS; allowing port 53 and the db brings the name and the page back', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], DENY_EGRESS));
  const byName = ks(home, ['exec', 'frontend', '--', 'wget', '-qO-', '-T', '2', 'http://db']);
  assert.deepEqual([byName.code, byName.stderr], [1, "wget: bad address 'db'\ncommand terminated with exit code 1\n"]);
  const byIP = ks(home, ['exec', 'frontend', '--', 'wget', '-qO-', '-T', '2', 'http://10.96.0.11']);
  assert.deepEqual([byIP.code, byIP.stderr], [1, TIMED_OUT]);
  ok(ks(home, ['delete', 'netpol', 'deny-egress']));
  ok(ks(home, ['apply', '-f', '-'], ALLOW_DNS_AND_DB));
  assert.match(ok(ks(home, ['exec', 'frontend', '--', 'wget', '-qO-', '-T', '2', 'http://db'])), /<title>Welcome to nginx!<\/title>/);
});

test('curl -m / --connect-timeout against a dropped connection: curl (28) after that long', () => {
  const home = cluster();
  ok(ks(home, ['run', 'curler', '--image=curlimages/curl', '--', 'sleep', '3600']));
  ok(ks(home, ['clock', 'advance', '3s']));
  ok(ks(home, ['apply', '-f', '-'], ALLOW_FRONTEND));
  const quiet = ks(home, ['exec', 'curler', '--', 'curl', '-s', '-m', '2', 'http://db']);
  assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [28, '', 'command terminated with exit code 28\n']);
  const shown = ks(home, ['exec', 'curler', '--', 'curl', '-sS', '--connect-timeout', '3', '-m', '5', 'http://db']);
  assert.deepEqual([shown.code, shown.stderr], [28, 'curl: (28) Connection timed out after 3001 milliseconds\ncommand terminated with exit code 28\n']);
});
