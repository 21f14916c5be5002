// kubectl debug end to end (manual mode, every byte): an ephemeral container added through the
// pods/ephemeralcontainers subresource and started by the kubelet (events, ephemeralContainerStatuses,
// exec and describe), attached to with stdin; a copy of a pod (--copy-to); a node debugging pod; errors.
// Recorded from kubesim and checked against kubectl v1.32's debug.go/profiles.go (scripts: none, the
// outputs are reviewed by hand; the error strings were checked with the real kubectl's Validate).
import test from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { play } from './helpers.js';

test("debug POD -it: an ephemeral container is pulled, started, attached to with our stdin, and ends with the session", () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["run","web","--image=nginx"],"stdout":"pod/web created\n"},
  {"args":["clock","advance","5s"],"stdout":""},
  {"args":["debug","web","-it","--image=busybox","--target=web"],"input":"echo hello from $(hostname)\nls /\nexit 3\n","stdout":"Targeting container \"web\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\nDefaulting debug container name to debugger-pmggt.\nhello from web\nbin\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar\n","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\nUnable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n"},
  {"args":["get","pod","web","-o","jsonpath={.spec.ephemeralContainers}"],"stdout":"[{\"image\":\"busybox\",\"imagePullPolicy\":\"Always\",\"name\":\"debugger-pmggt\",\"resources\":{},\"stdin\":true,\"targetContainerName\":\"web\",\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\",\"tty\":true}]"},
  {"args":["get","pod","web","-o","jsonpath={.status.ephemeralContainerStatuses[0].state}"],"stdout":"{\"running\":{\"startedAt\":\"2030-01-01T00:00:06Z\"}}"},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["get","pod","web","-o","jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.exitCode} {.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].restartCount}"],"stdout":"3 Error 0"},
  {"args":["get","events","--field-selector","involvedObject.fieldPath=spec.ephemeralContainers{debugger-pmggt}","-o","custom-columns=REASON:.reason,FROM:.source.component,MESSAGE:.message"],"stdout":"REASON    FROM      MESSAGE\nPulling   kubelet   Pulling image \"busybox\"\nPulled    kubelet   Successfully pulled image \"busybox\" in 1.2s (1.2s including waiting). Image size: 2156000 bytes.\nCreated   kubelet   Created container: debugger-pmggt\nStarted   kubelet   Started container debugger-pmggt\n"},
  {"args":["debug","web","--image=busybox","-c","probe","--profile=general","--","sleep","3600"],"stdout":""},
  {"args":["clock","advance","3s"],"stdout":""},
  {"args":["exec","web","-c","probe","--","hostname"],"stdout":"web\n"},
  {"args":["get","pod","web"],"stdout":"NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          11s\n"},
  {"args":["describe","pod","web"],"stdout":"Name:             web\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             node-1/172.18.0.2\nStart Time:       Tue, 01 Jan 2030 00:00:00 +0000\nLabels:           run=web\nAnnotations:      <none>\nStatus:           Running\nIP:               10.244.0.2\nIPs:\n  IP:  10.244.0.2\nContainers:\n  web:\n    Container ID:   containerd://ad3c9c0c3ceb44bb76bbe46ffcf24bd82b4f3e3714feba137a7f5cbb10456253\n    Image:          nginx\n    Image ID:       docker.io/library/nginx@sha256:60aebf961fa5839d2c763b7dea47611c162aadae0768200fccf25a381ffaccc1\n    Port:           <none>\n    Host Port:      <none>\n    State:          Running\n      Started:      Tue, 01 Jan 2030 00:00:01 +0000\n    Ready:          True\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-sl677 (ro)\nEphemeral Containers:\n  debugger-pmggt:\n    Container ID:   containerd://365e219c42cc36b276bd3f5b8b6c8f28464e51836134439f50a9043cfdbc5bfa\n    Image:          busybox\n    Image ID:       docker.io/library/busybox@sha256:9faad5aa24076c99507f153a94a196417678dbb1baf913e2fd15ec894bc78e47\n    Port:           <none>\n    Host Port:      <none>\n    State:          Terminated\n      Reason:       Error\n      Exit Code:    3\n      Started:      Tue, 01 Jan 2030 00:00:06 +0000\n      Finished:     Tue, 01 Jan 2030 00:00:07 +0000\n    Ready:          False\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\n  probe:\n    Container ID:  containerd://b966a70e421b6e6800caff7c2875a01c94c49015c3264b298737f7743f7805cd\n    Image:         busybox\n    Image ID:      docker.io/library/busybox@sha256:9faad5aa24076c99507f153a94a196417678dbb1baf913e2fd15ec894bc78e47\n    Port:          <none>\n    Host Port:     <none>\n    Command:\n      sleep\n      3600\n    State:          Running\n      Started:      Tue, 01 Jan 2030 00:00:10 +0000\n    Ready:          False\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:         <none>\nConditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Initialized                 True \n  Ready                       True \n  ContainersReady             True \n  PodScheduled                True \nVolumes:\n  kube-api-access-sl677:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    ConfigMapOptional:       <nil>\n    DownwardAPI:             true\nQoS Class:                   BestEffort\nNode-Selectors:              <none>\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  11s   default-scheduler  Successfully assigned default/web to node-1\n  Normal  Pulling    11s   kubelet            Pulling image \"nginx\"\n  Normal  Pulled     10s   kubelet            Successfully pulled image \"nginx\" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.\n  Normal  Created    10s   kubelet            Created container: web\n  Normal  Started    10s   kubelet            Started container web\n  Normal  Pulling    6s    kubelet            Pulling image \"busybox\"\n  Normal  Pulled     5s    kubelet            Successfully pulled image \"busybox\" in 1.2s (1.2s including waiting). Image size: 2156000 bytes.\n  Normal  Created    5s    kubelet            Created container: debugger-pmggt\n  Normal  Started    5s    kubelet            Started container debugger-pmggt\n  Normal  Pulling    3s    kubelet            Pulling image \"busybox\"\n  Normal  Pulled     1s    kubelet            Successfully pulled image \"busybox\" in 1.2s (1.2s including waiting). Image size: 2156000 bytes.\n  Normal  Created    1s    kubelet            Created container: probe\n  Normal  Started    1s    kubelet            Started container probe\n"},
]));

