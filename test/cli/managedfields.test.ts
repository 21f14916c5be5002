// metadata.managedFields as a v1.32 API server records them (kubectl's field managers, the controllers, the
// kubelet, the scale subresource), hidden from -o yaml|json unless --show-managed-fields; server-side apply.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster, webDeployment } from './helpers.js';

const DEP = (replicas: number, image = 'nginx:1.25') => webDeployment(image, replicas, '        ports:\n        - containerPort: 80\n');

function setup(): { home: string; file: (name: string, text: string) => string } {
  const home = pinnedCluster();
  const file = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  return { home, file };
}

const managed = (home: string, args: string[]) => JSON.parse(ok(ks(home, ['get', ...args, '-o', 'json', '--show-managed-fields']))).metadata.managedFields;

const CREATE_SET = {
  'f:spec': {
    'f:progressDeadlineSeconds': {}, 'f:revisionHistoryLimit': {}, 'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {},
            'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
            'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
          },
        },
        'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
      },
    },
  },
};

test('create, scale, label: one entry per manager, the scale entry without time, replicas moved to the scaler', () => {
  const { home, file } = setup();
  assert.equal(ok(ks(home, ['create', '-f', file('d.yaml', DEP(1))])), 'deployment.apps/web created\n');
  ok(ks(home, ['clock', 'advance', '10s']));
  assert.equal(ok(ks(home, ['scale', 'deploy', 'web', '--replicas=2'])), 'deployment.apps/web scaled\n');
  ok(ks(home, ['clock', 'advance', '10s']));
  assert.equal(ok(ks(home, ['label', 'deploy', 'web', 'tier=front'])), 'deployment.apps/web labeled\n');
  const mf = managed(home, ['deploy', 'web']);
  const mine = mf.filter((m: any) => m.manager !== 'kube-controller-manager');
  assert.deepEqual(mine, [
    { apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, manager: 'kubectl', operation: 'Update', subresource: 'scale' },
    { apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: CREATE_SET, manager: 'kubectl-create', operation: 'Update', time: '2030-01-01T00:00:00Z' },
    { apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } } }, manager: 'kubectl-label', operation: 'Update', time: '2030-01-01T00:00:20Z' },
  ]);
  const kcm = mf.find((m: any) => m.manager === 'kube-controller-manager');
  assert.equal(kcm.subresource, 'status');
  assert.deepEqual(Object.keys(kcm.fieldsV1['f:status']).sort(), ['f:availableReplicas', 'f:conditions', 'f:observedGeneration', 'f:readyReplicas', 'f:replicas', 'f:updatedReplicas']);
  // hidden by default, as kubectl's printers omit them
  assert.ok(!ok(ks(home, ['get', 'deploy', 'web', '-o', 'yaml'])).includes('managedFields'));
  assert.ok(!ok(ks(home, ['get', 'deploy', 'web', '-o', 'json'])).includes('managedFields'));
  assert.ok(ok(ks(home, ['get', 'deploy', 'web', '-o', 'yaml', '--show-managed-fields'])).includes('  managedFields:\n  - apiVersion: apps/v1\n'));
});

