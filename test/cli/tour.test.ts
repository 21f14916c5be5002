// `kubesim tour` plays the docs' walkthrough in realtime on a scratch cluster it removes afterwards.
// Realtime rows vary with timing, so this checks the commands, their order and the story's key lines.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

test('tour --speed 100: every step typed in order, the story\'s outcomes, no colour when piped, cluster removed', () => {
  const home = tempHome();
  const r = ks(home, ['tour', '--speed', '100']);
  assert.equal(r.code, 0);
  assert.ok(!r.stdout.includes('\x1b'), 'no ANSI codes when stdout is not a TTY');
  const typed = r.stdout.split('\n').filter((l) => l.startsWith('$ '));
  assert.deepEqual(typed, [
    '$ kubectl apply -f manifests/nginx-deployment.yaml',
    '$ kubectl get deployments',
    '$ kubectl rollout status deployment/nginx-deployment',
    '$ kubectl get rs',
    '$ kubectl get pods --show-labels',
    '$ kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1',
    '$ kubectl rollout status deployment/nginx-deployment',
    '$ kubectl get rs',
    '$ kubectl set image deployment/nginx-deployment nginx=nginx:1.161',
    '$ kubectl rollout status deployment/nginx-deployment --timeout=8s',
    '$ kubectl get pods',
    '$ kubectl rollout history deployment/nginx-deployment',
    '$ kubectl rollout history deployment/nginx-deployment --revision=2',
    '$ kubectl rollout undo deployment/nginx-deployment',
    '$ kubectl rollout status deployment/nginx-deployment',
    '$ kubectl rollout history deployment/nginx-deployment',
    '$ kubectl rollout pause deployment/nginx-deployment',
    '$ kubectl set image deployment/nginx-deployment nginx=nginx:1.17',
    '$ kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi',
    '$ kubectl get rs',
    '$ kubectl rollout resume deployment/nginx-deployment',
    '$ kubectl rollout status deployment/nginx-deployment',
    '$ kubectl get rs',
    '$ kubectl describe deployment nginx-deployment',
  ]);
  for (const line of [
    'deployment.apps/nginx-deployment created',
    'deployment "nginx-deployment" successfully rolled out',
    'deployment.apps/nginx-deployment image updated',
    'deployment.apps/nginx-deployment rolled back',
    'deployment.apps/nginx-deployment paused',
    'deployment.apps/nginx-deployment resumed',
  ]) assert.ok(r.stdout.includes(`\n${line}\n`), line);
  assert.match(r.stdout, /\nnginx-deployment-[a-z0-9]+-[a-z0-9]{5} +0\/1 +(ImagePullBackOff|ErrImagePull) /);
  assert.ok(r.stderr.includes('error: timed out waiting for the condition\n'));
  // the scratch cluster is gone and the user's clusters were never touched
  assert.equal(ks(home, ['cluster', 'list']).stdout, '');
});
