// kubesim fault end to end (manual mode, every byte): each fault shows as the same fault on a real
// cluster would: a registry that cannot be reached (ErrImagePull, ImagePullBackOff, the kubelet's
// events) or is slow, a process that crashes (Error, CrashLoopBackOff), readiness and liveness probes
// that fail (Unhealthy events, not ready, restarted) or time out, answers late or 500, a node down.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

interface Step { args: string[]; input?: string; stdout: string; stderr?: string; code?: number }

function play(steps: Step[]): void {
  const home = tempHome();
  for (const s of steps) {
    const r = ks(home, s.args, s.input);
    const what = `kubesim ${s.args.join(' ')}`;
    assert.equal(r.stdout, s.stdout, what);
    assert.equal(r.stderr, s.stderr ?? '', what);
    assert.equal(r.code, s.code ?? 0, what);
  }
}

test('--pull=fail: ErrImagePull, ImagePullBackOff and the kubelet\'s events until the fault is cleared; --pull=slow', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["fault", "list"], "stdout": "", "stderr": "No faults found.\n"},
  {"args": ["fault", "image", "nginx", "--pull=fail"], "stdout": "image/nginx faulted: pull=fail\n"},
  {"args": ["create", "deployment", "web", "--image=nginx:1.27.4"], "stdout": "deployment.apps/web created\n"},
  {"args": ["clock", "advance", "2s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS         RESTARTS   AGE\nweb-5b5b54bbd7-5fnmp   0/1     ErrImagePull   0          2s\n"},
  {"args": ["clock", "advance", "30s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS             RESTARTS   AGE\nweb-5b5b54bbd7-5fnmp   0/1     ImagePullBackOff   0          32s\n"},
  {"args": ["get", "events", "--field-selector", "involvedObject.kind=Pod", "--sort-by=.lastTimestamp"], "stdout": "LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE\n32s         Normal    Scheduled   pod/web-5b5b54bbd7-5fnmp   Successfully assigned default/web-5b5b54bbd7-5fnmp to node-1\n19s         Normal    Pulling     pod/web-5b5b54bbd7-5fnmp   Pulling image \"nginx:1.27.4\"\n18s         Warning   Failed      pod/web-5b5b54bbd7-5fnmp   Failed to pull image \"nginx:1.27.4\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/nginx:1.27.4\": failed to resolve reference \"docker.io/library/nginx:1.27.4\": failed to do request: Head \"https://registry-1.docker.io/v2/library/nginx/manifests/1.27.4\": dial tcp: lookup registry-1.docker.io: i/o timeout\n18s         Warning   Failed      pod/web-5b5b54bbd7-5fnmp   Error: ErrImagePull\n6s          Normal    BackOff     pod/web-5b5b54bbd7-5fnmp   Back-off pulling image \"nginx:1.27.4\"\n6s          Warning   Failed      pod/web-5b5b54bbd7-5fnmp   Error: ImagePullBackOff\n"},
  {"args": ["fault", "clear", "nginx"], "stdout": "image/nginx cleared\n"},
  {"args": ["clock", "advance", "20s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS   AGE\nweb-5b5b54bbd7-5fnmp   1/1     Running   0          52s\n"},
  {"args": ["rollout", "status", "deployment/web"], "stdout": "deployment \"web\" successfully rolled out\n"},
  {"args": ["fault", "image", "redis", "--pull=slow=30s"], "stdout": "image/redis faulted: pull=slow=30s\n"},
  {"args": ["run", "cache", "--image=redis:7.4"], "stdout": "pod/cache created\n"},
  {"args": ["clock", "advance", "20s"], "stdout": ""},
  {"args": ["get", "pod", "cache"], "stdout": "NAME    READY   STATUS              RESTARTS   AGE\ncache   0/1     ContainerCreating   0          20s\n"},
  {"args": ["clock", "advance", "11s"], "stdout": ""},
  {"args": ["get", "pod", "cache"], "stdout": "NAME    READY   STATUS    RESTARTS   AGE\ncache   1/1     Running   0          31s\n"},
  {"args": ["get", "events", "--field-selector", "involvedObject.name=cache"], "stdout": "LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n31s         Normal   Scheduled   pod/cache   Successfully assigned default/cache to node-1\n31s         Normal   Pulling     pod/cache   Pulling image \"redis:7.4\"\n1s          Normal   Pulled      pod/cache   Successfully pulled image \"redis:7.4\" in 29.7s (29.7s including waiting). Image size: 45009148 bytes.\n1s          Normal   Created     pod/cache   Created container: cache\n1s          Normal   Started     pod/cache   Started container cache\n"},
  {"args": ["fault", "list"], "stdout": "KIND    NAME    FAULTS\nimage   redis   pull=slow=30s\n"},
  {"args": ["fault", "clear"], "stdout": "image/redis cleared\n"},
  {"args": ["fault", "clear"], "stdout": "", "stderr": "No faults found.\n"},
]));

