// kubectl exec end to end (manual mode, every byte): the simulated shell in a container reads the
// pod's environment (ConfigMap keys, the downward API, service links) and its mounted volumes, reaches
// Services through the cluster DNS, and fails as kubectl and containerd do.
import test from 'node:test';
import { play as playSteps, type PlayStep } from './helpers.js';

/** containerd's exec id is a hash: compare the rest */
const execId = (t: string) => t.replace(/failed to start exec "[0-9a-f]{64}"/, 'failed to start exec "ID"');
const play = (steps: PlayStep[]) => playSteps(steps, { stderr: execId });

test('a ConfigMap as a volume and as env, emptyDir writes, DNS, Services and NodePorts from a pod, exec errors, run -it --rm', () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["create","deployment","web","--image=nginx"],"stdout":"deployment.apps/web created\n"},
  {"args":["expose","deployment","web","--port=80"],"stdout":"service/web exposed\n"},
  {"args":["create","configmap","cfg","--from-literal=key=hello","--from-literal=mode=debug"],"stdout":"configmap/cfg created\n"},
  {"args":["apply","-f","-"],"input":"apiVersion: v1\nkind: Pod\nmetadata:\n  name: bb\n  labels: {app: bb}\nspec:\n  containers:\n  - name: bb\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n    env:\n    - name: MODE\n      valueFrom: {configMapKeyRef: {name: cfg, key: mode}}\n    - name: POD_NAME\n      valueFrom: {fieldRef: {fieldPath: metadata.name}}\n    envFrom:\n    - configMapRef: {name: cfg}\n    volumeMounts:\n    - {name: config, mountPath: /etc/config}\n    - {name: data, mountPath: /data}\n  volumes:\n  - name: config\n    configMap: {name: cfg}\n  - name: data\n    emptyDir: {}\n","stdout":"pod/bb created\n"},
  {"args":["exec","bb","--","ls","/etc/config"],"stdout":"","stderr":"error: unable to upgrade connection: container not found (\"bb\")\n","code":1},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["exec","bb","--","cat","/etc/config/key"],"stdout":"hello"},
  {"args":["exec","bb","--","ls","/etc/config"],"stdout":"key\nmode\n"},
  {"args":["exec","bb","--","env"],"stdout":"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=bb\nkey=hello\nmode=debug\nMODE=debug\nPOD_NAME=bb\nWEB_SERVICE_PORT=80\nWEB_PORT=tcp://10.96.0.11:80\nWEB_PORT_80_TCP=tcp://10.96.0.11:80\nWEB_PORT_80_TCP_PROTO=tcp\nWEB_PORT_80_TCP_PORT=80\nWEB_PORT_80_TCP_ADDR=10.96.0.11\nWEB_SERVICE_HOST=10.96.0.11\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\nKUBERNETES_PORT=tcp://10.96.0.1:443\nKUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\nKUBERNETES_PORT_443_TCP_PROTO=tcp\nKUBERNETES_PORT_443_TCP_PORT=443\nKUBERNETES_PORT_443_TCP_ADDR=10.96.0.1\nKUBERNETES_SERVICE_HOST=10.96.0.1\nHOME=/root\n"},
  {"args":["exec","bb","--","printenv","MODE","POD_NAME"],"stdout":"debug\nbb\n"},
  {"args":["exec","bb","--","sh","-c","echo saved > /data/note; echo x > /etc/config/key"],"stdout":"","stderr":"sh: can't create /etc/config/key: Read-only file system\ncommand terminated with exit code 1\n","code":1},
  {"args":["exec","bb","--","cat","/data/note"],"stdout":"saved\n"},
  {"args":["exec","bb","--","cat","/etc/config/missing"],"stdout":"","stderr":"cat: can't open '/etc/config/missing': No such file or directory\ncommand terminated with exit code 1\n","code":1},
  {"args":["exec","bb","--","wget","-qO-","web"],"stdout":"<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n"},
  {"args":["exec","bb","--","nslookup","web"],"stdout":"Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.11\n\n"},
  {"args":["exec","bb","--","nslookup","nope"],"stdout":"Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n","stderr":"command terminated with exit code 1\n","code":1},
  {"args":["exec","bb","--","sh","-c","hostname; whoami; id; date"],"stdout":"bb\nroot\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nTue Jan  1 00:00:02 UTC 2030\n"},
  {"args":["exec","bb","--","curl","web"],"stdout":"","stderr":"error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"b7d45e7f6d5604d650e6754e81cd07d37684ae0073fc0c5489b777b6d7da3bc0\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"curl\": executable file not found in $PATH: unknown\n","code":1},
  {"args":["exec","bb","--","sh","-c","frobnicate --now"],"stdout":"","stderr":"sh: frobnicate: not found\ncommand terminated with exit code 127\n","code":127},
  {"args":["exec","bb","--","sh","-c","exit 3"],"stdout":"","stderr":"command terminated with exit code 3\n","code":3},
  {"args":["exec","bb","-c","nope","--","ls"],"stdout":"","stderr":"Error from server (BadRequest): container nope is not valid for pod bb\n","code":1},
  {"args":["exec","nope","--","ls"],"stdout":"","stderr":"Error from server (NotFound): pods \"nope\" not found\n","code":1},
  {"args":["exec","bb"],"stdout":"","stderr":"error: you must specify at least one command for the container\n","code":1},
  {"args":["exec"],"stdout":"","stderr":"error: pod, type/name or --filename must be specified\n","code":1},
  {"args":["exec","bb","ls","/data"],"stdout":"note\n","stderr":"kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n"},
  {"args":["apply","-f","-"],"input":"apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: app\n    image: nginx\n  - name: sidecar\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n","stdout":"pod/two created\n"},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["exec","two","--","hostname"],"stdout":"two\n","stderr":"Defaulted container \"app\" out of: app, sidecar\n"},
  {"args":["exec","two","-c","sidecar","--","wget","-qO-","http://web/missing"],"stdout":"","stderr":"wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n","code":1},
  {"args":["exec","deploy/web","--","curl","-s","-k","https://kubernetes/api"],"stdout":"{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/api\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}"},
  {"args":["exec","deploy/web","--","sh","-c","frobnicate"],"stdout":"","stderr":"sh: 1: frobnicate: not found\ncommand terminated with exit code 127\n","code":127},
  {"args":["run","tmp","--image=busybox","-it","--rm","--restart=Never","--","wget","-qO-","web"],"stdout":"<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\npod \"tmp\" deleted\n","stderr":"Unable to use a TTY - input is not a terminal or the right kind of file\n"},
  {"args":["get","pods","tmp"],"stdout":"","stderr":"Error from server (NotFound): pods \"tmp\" not found\n","code":1},
  {"args":["create","service","nodeport","web-np","--tcp=80:80","--node-port=30080"],"stdout":"service/web-np created\n"},
  {"args":["patch","svc","web-np","-p","{\"spec\":{\"selector\":{\"app\":\"web\"}}}"],"stdout":"service/web-np patched\n"},
  {"args":["exec","bb","--","sh","-c","wget -qO- 172.18.0.2:30080 | head -4; wget -qO- 172.18.0.2:30081"],"stdout":"<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n","stderr":"wget: can't connect to remote host (172.18.0.2): Connection refused\ncommand terminated with exit code 1\n","code":1},
]));