test('pods: the controller owns the template fields (not what admission added), the kubelet the status', () => {
  const { home, file } = setup();
  ok(ks(home, ['apply', '-f', file('d.yaml', DEP(1))]));
  ok(ks(home, ['clock', 'advance', '5s']));
  const pod = JSON.parse(ok(ks(home, ['get', 'pods', '-o', 'json', '--show-managed-fields']))).items[0];
  const [kcm, kubelet] = pod.metadata.managedFields;
  assert.equal(kcm.manager, 'kube-controller-manager');
  assert.equal(kcm.subresource, undefined);
  const spec = kcm.fieldsV1['f:spec'];
  assert.deepEqual(Object.keys(spec), ['f:containers', 'f:dnsPolicy', 'f:enableServiceLinks', 'f:restartPolicy', 'f:schedulerName', 'f:securityContext', 'f:terminationGracePeriodSeconds']);
  assert.deepEqual(Object.keys(kcm.fieldsV1['f:metadata']), ['f:generateName', 'f:labels', 'f:ownerReferences']);
  const owner = Object.entries(kcm.fieldsV1['f:metadata']['f:ownerReferences']);
  assert.equal(owner.length, 2);
  assert.deepEqual(owner[1][1], {}, 'an owner reference is owned whole');
  assert.equal(kubelet.manager, 'kubelet');
  assert.equal(kubelet.subresource, 'status');
  assert.deepEqual(Object.keys(kubelet.fieldsV1['f:status']), ['f:conditions', 'f:containerStatuses', 'f:hostIP', 'f:hostIPs', 'f:phase', 'f:podIP', 'f:podIPs', 'f:startTime']);
  assert.deepEqual(Object.keys(kubelet.fieldsV1['f:status']['f:conditions']), ['k:{"type":"ContainersReady"}', 'k:{"type":"Initialized"}', 'k:{"type":"PodReadyToStartContainers"}', 'k:{"type":"Ready"}']);
});

const HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

test('apply --server-side: conflict with the client-side applier, --force-conflicts takes the field', () => {
  const { home, file } = setup();
  const a = file('a.yaml', DEP(1));
  const b = file('b.yaml', DEP(3));
  assert.equal(ok(ks(home, ['apply', '-f', a])), 'deployment.apps/web created\n');
  const r = ks(home, ['apply', '--server-side', '-f', b]);
  assert.deepEqual(r, { stdout: '', stderr: `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas\n${HINT}`, code: 1 });
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])), '1', 'nothing changed');
  // the same values co-own without conflict
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', a])), 'deployment.apps/web serverside-applied\n');
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', b, '--force-conflicts', '--dry-run=server'])), 'deployment.apps/web serverside-applied (server dry run)\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])), '1', 'a dry run changes nothing');
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', b, '--force-conflicts'])), 'deployment.apps/web serverside-applied\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])), '3');
  const mf = managed(home, ['deploy', 'web']);
  const ssa = mf.find((m: any) => m.manager === 'kubectl');
  assert.deepEqual(ssa, {
    apiVersion: 'apps/v1', fieldsType: 'FieldsV1', manager: 'kubectl', operation: 'Apply', time: '2030-01-01T00:00:00Z',
    fieldsV1: {
      'f:spec': {
        'f:replicas': {}, 'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } } },
        },
      },
    },
  });
  assert.equal(mf[0].manager, 'kubectl', 'appliers first');
  const csa = mf.find((m: any) => m.manager === 'kubectl-client-side-apply');
  assert.equal(csa.fieldsV1['f:spec']['f:replicas'], undefined, 'the forced field changed hands');
});

test('apply --server-side: flag errors, a field no longer applied is removed, --field-manager', () => {
  const { home, file } = setup();
  const a = file('a.yaml', DEP(1));
  assert.deepEqual(ks(home, ['apply', '--server-side', '--dry-run=client', '-f', a]), { stdout: '', stderr: "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n", code: 1 });
  assert.deepEqual(ks(home, ['apply', '--force-conflicts', '-f', a]), { stdout: '', stderr: 'error: --force-conflicts only works with --server-side\n', code: 1 });
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', a])), 'deployment.apps/web serverside-applied\n');
  const withLabel = DEP(1).replace('  name: web\n', '  name: web\n  labels: {team: a}\n');
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', file('l.yaml', withLabel)])), 'deployment.apps/web serverside-applied\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels}'])), '{"team":"a"}');
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', a])), 'deployment.apps/web serverside-applied\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.labels}'])), '', 'the label it stopped applying is gone');
  // another manager owning a field with another value conflicts, named by its manager
  const r = ks(home, ['apply', '--server-side', '--field-manager=other', '-f', file('b.yaml', DEP(5))]);
  assert.equal(r.stderr.split('\n')[0], 'error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
  assert.equal(r.code, 1);
});
