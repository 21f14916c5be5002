// A DaemonSet across 3 nodes: one pod per node, an image rollout one node at a time (maxUnavailable
// 1: the old pod goes, then its replacement comes), `rollout status|history|undo` with kubectl's
// messages and ControllerRevisions named <ds>-<pod template hash>.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, tempHome } from './helpers.js';

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
      - name: fluentd
        image: nginx:1.14.2
`;

function threeNodes(): string {
  const home = tempHome();
  for (const a of [['cluster', 'create', 'default', '--nodes', '3'], ['clock', 'set-mode', 'manual'], ['clock', 'set', '2030-01-01T00:00:00Z']]) ok(ks(home, a));
  return home;
}

test('DaemonSet image rollout and undo across 3 nodes', () => {
  const home = threeNodes();
  assert.equal(ok(ks(home, ['apply', '-f', '-'], DS)), 'daemonset.apps/fluentd created\n');
  assert.equal(ok(ks(home, ['rollout', 'status', 'ds/fluentd'])),
    'Waiting for daemon set "fluentd" rollout to finish: 0 of 3 updated pods are available...\n' +
    'daemon set "fluentd" successfully rolled out\n');
  assert.equal(ok(ks(home, ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,HASH:.metadata.labels.controller-revision-hash,GEN:.metadata.labels.pod-template-generation'])),
    'NAME            NODE     HASH         GEN\n' +
    'fluentd-8mw2m   node-3   57f744d4c7   1\n' +
    'fluentd-pnx9k   node-1   57f744d4c7   1\n' +
    'fluentd-snjgf   node-2   57f744d4c7   1\n');
  assert.equal(ok(ks(home, ['rollout', 'history', 'daemonset/fluentd'])), 'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');

  ok(ks(home, ['set', 'image', 'ds/fluentd', 'fluentd=nginx:1.16.1']));
  assert.equal(ok(ks(home, ['rollout', 'status', 'ds/fluentd'])),
    'Waiting for daemon set "fluentd" rollout to finish: 0 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 2 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 2 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 2 of 3 updated pods are available...\n' +
    'daemon set "fluentd" successfully rolled out\n');
  assert.equal(ok(ks(home, ['get', 'controllerrevisions'])),
    'NAME                 CONTROLLER               REVISION   AGE\n' +
    'fluentd-57f744d4c7   daemonset.apps/fluentd   1          9s\n' +
    'fluentd-64cb7fbfbd   daemonset.apps/fluentd   2          8s\n');
  assert.equal(ok(ks(home, ['rollout', 'history', 'ds/fluentd'])), 'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  assert.match(ok(ks(home, ['rollout', 'history', 'ds/fluentd', '--revision=2'])), /^daemonset.apps\/fluentd with revision #2\nPod Template:\n  Labels:\tapp=fluentd\n  Containers:\n   fluentd:\n    Image:\tnginx:1.16.1\n/);

  assert.equal(ok(ks(home, ['rollout', 'undo', 'ds/fluentd'])), 'daemonset.apps/fluentd rolled back\n');
  ok(ks(home, ['rollout', 'status', 'ds/fluentd']));
  // revision 1 comes back as revision 3
  assert.equal(ok(ks(home, ['rollout', 'history', 'ds/fluentd'])), 'daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  assert.equal(ok(ks(home, ['get', 'controllerrevisions', '-o', 'custom-columns=NAME:.metadata.name,REV:.revision'])),
    'NAME                 REV\nfluentd-57f744d4c7   3\nfluentd-64cb7fbfbd   2\n');
  assert.equal(ok(ks(home, ['rollout', 'undo', 'ds/fluentd', '--to-revision=3'])), 'daemonset.apps/fluentd skipped rollback (current template already matches revision 3)\n');
  assert.deepEqual(ks(home, ['rollout', 'undo', 'ds/fluentd', '--to-revision=7']), { stdout: '', stderr: 'error: unable to find specified revision 7 in history\n', code: 1 });
  assert.deepEqual(ks(home, ['rollout', 'pause', 'ds/fluentd']), { stdout: '', stderr: 'error: daemonsets.apps "fluentd" pausing is not supported\n', code: 1 });

  const ev = ok(ks(home, ['get', 'events', '--field-selector', 'involvedObject.kind=DaemonSet', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message']));
  assert.equal(ev,
    'REASON             MESSAGE\n' +
    'SuccessfulCreate   Created pod: fluentd-pnx9k\n' +
    'SuccessfulCreate   Created pod: fluentd-snjgf\n' +
    'SuccessfulCreate   Created pod: fluentd-8mw2m\n' +
    'SuccessfulDelete   Deleted pod: fluentd-pnx9k\n' +
    'SuccessfulCreate   Created pod: fluentd-75xk6\n' +
    'SuccessfulDelete   Deleted pod: fluentd-snjgf\n' +
    'SuccessfulCreate   Created pod: fluentd-p2pqm\n' +
    'SuccessfulDelete   Deleted pod: fluentd-8mw2m\n' +
    'SuccessfulCreate   Created pod: fluentd-v4n9r\n' +
    'SuccessfulDelete   Deleted pod: fluentd-75xk6\n' +
    'SuccessfulCreate   Created pod: fluentd-wcdcz\n' +
    'SuccessfulDelete   Deleted pod: fluentd-p2pqm\n' +
    'SuccessfulCreate   Created pod: fluentd-bpvjx\n' +
    'SuccessfulDelete   Deleted pod: fluentd-v4n9r\n' +
    'SuccessfulCreate   Created pod: fluentd-pz4lz\n');
});

test('DaemonSet pods follow nodes: a NoExecute taint removes the pod of its node, removing the taint brings one back', () => {
  const home = threeNodes();
  ok(ks(home, ['apply', '-f', '-'], DS));
  ok(ks(home, ['rollout', 'status', 'ds/fluentd']));
  ok(ks(home, ['patch', 'node', 'node-2', '-p', '{"spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoExecute"}]}}']));
  ok(ks(home, ['clock', 'advance', '1m']));
  assert.equal(ok(ks(home, ['get', 'ds'])),
    'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
    'fluentd   2         2         2       2            2           <none>          61s\n');
  ok(ks(home, ['patch', 'node', 'node-2', '--type=json', '-p', '[{"op":"remove","path":"/spec/taints"}]']));
  ok(ks(home, ['clock', 'advance', '1m']));
  assert.match(ok(ks(home, ['get', 'ds'])), /fluentd   3         3         3       3            3 /);
});

test('DaemonSet surge rollout: the new pod comes up beside the old one, which goes once it is available', () => {
  const home = threeNodes();
  ok(ks(home, ['apply', '-f', '-'], DS.replace('spec:\n  selector', 'spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n  selector')));
  ok(ks(home, ['rollout', 'status', 'ds/fluentd']));
  ok(ks(home, ['set', 'image', 'ds/fluentd', 'fluentd=nginx:1.16.1']));
  assert.equal(ok(ks(home, ['rollout', 'status', 'ds/fluentd'])),
    'Waiting for daemon set "fluentd" rollout to finish: 0 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 1 out of 3 new pods have been updated...\n' +
    'Waiting for daemon set "fluentd" rollout to finish: 2 out of 3 new pods have been updated...\n' +
    'daemon set "fluentd" successfully rolled out\n');
  assert.equal(ok(ks(home, ['get', 'events', '--field-selector', 'involvedObject.kind=DaemonSet', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message'])),
    'REASON             MESSAGE\n' +
    'SuccessfulCreate   Created pod: fluentd-pnx9k\n' +
    'SuccessfulCreate   Created pod: fluentd-snjgf\n' +
    'SuccessfulCreate   Created pod: fluentd-8mw2m\n' +
    'SuccessfulCreate   Created pod: fluentd-6wf8w\n' +
    'SuccessfulDelete   Deleted pod: fluentd-pnx9k\n' +
    'SuccessfulCreate   Created pod: fluentd-4pclf\n' +
    'SuccessfulDelete   Deleted pod: fluentd-snjgf\n' +
    'SuccessfulCreate   Created pod: fluentd-5v4l6\n' +
    'SuccessfulDelete   Deleted pod: fluentd-8mw2m\n');
});
