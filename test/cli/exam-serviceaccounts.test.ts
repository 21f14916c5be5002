// ServiceAccount tasks: a hand-made kubernetes.io/service-account-token Secret is filled in by the tokens
// controller (token, ca.crt, namespace, the account's uid) and listed under the account's Tokens; it goes
// with its account; a Deployment naming a missing account records the ServiceAccount admission plugin's
// Forbidden message, naming the pod by its generateName.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const TOKEN_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: build-token
  annotations:
    kubernetes.io/service-account.name: build
type: kubernetes.io/service-account-token
`;

test('a service-account-token Secret gets its token, CA and namespace, and goes with its account', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'sa', 'build']));
  ok(ks(home, ['apply', '-f', '-'], TOKEN_SECRET));
  assert.equal(ok(ks(home, ['get', 'secret'])),
    'NAME          TYPE                                  DATA   AGE\n' +
    'build-token   kubernetes.io/service-account-token   3      0s\n');
  const uid = ok(ks(home, ['get', 'sa', 'build', '-o', 'jsonpath={.metadata.uid}']));
  const describe = ok(ks(home, ['describe', 'secret', 'build-token']));
  assert.equal(describe.replace(/^token:.*$/m, 'token:      <jwt>'),
    'Name:         build-token\n' +
    'Namespace:    default\n' +
    'Labels:       <none>\n' +
    'Annotations:  kubernetes.io/service-account.name: build\n' +
    `              kubernetes.io/service-account.uid: ${uid}\n` +
    '\n' +
    'Type:  kubernetes.io/service-account-token\n' +
    '\n' +
    'Data\n' +
    '====\n' +
    'ca.crt:     379 bytes\n' +
    'namespace:  7 bytes\n' +
    'token:      <jwt>\n');
  const claims = JSON.parse(Buffer.from(/^token:\s+\S+?\.(\S+?)\./m.exec(describe)![1], 'base64url').toString());
  assert.equal(claims.sub, 'system:serviceaccount:default:build');
  assert.equal(claims['kubernetes.io/serviceaccount/secret.name'], 'build-token');
  assert.match(ok(ks(home, ['describe', 'sa', 'build'])), /\nTokens:              build-token\n/);
  // a token for an account that does not exist is deleted; so are an account's tokens when it goes
  ok(ks(home, ['apply', '-f', '-'], TOKEN_SECRET.replace(/build/g, 'ghost')));
  assert.equal(ok(ks(home, ['get', 'secrets', '-o', 'name'])), 'secret/build-token\n');
  ok(ks(home, ['delete', 'sa', 'build']));
  const none = ks(home, ['get', 'secrets']);
  assert.deepEqual([none.stdout, none.stderr], ['', 'No resources found in default namespace.\n']);
});

test('a Deployment naming a missing ServiceAccount: FailedCreate from ServiceAccount admission', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deploy', 'd2', '--image=nginx']));
  ok(ks(home, ['clock', 'advance', '3s']));
  assert.equal(ok(ks(home, ['set', 'sa', 'deploy', 'd2', 'missing'])), 'deployment.apps/d2 serviceaccount updated\n');
  ok(ks(home, ['clock', 'advance', '3s']));
  const rs = ok(ks(home, ['get', 'rs', '-o', 'name'])).trim().split('\n');
  const newRS = rs.find((r) => ok(ks(home, ['get', r, '-o', 'jsonpath={.spec.template.spec.serviceAccountName}'])) === 'missing')!;
  const name = newRS.replace('replicaset.apps/', '');
  assert.equal(ok(ks(home, ['get', 'events', '--field-selector', `involvedObject.name=${name},reason=FailedCreate`, '-o', 'jsonpath={.items[0].message}'])),
    `Error creating: pods "${name}-" is forbidden: error looking up service account default/missing: serviceaccount "missing" not found`);
  const run = ks(home, ['run', 'x', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"nope"}}']);
  assert.deepEqual([run.code, run.stderr], [1, 'Error from server (Forbidden): pods "x" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found\n']);
});
