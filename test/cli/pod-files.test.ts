// Files the pod's own processes write, seen by the others (kubelet/volumes.ts): a logging sidecar that
// tails what the app appends to a shared emptyDir (kubectl logs -c, --tail, --since), an init container
// that writes nginx's index.html into the volume nginx serves, nginx's own document root (exec ls,
// 403 for an empty root, 404 for a missing file, a file written with exec served). Every byte asserted;
// `run -i --rm --restart=Never` exits as its container did (kubectl run's "terminated (Error)").
import test from 'node:test';
import { play } from './helpers.js';

test('a logging sidecar: tail -f of the file the app container appends to on a shared emptyDir', () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
    {"args":["apply","-f","-"],"input":"apiVersion: v1\nkind: Pod\nmetadata: {name: side}\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'i=0; while true; do echo \"$(date) line $i\" >> /var/log/app.log; i=$((i+1)); sleep 5; done']\n    volumeMounts: [{name: logs, mountPath: /var/log}]\n  - name: tail\n    image: busybox\n    command: [sh, -c, 'tail -n+1 -f /var/log/app.log']\n    volumeMounts: [{name: logs, mountPath: /var/log}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n","stdout":"pod/side created\n"},
    {"args":["clock","advance","21s"],"stdout":""},
    {"args":["logs","side","-c","tail"],"stdout":"Tue Jan  1 00:00:01 UTC 2030 line 0\nTue Jan  1 00:00:06 UTC 2030 line 1\nTue Jan  1 00:00:11 UTC 2030 line 2\nTue Jan  1 00:00:16 UTC 2030 line 3\nTue Jan  1 00:00:21 UTC 2030 line 4\n"},
    {"args":["logs","side","-c","tail","--tail=1"],"stdout":"Tue Jan  1 00:00:21 UTC 2030 line 4\n"},
    {"args":["exec","side","-c","tail","--","tail","-n","2","/var/log/app.log"],"stdout":"Tue Jan  1 00:00:16 UTC 2030 line 3\nTue Jan  1 00:00:21 UTC 2030 line 4\n"},
    {"args":["exec","side","-c","app","--","ls","/var/log"],"stdout":"app.log\n"},
    {"args":["clock","advance","5s"],"stdout":""},
    {"args":["logs","side","-c","tail","--since=6s"],"stdout":"Tue Jan  1 00:00:21 UTC 2030 line 4\nTue Jan  1 00:00:26 UTC 2030 line 5\n"},
    {"args":["exec","side","-c","app","--","cat","/var/log/nope"],"stdout":"","stderr":"cat: can't open '/var/log/nope': No such file or directory\ncommand terminated with exit code 1\n","code":1},
]));

test("nginx serves its document root: the image's files, an init container's write to the volume, exec writes; 403 and 404", () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
    {"args":["apply","-f","-"],"input":"apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  initContainers:\n  - name: init\n    image: busybox\n    command: [sh, -c, 'echo \"hello from init\" > /work/index.html']\n    volumeMounts: [{name: html, mountPath: /work}]\n  containers:\n  - name: nginx\n    image: nginx\n    volumeMounts: [{name: html, mountPath: /usr/share/nginx/html}]\n  volumes:\n  - name: html\n    emptyDir: {}\n","stdout":"pod/web created\n"},
    {"args":["run","plain","--image=nginx","--labels=app=plain"],"stdout":"pod/plain created\n"},
    {"args":["run","empty","--image=nginx","--labels=app=empty","--overrides={\"spec\":{\"containers\":[{\"name\":\"empty\",\"image\":\"nginx\",\"volumeMounts\":[{\"name\":\"d\",\"mountPath\":\"/usr/share/nginx/html\"}]}],\"volumes\":[{\"name\":\"d\",\"emptyDir\":{}}]}}"],"stdout":"pod/empty created\n"},
    {"args":["expose","pod","web","--port=80"],"stdout":"service/web exposed\n"},
    {"args":["expose","pod","plain","--port=80"],"stdout":"service/plain exposed\n"},
    {"args":["expose","pod","empty","--port=80"],"stdout":"service/empty exposed\n"},
    {"args":["clock","advance","10s"],"stdout":""},
    {"args":["exec","web","-c","nginx","--","cat","/usr/share/nginx/html/index.html"],"stdout":"hello from init\n"},
    {"args":["exec","plain","--","ls","/usr/share/nginx/html"],"stdout":"50x.html\nindex.html\n"},
    {"args":["run","t1","--image=busybox","--restart=Never","--rm","-i","--","wget","-qO-","web"],"stdout":"hello from init\npod \"t1\" deleted\n"},
    {"args":["run","t2","--image=busybox","--restart=Never","--rm","-i","--","wget","-qO-","empty"],"stdout":"pod \"t2\" deleted\n","stderr":"wget: server returned error: HTTP/1.1 403 Forbidden\npod default/t2 terminated (Error)\n","code":1},
    {"args":["run","t3","--image=busybox","--restart=Never","--rm","-i","--","wget","-qO-","plain/nope.html"],"stdout":"pod \"t3\" deleted\n","stderr":"wget: server returned error: HTTP/1.1 404 Not Found\npod default/t3 terminated (Error)\n","code":1},
    {"args":["exec","plain","--","sh","-c","echo hi > /usr/share/nginx/html/hi.txt"],"stdout":""},
    {"args":["curl","svc/plain/hi.txt","-n","1"],"stdout":"1  200  plain  hi\n\n1 request to svc/plain (10.96.0.12:80): 1 ok, 0 failed\n\nPOD     IMAGE   REQUESTS   SHARE   RESPONSES\nplain   nginx   1          100%    200 x1\n\nIMAGE   VERSION   REQUESTS   SHARE\nnginx   1.27.4    1          100%\n"},
    {"args":["curl","svc/web","-n","2"],"stdout":"1  200  web  hello from init\n2  200  web  hello from init\n\n2 requests to svc/web (10.96.0.11:80): 2 ok, 0 failed\n\nPOD   IMAGE   REQUESTS   SHARE   RESPONSES\nweb   nginx   2          100%    200 x2\n\nIMAGE   VERSION   REQUESTS   SHARE\nnginx   1.27.4    2          100%\n"},
]));
