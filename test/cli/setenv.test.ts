// kubectl set env against the cluster (outputs recorded from kubectl v1.32 against kubesim serve):
// --from=configmap|secret with --keys and --prefix (and the key-name warnings), --list, --resolve,
// NAME- removal, --overwrite=false, -c wildcards and the errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster, stateFile } from './helpers.js';

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: m}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
      - name: c
        image: i
        env:
        - {name: A, value: "1"}
        - {name: P, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: S, valueFrom: {secretKeyRef: {name: s1, key: k}}}
        - {name: C, valueFrom: {configMapKeyRef: {name: c1, key: k}}}
        - {name: R, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
      - {name: d, image: i}
`;

function setup(): string {
  const home = pinnedCluster();
  const f = path.join(home, 'm.yaml');
  fs.writeFileSync(f, DEP);
  ok(ks(home, ['apply', '-f', f]));
  ok(ks(home, ['create', 'cm', 'c1', '--from-literal=k=cv', '--from-literal=a-b=2']));
  ok(ks(home, ['create', 'secret', 'generic', 's1', '--from-literal=k=sv']));
  return home;
}

const env = (home: string, c = 0) => JSON.parse(ok(ks(home, ['get', 'deploy', 'm', '-o', `jsonpath={.spec.template.spec.containers[${c}].env}`])) || 'null');

test('set env --list shows references; --resolve reads them from the cluster', () => {
  const home = setup();
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '--list']), {
    stdout: '# Deployment m, container c\nA=1\n# P from field path metadata.name\n# S from secret s1, key k\n# C from configmap c1, key k\n# R from resource field limits.cpu\n# Deployment m, container d\n',
    stderr: '', code: 0,
  });
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '--list', '--resolve']), {
    stdout: '# Deployment m, container c\nA=1\nP=m\nS=sv\nC=cv\nR=0\n# Deployment m, container d\n', stderr: '', code: 0,
  });
  ok(ks(home, ['delete', 'cm', 'c1']));
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '--list', '--resolve', '-c', 'c']), {
    stdout: '# Deployment m, container c\nA=1\nP=m\nS=sv\n# C from configmap c1, key k\nR=0\n',
    stderr: 'error retrieving reference for C: configmaps "c1" not found\n', code: 0,
  });
});

test('set env --from=configmap --keys --prefix: references with converted names and their warnings', () => {
  const home = setup();
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '--from=configmap/c1', '--keys=a-b', '--prefix=Q_', '-c', 'd']), {
    stdout: 'deployment.apps/m env updated\n', stderr: 'Warning: key a-b transferred to A_B\n', code: 0,
  });
  assert.deepEqual(env(home, 1), [{ name: 'Q_A_B', valueFrom: { configMapKeyRef: { key: 'a-b', name: 'c1' } } }]);
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '--from=secret/s1', '-c', 'd', '-o', 'name']), { stdout: 'deployment.apps/m\n', stderr: 'Warning: key k transferred to K\n', code: 0 });
  assert.deepEqual(env(home, 1).map((e: any) => e.name), ['Q_A_B', 'K']);
  // removal, then removing again changes nothing and prints nothing
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', 'Q_A_B-', 'K-', '-c', 'd']), { stdout: 'deployment.apps/m env updated\n', stderr: '', code: 0 });
  assert.equal(env(home, 1), null);
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', 'K-']), { stdout: '', stderr: '', code: 0 });
});

test('set env: kubectl\'s errors, nothing changed', () => {
  const home = setup();
  const before = fs.readFileSync(stateFile(home), 'utf8');
  const cases: [string[], string][] = [
    [['deploy/m', '--overwrite=false', 'A=2'], "error: deployments/m 'A' already has a value (1), and --overwrite is false\n"],
    [['deploy/m', '--from=configmap/nope'], 'Error from server (NotFound): configmaps "nope" not found\n'],
    [['deploy/m', '--from=deploy/m'], 'error: unsupported resource specified in --from\n'],
    [['deploy/m', '--keys=k'], 'error: when specifying --keys, a configmap or secret must be provided with --from\n'],
    [['deploy/m', 'A=1', 'deploy/x'], 'error: all resources must be specified before environment changes: deploy/m A=1 deploy/x\n'],
    [['deploy/m', 'A=1', 'A-'], 'error: can not both modify and remove the same environment variable in the same command\n'],
    [['deploy/m', '--list', '-o', 'yaml'], 'error: --list and --output may not be specified together\n'],
    [['deploy', '--all', '-l', 'a=b', 'X=1'], 'error: cannot set --all and --selector at the same time\n'],
    [['A=1'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    [['svc/kubernetes', 'A=1'], 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n'],
  ];
  for (const [args, stderr] of cases) assert.deepEqual(ks(home, ['set', 'env', ...args]), { stdout: '', stderr, code: 1 }, args.join(' '));
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  assert.deepEqual(ks(home, ['set', 'env', 'deploy/m', '-c', 'nope', 'A=2']), { stdout: '', stderr: 'Warning: Deployment/m does not have any containers matching "nope"\n', code: 0 });
});