test("debug --copy-to: a copy without labels or the ephemeral containers, its debug container attached to; --set-image and --replace", () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["run","web","--image=nginx","--labels=app=web"],"stdout":"pod/web created\n"},
  {"args":["clock","advance","5s"],"stdout":""},
  {"args":["debug","web","-it","--copy-to=web-debug","--image=busybox","--share-processes"],"input":"echo copy $(hostname)\n","stdout":"Defaulting debug container name to debugger-pmggt.\ncopy web-debug\n","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\nUnable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n"},
  {"args":["get","pod","web-debug","-o","jsonpath={.metadata.labels} {.spec.shareProcessNamespace} {.spec.containers[*].name} {.spec.volumes[*].name} {.spec.containers[1].stdin} {.spec.containers[1].tty}"],"stdout":" true web debugger-pmggt kube-api-access-sl677 true true"},
  {"args":["clock","advance","3s"],"stdout":""},
  {"args":["get","pods","--show-labels"],"stdout":"NAME        READY   STATUS    RESTARTS   AGE   LABELS\nweb         1/1     Running   0          9s    app=web\nweb-debug   2/2     Running   0          4s    <none>\n"},
  {"args":["debug","web","--copy-to=web-v2","--set-image=*=nginx:1.27","--replace"],"stdout":"","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n"},
  {"args":["clock","advance","3s"],"stdout":""},
  {"args":["get","pods","-o","custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image"],"stdout":"NAME        IMAGES\nweb-debug   nginx,busybox\nweb-v2      nginx:1.27\n"},
]));