test('wget, nslookup and curl in a container\'s own command reach Services as under exec; their answers are the pod\'s logs', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["create", "deployment", "kubia", "--image=luksa/kubia:v1", "--replicas=2", "--port=8080"], "stdout": "deployment.apps/kubia created\n"},
  {"args": ["expose", "deployment", "kubia", "--port=80", "--target-port=8080"], "stdout": "service/kubia exposed\n"},
  {"args": ["rollout", "status", "deployment/kubia"], "stdout": "Waiting for deployment \"kubia\" rollout to finish: 0 of 2 updated replicas are available...\ndeployment \"kubia\" successfully rolled out\n"},
  {"args": ["run", "client", "--image=busybox", "--", "sh", "-c", "while true; do wget -qO- http://kubia; sleep 2; done"], "stdout": "pod/client created\n"},
  {"args": ["run", "once", "--image=busybox", "--restart=Never", "--", "sh", "-c", "nslookup kubia && wget -qO- kubia.default.svc.cluster.local; wget -qO- nope"], "stdout": "pod/once created\n"},
  {"args": ["run", "c2", "--image=curlimages/curl", "--restart=Never", "--", "curl", "-s", "kubia"], "stdout": "pod/c2 created\n"},
  {"args": ["clock", "advance", "7s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME                     READY   STATUS      RESTARTS   AGE\nc2                       0/1     Completed   0          7s\nclient                   1/1     Running     0          7s\nkubia-58bdcc7c64-5fnmp   1/1     Running     0          8s\nkubia-58bdcc7c64-dhpjs   1/1     Running     0          8s\nonce                     0/1     Error       0          7s\n"},
  {"args": ["logs", "client"], "stdout": "You've hit kubia-58bdcc7c64-5fnmp\nYou've hit kubia-58bdcc7c64-dhpjs\nYou've hit kubia-58bdcc7c64-5fnmp\n"},
  {"args": ["logs", "once"], "stdout": "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubia.default.svc.cluster.local\nAddress: 10.96.0.11\n\nYou've hit kubia-58bdcc7c64-dhpjs\nwget: bad address 'nope'\n"},
  {"args": ["logs", "c2"], "stdout": "You've hit kubia-58bdcc7c64-5fnmp\n"},
  {"args": ["curl", "svc/kubia", "-n", "2"], "stdout": "1  200  kubia-58bdcc7c64-5fnmp  You've hit kubia-58bdcc7c64-5fnmp\n2  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n\n2 requests to svc/kubia (10.96.0.11:80): 2 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-58bdcc7c64-5fnmp   luksa/kubia:v1   1          50%     200 x1\nkubia-58bdcc7c64-dhpjs   luksa/kubia:v1   1          50%     200 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v1   v1        2          100%\n"},
  {"args": ["clock", "advance", "4s"], "stdout": ""},
  {"args": ["logs", "client", "--tail=2"], "stdout": "You've hit kubia-58bdcc7c64-dhpjs\nYou've hit kubia-58bdcc7c64-5fnmp\n"},
]));

