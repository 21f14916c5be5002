// The Kubernetes docs' Deployment story end to end, in manual mode, each step a separate process,
// asserting every byte of stdout and stderr and every exit code. Manual mode makes it deterministic:
// pod suffixes come from the seeded RNG in the state file, ages from the virtual clock.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

// unchanged: an error path, after which the state file must be byte-identical (a timed-out
// `rollout status` is not one: waiting consumed virtual time)
interface Step { args: string[]; stdout: string; stderr?: string; code?: number; unchanged?: boolean }

const steps: Step[] = [
  { args: ["apply", "-f", "manifests/nginx-deployment.yaml"], stdout: "deployment.apps/nginx-deployment created\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 0 of 3 updated replicas are available...\ndeployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["set", "image", "deployment/nginx-deployment", "nginx=nginx:1.16.1"], stdout: "deployment.apps/nginx-deployment image updated\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 2 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 1 old replicas are pending termination...\ndeployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["get", "rs"], stdout: "NAME                          DESIRED   CURRENT   READY   AGE\nnginx-deployment-647677fc66   0         0         0       6s\nnginx-deployment-8d94c585f    3         3         3       5s\n" },
  { args: ["set", "image", "deployment/nginx-deployment", "nginx=nginx:1.161"], stdout: "deployment.apps/nginx-deployment image updated\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment", "--timeout=30s"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\n", stderr: "error: timed out waiting for the condition\n", code: 1 },
  { args: ["get", "rs"], stdout: "NAME                          DESIRED   CURRENT   READY   AGE\nnginx-deployment-579478bf45   1         1         0       30s\nnginx-deployment-647677fc66   0         0         0       36s\nnginx-deployment-8d94c585f    3         3         3       35s\n" },
  { args: ["get", "pods"], stdout: "NAME                                READY   STATUS             RESTARTS   AGE\nnginx-deployment-579478bf45-nr7bs   0/1     ImagePullBackOff   0          30s\nnginx-deployment-8d94c585f-6wf8w    1/1     Running            0          35s\nnginx-deployment-8d94c585f-p2pqm    1/1     Running            0          33s\nnginx-deployment-8d94c585f-r5nkt    1/1     Running            0          32s\n" },
  { args: ["rollout", "history", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n" },
  { args: ["rollout", "history", "deployment/nginx-deployment", "--revision=2"], stdout: "deployment.apps/nginx-deployment with revision #2\nPod Template:\n  Labels:\tapp=nginx\n\tpod-template-hash=8d94c585f\n  Containers:\n   nginx:\n    Image:\tnginx:1.16.1\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n" },
  { args: ["rollout", "undo", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment rolled back\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "deployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["rollout", "history", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n\n" },
  { args: ["rollout", "undo", "deployment/nginx-deployment", "--to-revision=2"], stdout: "", stderr: "error: unable to find specified revision 2 in history\n", code: 1, unchanged: true },
  { args: ["rollout", "undo", "deployment/nginx-deployment", "--to-revision=1"], stdout: "deployment.apps/nginx-deployment rolled back\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 2 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 1 old replicas are pending termination...\ndeployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["rollout", "pause", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment paused\n" },
  { args: ["set", "image", "deployment/nginx-deployment", "nginx=nginx:1.16"], stdout: "deployment.apps/nginx-deployment image updated\n" },
  { args: ["set", "image", "deployment/nginx-deployment", "nginx=nginx:1.17"], stdout: "deployment.apps/nginx-deployment image updated\n" },
  { args: ["get", "rs"], stdout: "NAME                          DESIRED   CURRENT   READY   AGE\nnginx-deployment-579478bf45   0         0         0       34s\nnginx-deployment-647677fc66   3         3         3       40s\nnginx-deployment-8d94c585f    0         0         0       39s\n" },
  { args: ["rollout", "resume", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment resumed\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 2 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 1 old replicas are pending termination...\ndeployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["get", "rs"], stdout: "NAME                          DESIRED   CURRENT   READY   AGE\nnginx-deployment-579478bf45   0         0         0       39s\nnginx-deployment-647677fc66   0         0         0       45s\nnginx-deployment-7456645bf    3         3         3       5s\nnginx-deployment-8d94c585f    0         0         0       44s\n" },
  { args: ["rollout", "restart", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment restarted\n" },
  { args: ["rollout", "status", "deployment/nginx-deployment"], stdout: "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 2 out of 3 new replicas have been updated...\nWaiting for deployment \"nginx-deployment\" rollout to finish: 1 old replicas are pending termination...\ndeployment \"nginx-deployment\" successfully rolled out\n" },
  { args: ["annotate", "deployment/nginx-deployment", "kubernetes.io/change-cause=image updated to 1.17"], stdout: "deployment.apps/nginx-deployment annotated\n" },
  { args: ["rollout", "history", "deployment/nginx-deployment"], stdout: "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n5         <none>\n6         <none>\n7         image updated to 1.17\n\n" },
];

test('the docs\' story: apply, roll, break, history, undo, pause/resume, restart, change-cause', () => {
  const home = tempHome();
  manualCluster(home);
  for (const s of steps) {
    const before = s.unchanged ? fs.readFileSync(stateFile(home)) : undefined;
    const r = ks(home, s.args);
    const what = `kubectl ${s.args.join(' ')}`;
    assert.equal(r.stdout, s.stdout, `${what}: stdout`);
    assert.equal(r.stderr, s.stderr ?? '', `${what}: stderr`);
    assert.equal(r.code, s.code ?? 0, `${what}: exit code`);
    // a failing command changes nothing, byte for byte
    if (before) assert.deepEqual(fs.readFileSync(stateFile(home)), before, `${what}: state file changed`);
  }
});

test('the story is deterministic: a second run prints the same bytes', () => {
  const run = () => {
    const home = tempHome();
    manualCluster(home);
    return steps.slice(0, 8).map((s) => ks(home, s.args).stdout).join('\u0000');
  };
  assert.equal(run(), run());
});