test("debug node/NAME: a pod in the host namespaces with / at /host; errors", () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["debug","node/node-1","-it","--image=busybox"],"input":"hostname\n","stdout":"Creating debugging pod node-debugger-node-1-xqqhs with container debugger on node node-1.\nnode-debugger-node-1-xqqhs\n","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\nUnable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n"},
  {"args":["get","pods","-o","wide"],"stdout":"NAME                         READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\nnode-debugger-node-1-xqqhs   1/1     Running   0          1s    172.18.0.2   node-1   <none>           <none>\n"},
  {"args":["get","pod","node-debugger-node-1-xqqhs","-o","jsonpath={.metadata.labels} {.spec.hostNetwork} {.spec.hostPID} {.spec.hostIPC} {.spec.nodeName} {.spec.restartPolicy} {.spec.tolerations} {.spec.volumes[0]} {.spec.containers[0].volumeMounts[0]}"],"stdout":"{\"app.kubernetes.io/managed-by\":\"kubectl-debug\"} true true true node-1 Never [{\"operator\":\"Exists\"}] {\"hostPath\":{\"path\":\"/\",\"type\":\"\"},\"name\":\"host-root\"} {\"mountPath\":\"/host\",\"name\":\"host-root\"}"},
  {"args":["debug","node/node-1","--image=busybox","--profile=baseline","-q"],"stdout":""},
  {"args":["debug","nope","--image=busybox"],"stdout":"","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\nError from server (NotFound): pods \"nope\" not found\n","code":1},
  {"args":["debug","node/nope","--image=busybox"],"stdout":"","stderr":"--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\nError from server (NotFound): nodes \"nope\" not found\n","code":1},
  {"args":["debug","web"],"stdout":"","stderr":"error: you must specify --image when not using --copy-to.\n","code":1},
  {"args":["debug","--image=busybox"],"stdout":"","stderr":"error: NAME or filename is required for debug\n","code":1},
  {"args":["debug","web","--image=busybox","-t"],"stdout":"","stderr":"error: -i/--stdin is required for containers with -t/--tty=true\n","code":1},
  {"args":["debug","web","--image=busybox","--profile=bad"],"stdout":"","stderr":"error: unknown profile: bad\n","code":1},
  {"args":["debug","web","--image=busybox","--copy-to=x","--target=a"],"stdout":"","stderr":"error: --target is incompatible with --copy-to. Use --share-processes instead.\n","code":1},
  {"args":["debug","web","--image=Bad"],"stdout":"","stderr":"error: invalid image name \"Bad\": invalid reference format\n","code":1},
  {"args":["debug","web","--image=busybox","--same-node"],"stdout":"","stderr":"error: --same-node may only be used with --copy-to.\n","code":1},
  {"args":["debug","web","--copy-to=x"],"stdout":"","stderr":"error: you must specify --image, --set-image or command arguments.\n","code":1},
]));

test("debug --custom: a partial container spec (YAML or JSON) merged onto the debug container after the profile; its errors", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-custom-'));
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
  const yaml = file('custom.yaml', 'env:\n- name: A\n  value: b\nsecurityContext:\n  runAsUser: 1000\nnotAField: 1\n');
  const json = file('custom.json', '{"workingDir": "/tmp", "env": [{"name": "B", "value": "c"}]}');
  const image = file('image.json', '{"image": "alpine"}');
  const bad = file('bad.yaml', 'env: x: y\n');
  const missing = join(dir, 'nope.json');
  play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["run","web","--image=nginx"],"stdout":"pod/web created\n"},
    {"args":["clock","advance","5s"],"stdout":""},
    {"args":["debug","web","--image=busybox","--profile=general",`--custom=${yaml}`,"--","sleep","10"],"stdout":"Defaulting debug container name to debugger-pmggt.\n"},
    {"args":["get","pod","web","-o","jsonpath={.spec.ephemeralContainers[0]}"],"stdout":"{\"command\":[\"sleep\",\"10\"],\"env\":[{\"name\":\"A\",\"value\":\"b\"}],\"image\":\"busybox\",\"imagePullPolicy\":\"Always\",\"name\":\"debugger-pmggt\",\"resources\":{},\"securityContext\":{\"capabilities\":{\"add\":[\"SYS_PTRACE\"]},\"runAsUser\":1000},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}"},
    {"args":["debug","web","--image=busybox","--copy-to=web2","--profile=general",`--custom=${json}`,"-q"],"stdout":""},
    {"args":["get","pod","web2","-o","jsonpath={.spec.containers[1].env} {.spec.containers[1].workingDir}"],"stdout":"[{\"name\":\"B\",\"value\":\"c\"}] /tmp"},
    {"args":["debug","web","--image=busybox",`--custom=${image}`],"stdout":"","stderr":"error: name, command, image, lifecycle and volume devices are not modifiable via custom profile\n","code":1},
    {"args":["debug","web","--image=busybox",`--custom=${bad}`],"stdout":"","stderr":`error: ${bad} does not contain a valid container spec: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n`,"code":1},
    {"args":["debug","web","--image=busybox",`--custom=${missing}`],"stdout":"","stderr":`error: must pass a container spec json file for custom profile: open ${missing}: no such file or directory\n`,"code":1},
    // Validate's earlier checks come first
    {"args":["debug","web","--image=busybox","-t",`--custom=${image}`],"stdout":"","stderr":"error: -i/--stdin is required for containers with -t/--tty=true\n","code":1},
  ]);
});