test('--crash-after: the container exits with code 1, restarts, then CrashLoopBackOff; its endpoints leave the Service', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["create", "deployment", "kubia", "--image=luksa/kubia:v2", "--replicas=2", "--port=8080"], "stdout": "deployment.apps/kubia created\n"},
  {"args": ["expose", "deployment", "kubia", "--port=80", "--target-port=8080"], "stdout": "service/kubia exposed\n"},
  {"args": ["rollout", "status", "deployment/kubia"], "stdout": "Waiting for deployment \"kubia\" rollout to finish: 0 of 2 updated replicas are available...\ndeployment \"kubia\" successfully rolled out\n"},
  {"args": ["fault", "image", "luksa/kubia", "--crash-after=30s"], "stdout": "image/luksa/kubia faulted: crash-after=30s\n"},
  {"args": ["clock", "advance", "31s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS    RESTARTS     AGE\nkubia-56c47599cf-5fnmp   1/1     Running   1 (1s ago)   32s\nkubia-56c47599cf-dhpjs   1/1     Running   1 (1s ago)   32s\n"},
  {"args": ["clock", "advance", "1s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS    RESTARTS     AGE\nkubia-56c47599cf-5fnmp   1/1     Running   1 (2s ago)   33s\nkubia-56c47599cf-dhpjs   1/1     Running   1 (2s ago)   33s\n"},
  {"args": ["clock", "advance", "30s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS             RESTARTS     AGE\nkubia-56c47599cf-5fnmp   0/1     CrashLoopBackOff   1 (1s ago)   63s\nkubia-56c47599cf-dhpjs   0/1     CrashLoopBackOff   1 (1s ago)   63s\n"},
  {"args": ["curl", "svc/kubia", "-n", "2"], "stdout": "1  ERR  -  error: connection refused (no ready endpoints)\n2  ERR  -  error: connection refused (no ready endpoints)\n\n2 requests to svc/kubia (10.96.0.11:80): 0 ok, 2 failed\n\nPOD      IMAGE   REQUESTS   SHARE   RESPONSES\n(none)   -       2          100%    ERR x2\n\nIMAGE    VERSION   REQUESTS   SHARE\n(none)   -         2          100%\n"},
  {"args": ["clock", "advance", "2s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS             RESTARTS     AGE\nkubia-56c47599cf-5fnmp   0/1     CrashLoopBackOff   1 (3s ago)   65s\nkubia-56c47599cf-dhpjs   0/1     CrashLoopBackOff   1 (3s ago)   65s\n"},
  {"args": ["get", "pod", "-l", "app=kubia", "-o", "jsonpath={range .items[0].status.containerStatuses[0]}{.state}{\"\\n\"}{.lastState}{\"\\n\"}{end}"], "stdout": "{\"waiting\":{\"message\":\"back-off 10s restarting failed container=kubia pod=kubia-56c47599cf-5fnmp_default(dd6fc275-8550-483b-922c-85d441e120ff)\",\"reason\":\"CrashLoopBackOff\"}}\n{\"terminated\":{\"containerID\":\"containerd://688011d7ce9db62079dbd8a6e422ddcd59f7aa3b4a8815bf69825a527612643f\",\"exitCode\":1,\"finishedAt\":\"2030-01-01T00:01:02Z\",\"reason\":\"Error\",\"startedAt\":\"2030-01-01T00:00:32Z\"}}\n"},
  {"args": ["get", "events", "--field-selector", "type=Warning"], "stdout": "LAST SEEN   TYPE      REASON    OBJECT                       MESSAGE\n2s          Warning   BackOff   pod/kubia-56c47599cf-5fnmp   Back-off restarting failed container kubia in pod kubia-56c47599cf-5fnmp_default(dd6fc275-8550-483b-922c-85d441e120ff)\n2s          Warning   BackOff   pod/kubia-56c47599cf-dhpjs   Back-off restarting failed container kubia in pod kubia-56c47599cf-dhpjs_default(4aa9c75a-0807-43af-b7c5-2be88fc42feb)\n"},
  {"args": ["fault", "clear"], "stdout": "image/luksa/kubia cleared\n"},
  {"args": ["clock", "advance", "5m"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS    RESTARTS       AGE\nkubia-56c47599cf-5fnmp   1/1     Running   2 (5m3s ago)   6m5s\nkubia-56c47599cf-dhpjs   1/1     Running   2 (5m3s ago)   6m5s\n"},
  {"args": ["curl", "svc/kubia", "-n", "2"], "stdout": "1  200  kubia-56c47599cf-5fnmp  This is v2 running in pod kubia-56c47599cf-5fnmp\n2  200  kubia-56c47599cf-dhpjs  This is v2 running in pod kubia-56c47599cf-dhpjs\n\n2 requests to svc/kubia (10.96.0.11:80): 2 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-5fnmp   luksa/kubia:v2   1          50%     200 x1\nkubia-56c47599cf-dhpjs   luksa/kubia:v2   1          50%     200 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        2          100%\n"},
]));

test('--readiness=fail|pass, --liveness=fail and --latency beyond the probe timeout', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["apply", "-f", "-"], "input": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27.4\n        readinessProbe:\n          httpGet: {path: /, port: 80}\n          periodSeconds: 5\n        livenessProbe:\n          httpGet: {path: /, port: 80}\n          periodSeconds: 10\n", "stdout": "deployment.apps/web created\n"},
  {"args": ["expose", "deployment", "web", "--port=80"], "stdout": "service/web exposed\n"},
  {"args": ["rollout", "status", "deployment/web"], "stdout": "Waiting for deployment \"web\" rollout to finish: 0 of 2 updated replicas are available...\ndeployment \"web\" successfully rolled out\n"},
  {"args": ["fault", "image", "nginx", "--readiness=fail"], "stdout": "image/nginx faulted: readiness=fail\n"},
  {"args": ["clock", "advance", "15s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS   AGE\nweb-78995c7d9c-5fnmp   0/1     Running   0          16s\nweb-78995c7d9c-dhpjs   0/1     Running   0          16s\n"},
  {"args": ["get", "ep", "web"], "stdout": "NAME   ENDPOINTS   AGE\nweb                16s\n"},
  {"args": ["curl", "svc/web", "-n", "2"], "stdout": "1  ERR  -  error: connection refused (no ready endpoints)\n2  ERR  -  error: connection refused (no ready endpoints)\n\n2 requests to svc/web (10.96.0.11:80): 0 ok, 2 failed\n\nPOD      IMAGE   REQUESTS   SHARE   RESPONSES\n(none)   -       2          100%    ERR x2\n\nIMAGE    VERSION   REQUESTS   SHARE\n(none)   -         2          100%\n"},
  {"args": ["get", "events", "--field-selector", "reason=Unhealthy"], "stdout": "LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE\n0s          Warning   Unhealthy   pod/web-78995c7d9c-5fnmp   Readiness probe failed: HTTP probe failed with statuscode: 500\n0s          Warning   Unhealthy   pod/web-78995c7d9c-dhpjs   Readiness probe failed: HTTP probe failed with statuscode: 500\n"},
  {"args": ["fault", "image", "nginx", "--readiness=pass"], "stdout": "image/nginx faulted: readiness=pass\n"},
  {"args": ["clock", "advance", "5s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS   AGE\nweb-78995c7d9c-5fnmp   1/1     Running   0          21s\nweb-78995c7d9c-dhpjs   1/1     Running   0          21s\n"},
  {"args": ["fault", "list"], "stdout": "KIND    NAME    FAULTS\nimage   nginx   readiness=pass\n"},
  {"args": ["fault", "clear"], "stdout": "image/nginx cleared\n"},
  {"args": ["fault", "image", "nginx:1.27.4", "--liveness=fail"], "stdout": "image/nginx:1.27.4 faulted: liveness=fail\n"},
  {"args": ["clock", "advance", "30s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS   AGE\nweb-78995c7d9c-5fnmp   1/1     Running   0          51s\nweb-78995c7d9c-dhpjs   1/1     Running   0          51s\n"},
  {"args": ["get", "events", "--field-selector", "involvedObject.name=web-78995c7d9c-5fnmp", "--sort-by=.lastTimestamp"], "stdout": "LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE\n51s         Normal    Scheduled   pod/web-78995c7d9c-5fnmp   Successfully assigned default/web-78995c7d9c-5fnmp to node-1\n51s         Normal    Pulling     pod/web-78995c7d9c-5fnmp   Pulling image \"nginx:1.27.4\"\n50s         Normal    Pulled      pod/web-78995c7d9c-5fnmp   Successfully pulled image \"nginx:1.27.4\" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.\n50s         Normal    Created     pod/web-78995c7d9c-5fnmp   Created container: nginx\n50s         Normal    Started     pod/web-78995c7d9c-5fnmp   Started container nginx\n35s         Warning   Unhealthy   pod/web-78995c7d9c-5fnmp   Readiness probe failed: HTTP probe failed with statuscode: 500\n0s          Warning   Unhealthy   pod/web-78995c7d9c-5fnmp   Liveness probe failed: HTTP probe failed with statuscode: 500\n0s          Normal    Killing     pod/web-78995c7d9c-5fnmp   Container nginx failed liveness probe, will be restarted\n"},
  {"args": ["clock", "advance", "2s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS     AGE\nweb-78995c7d9c-5fnmp   1/1     Running   1 (2s ago)   53s\nweb-78995c7d9c-dhpjs   1/1     Running   1 (2s ago)   53s\n"},
  {"args": ["fault", "clear"], "stdout": "image/nginx:1.27.4 cleared\n"},
  {"args": ["fault", "image", "nginx", "--latency=2s"], "stdout": "image/nginx faulted: latency=2s\n"},
  {"args": ["clock", "advance", "10s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS      AGE\nweb-78995c7d9c-5fnmp   1/1     Running   1 (12s ago)   63s\nweb-78995c7d9c-dhpjs   1/1     Running   1 (12s ago)   63s\n"},
  {"args": ["get", "events", "--field-selector", "reason=Unhealthy,involvedObject.name=web-78995c7d9c-dhpjs"], "stdout": "LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE\n47s         Warning   Unhealthy   pod/web-78995c7d9c-dhpjs   Readiness probe failed: HTTP probe failed with statuscode: 500\n12s         Warning   Unhealthy   pod/web-78995c7d9c-dhpjs   Liveness probe failed: HTTP probe failed with statuscode: 500\n2s          Warning   Unhealthy   pod/web-78995c7d9c-dhpjs   Readiness probe failed: Get \"http://10.244.0.3:80/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n2s          Warning   Unhealthy   pod/web-78995c7d9c-dhpjs   Liveness probe failed: Get \"http://10.244.0.3:80/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n"},
  {"args": ["fault", "image", "nginx", "--latency=500ms"], "stdout": "image/nginx faulted: latency=500ms\n"},
  {"args": ["clock", "advance", "10s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                   READY   STATUS    RESTARTS      AGE\nweb-78995c7d9c-5fnmp   1/1     Running   1 (22s ago)   73s\nweb-78995c7d9c-dhpjs   1/1     Running   1 (22s ago)   73s\n"},
  {"args": ["curl", "svc/web", "-n", "1"], "stdout": "1  200  web-78995c7d9c-5fnmp  Welcome to nginx! [text/html, 615 bytes]  (500ms)\n\n1 request to svc/web (10.96.0.11:80): 1 ok, 0 failed; latency 500ms mean, 500ms max\n\nPOD                    IMAGE          REQUESTS   SHARE   RESPONSES\nweb-78995c7d9c-5fnmp   nginx:1.27.4   1          100%    200 x1\n\nIMAGE          VERSION   REQUESTS   SHARE\nnginx:1.27.4   1.27.4    1          100%\n"},
]));

test('--errors and --latency in the curl tally; fault list, clear; node --down|--up; flag errors', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["create", "deployment", "kubia", "--image=luksa/kubia:v2", "--replicas=2", "--port=8080"], "stdout": "deployment.apps/kubia created\n"},
  {"args": ["expose", "deployment", "kubia", "--port=80", "--target-port=8080"], "stdout": "service/kubia exposed\n"},
  {"args": ["rollout", "status", "deployment/kubia"], "stdout": "Waiting for deployment \"kubia\" rollout to finish: 0 of 2 updated replicas are available...\ndeployment \"kubia\" successfully rolled out\n"},
  {"args": ["fault", "image", "luksa/kubia:v2", "--errors=25%", "--latency=150ms"], "stdout": "image/luksa/kubia:v2 faulted: latency=150ms, errors=25%\n"},
  {"args": ["curl", "svc/kubia", "-n", "8"], "stdout": "1  200  kubia-56c47599cf-5fnmp  This is v2 running in pod kubia-56c47599cf-5fnmp  (150ms)\n2  200  kubia-56c47599cf-dhpjs  This is v2 running in pod kubia-56c47599cf-dhpjs  (150ms)\n3  200  kubia-56c47599cf-5fnmp  This is v2 running in pod kubia-56c47599cf-5fnmp  (150ms)\n4  200  kubia-56c47599cf-dhpjs  This is v2 running in pod kubia-56c47599cf-dhpjs  (150ms)\n5  200  kubia-56c47599cf-5fnmp  This is v2 running in pod kubia-56c47599cf-5fnmp  (150ms)\n6  200  kubia-56c47599cf-dhpjs  This is v2 running in pod kubia-56c47599cf-dhpjs  (150ms)\n7  500  kubia-56c47599cf-5fnmp  Internal Server Error  (150ms)\n8  500  kubia-56c47599cf-dhpjs  Internal Server Error  (150ms)\n\n8 requests to svc/kubia (10.96.0.11:80): 6 ok, 2 failed; latency 150ms mean, 150ms max\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-5fnmp   luksa/kubia:v2   4          50%     200 x3, 500 x1\nkubia-56c47599cf-dhpjs   luksa/kubia:v2   4          50%     200 x3, 500 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        8          100%\n"},
  {"args": ["fault", "image", "luksa/kubia:v2", "--errors=1"], "stdout": "image/luksa/kubia:v2 faulted: latency=150ms, errors=100%\n"},
  {"args": ["curl", "svc/kubia", "-n", "2", "-i"], "stdout": "HTTP/1.1 500 Internal Server Error\r\nDate: Tue, 01 Jan 2030 00:00:01 GMT\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\nInternal Server Error\nHTTP/1.1 500 Internal Server Error\r\nDate: Tue, 01 Jan 2030 00:00:01 GMT\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\nInternal Server Error\n\n2 requests to svc/kubia (10.96.0.11:80): 0 ok, 2 failed; latency 150ms mean, 150ms max\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-5fnmp   luksa/kubia:v2   1          50%     500 x1\nkubia-56c47599cf-dhpjs   luksa/kubia:v2   1          50%     500 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        2          100%\n"},
  {"args": ["fault", "image", "luksa/kubia:v1", "--errors=0.5"], "stdout": "image/luksa/kubia:v1 faulted: errors=50%\n"},
  {"args": ["fault", "list"], "stdout": "KIND    NAME             FAULTS\nimage   luksa/kubia:v2   latency=150ms, errors=100%\nimage   luksa/kubia:v1   errors=50%\n"},
  {"args": ["fault", "clear", "luksa/kubia:v2"], "stdout": "image/luksa/kubia:v2 cleared\n"},
  {"args": ["curl", "svc/kubia", "-n", "2"], "stdout": "1  200  kubia-56c47599cf-5fnmp  This is v2 running in pod kubia-56c47599cf-5fnmp\n2  200  kubia-56c47599cf-dhpjs  This is v2 running in pod kubia-56c47599cf-dhpjs\n\n2 requests to svc/kubia (10.96.0.11:80): 2 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-5fnmp   luksa/kubia:v2   1          50%     200 x1\nkubia-56c47599cf-dhpjs   luksa/kubia:v2   1          50%     200 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        2          100%\n"},
  {"args": ["fault", "clear", "luksa/kubia:v2"], "stdout": "", "stderr": "error: no fault is set for image \"luksa/kubia:v2\"\n", "code": 1},
  {"args": ["fault", "image", "x", "--pull=bogus"], "stdout": "", "stderr": "error: invalid argument \"bogus\" for \"--pull\" flag: use fail or slow=DURATION\n", "code": 1},
  {"args": ["fault", "image", "x", "--errors=150%"], "stdout": "", "stderr": "error: invalid argument \"150%\" for \"--errors\" flag: use a share of the requests: 0.25 or 25%\n", "code": 1},
  {"args": ["fault", "image", "x", "--latency=soon"], "stdout": "", "stderr": "error: invalid argument \"soon\" for \"--latency\" flag: use a duration such as 500ms, 10s or 2m\n", "code": 1},
  {"args": ["fault", "image", "x", "--readiness=maybe"], "stdout": "", "stderr": "error: invalid argument \"maybe\" for \"--readiness\" flag: use fail or pass\n", "code": 1},
  {"args": ["fault", "image", "x"], "stdout": "", "stderr": "error: kubesim fault image: give a fault: --pull, --crash-after, --readiness, --liveness, --latency or --errors\n", "code": 1},
  {"args": ["fault", "node", "node-1"], "stdout": "", "stderr": "error: kubesim fault node: give one of --down or --up\n", "code": 1},
  {"args": ["fault", "node", "nope", "--down"], "stdout": "", "stderr": "Error from server (NotFound): nodes \"nope\" not found\n", "code": 1},
  {"args": ["fault", "node", "node-1", "--down"], "stdout": "node/node-1 down\n"},
  {"args": ["fault", "node", "node-1", "--down"], "stdout": "node/node-1 already down\n"},
  {"args": ["clock", "advance", "41s"], "stdout": ""},
  {"args": ["get", "nodes", "-o", "jsonpath={.items[0].status.conditions[?(@.type==\"Ready\")].reason}"], "stdout": "NodeStatusUnknown"},
  {"args": ["fault", "list"], "stdout": "KIND    NAME             FAULTS\nimage   luksa/kubia:v1   errors=50%\nnode    node-1           down since 2030-01-01T00:00:01Z\n"},
  {"args": ["fault", "node", "node-1", "--up"], "stdout": "node/node-1 up\n"},
  {"args": ["clock", "advance", "1s"], "stdout": ""},
  {"args": ["get", "nodes", "-o", "jsonpath={.items[0].status.conditions[?(@.type==\"Ready\")].reason}"], "stdout": "KubeletReady"},
  {"args": ["fault", "node", "node-1", "--down"], "stdout": "node/node-1 down\n"},
  {"args": ["fault", "clear"], "stdout": "image/luksa/kubia:v1 cleared\nnode/node-1 up\n"},
  {"args": ["fault", "list"], "stdout": "", "stderr": "No faults found.\n"},
]));