test('attach: a running container\'s output from now on (manual mode: to the end of a process that ends), kubectl\'s errors', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["run", "counter", "--image=busybox", "--", "sh", "-c", "i=0; while [ $i -lt 5 ]; do echo tick $i; i=$((i+1)); sleep 2; done"], "stdout": "pod/counter created\n"},
  {"args": ["run", "done", "--image=busybox", "--restart=Never", "--", "echo", "hi"], "stdout": "pod/done created\n"},
  {"args": ["run", "loop", "--image=busybox", "--", "sh", "-c", "while true; do echo x; sleep 1; done"], "stdout": "pod/loop created\n"},
  {"args": ["attach", "counter"], "stdout": "", "stderr": "If you don't see a command prompt, try pressing enter.\nerror: unable to upgrade connection: container not found (\"counter\")\n", "code": 1},
  {"args": ["clock", "advance", "3s"], "stdout": ""},
  {"args": ["attach", "counter"], "stdout": "tick 2\ntick 3\ntick 4\n", "stderr": "If you don't see a command prompt, try pressing enter.\n"},
  {"args": ["get", "pod", "counter"], "stdout": "NAME      READY   STATUS      RESTARTS   AGE\ncounter   0/1     Completed   0          11s\n"},
  {"args": ["attach", "done"], "stdout": "", "stderr": "error: cannot attach a container in a completed pod; current phase is Succeeded\n", "code": 1},
  {"args": ["attach", "loop", "-it"], "stdout": "", "stderr": "error: Unable to use a TTY - container loop did not allocate one\nIf you don't see a command prompt, try pressing enter.\n"},
  {"args": ["attach", "pod", "loop", "-c", "nope"], "stdout": "", "stderr": "error: cannot attach to the container: container nope not found in pod loop\n", "code": 1},
  {"args": ["attach"], "stdout": "", "stderr": "error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n", "code": 1},
  {"args": ["attach", "a", "b", "c"], "stdout": "", "stderr": "error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\nSee 'kubectl attach -h' for help and examples\n", "code": 1},
  {"args": ["attach", "nope"], "stdout": "", "stderr": "Error from server (NotFound): pods \"nope\" not found\n", "code": 1},
]));

test('a container\'s own command runs the exec shell\'s whoami, id, pwd, uname, head and sees the container\'s files (resolv.conf, hostname)', () => play([
  {"args": ["clock", "set-mode", "manual"], "stdout": ""},
  {"args": ["clock", "set", "2030-01-01T00:00:00Z"], "stdout": ""},
  {"args": ["run", "who", "--image=busybox", "--restart=Never", "--", "sh", "-c", "whoami; id; pwd; uname; head -2 /etc/resolv.conf; echo hi > /tmp/f; head -1 /tmp/f; cat /etc/hostname; cat /nope"], "stdout": "pod/who created\n"},
  {"args": ["run", "deb", "--image=nginx", "--restart=Never", "--", "sh", "-c", "whoami; id; uname; cat /nope"], "stdout": "pod/deb created\n"},
  {"args": ["clock", "advance", "3s"], "stdout": ""},
  {"args": ["get", "pods"], "stdout": "NAME   READY   STATUS   RESTARTS   AGE\ndeb    0/1     Error    0          3s\nwho    0/1     Error    0          3s\n"},
  {"args": ["logs", "who"], "stdout": "root\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\n/\nLinux\nsearch default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\nhi\nwho\ncat: can't open '/nope': No such file or directory\n"},
  {"args": ["logs", "deb"], "stdout": "root\nuid=0(root) gid=0(root) groups=0(root)\nLinux\ncat: /nope: No such file or directory\n"},
]));
