// kubesim curl end to end (manual mode, every byte): requests through a Service's ready endpoints,
// round robin, with the tally by pod and by image version.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

interface Step { args: string[]; stdout: string; stderr?: string; code?: number }

function play(steps: Step[]): void {
  const home = tempHome();
  for (const s of steps) {
    const r = ks(home, s.args);
    const what = `kubesim ${s.args.join(' ')}`;
    assert.equal(r.stdout, s.stdout, what);
    assert.equal(r.stderr, s.stderr ?? '', what);
    assert.equal(r.code, s.code ?? 0, what);
  }
}

test('a rolling update from kubia v1 to v2: curl tallies both versions during it, only v2 after', () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["create","deployment","kubia","--image=luksa/kubia:v1","--replicas=3","--port=8080"],"stdout":"deployment.apps/kubia created\n"},
  {"args":["expose","deployment","kubia","--port=80","--target-port=8080"],"stdout":"service/kubia exposed\n"},
  {"args":["rollout","status","deployment/kubia"],"stdout":"Waiting for deployment \"kubia\" rollout to finish: 0 of 3 updated replicas are available...\ndeployment \"kubia\" successfully rolled out\n"},
  {"args":["curl","svc/kubia","-n","4"],"stdout":"1  200  kubia-58bdcc7c64-5fnmp  You've hit kubia-58bdcc7c64-5fnmp\n2  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n3  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n4  200  kubia-58bdcc7c64-5fnmp  You've hit kubia-58bdcc7c64-5fnmp\n\n4 requests to svc/kubia (10.96.0.11:80): 4 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-58bdcc7c64-5fnmp   luksa/kubia:v1   2          50%     200 x2\nkubia-58bdcc7c64-dhpjs   luksa/kubia:v1   1          25%     200 x1\nkubia-58bdcc7c64-zd728   luksa/kubia:v1   1          25%     200 x1\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v1   v1        4          100%\n"},
  {"args":["set","image","deployment/kubia","kubia=luksa/kubia:v2"],"stdout":"deployment.apps/kubia image updated\n"},
  {"args":["clock","advance","1600ms"],"stdout":""},
  {"args":["curl","svc/kubia","-n","20"],"stdout":" 1  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n 2  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 3  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n 4  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n 5  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 6  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n 7  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n 8  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 9  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n10  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n11  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n12  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n13  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n14  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n15  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n16  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n17  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n18  200  kubia-58bdcc7c64-dhpjs  You've hit kubia-58bdcc7c64-dhpjs\n19  200  kubia-58bdcc7c64-zd728  You've hit kubia-58bdcc7c64-zd728\n20  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n\n20 requests to svc/kubia (10.96.0.11:80): 20 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-g6dx5   luksa/kubia:v2   7          35%     200 x7\nkubia-58bdcc7c64-dhpjs   luksa/kubia:v1   6          30%     200 x6\nkubia-58bdcc7c64-zd728   luksa/kubia:v1   7          35%     200 x7\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v1   v1        13         65%\nluksa/kubia:v2   v2        7          35%\n"},
  {"args":["rollout","status","deployment/kubia"],"stdout":"Waiting for deployment \"kubia\" rollout to finish: 2 out of 3 new replicas have been updated...\nWaiting for deployment \"kubia\" rollout to finish: 1 old replicas are pending termination...\ndeployment \"kubia\" successfully rolled out\n"},
  {"args":["curl","svc/kubia","-n","20"],"stdout":" 1  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 2  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n 3  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n 4  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 5  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n 6  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n 7  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n 8  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n 9  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n10  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n11  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n12  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n13  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n14  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n15  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n16  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n17  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n18  200  kubia-56c47599cf-g4dwb  This is v2 running in pod kubia-56c47599cf-g4dwb\n19  200  kubia-56c47599cf-g6dx5  This is v2 running in pod kubia-56c47599cf-g6dx5\n20  200  kubia-56c47599cf-6bsjk  This is v2 running in pod kubia-56c47599cf-6bsjk\n\n20 requests to svc/kubia (10.96.0.11:80): 20 ok, 0 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-56c47599cf-6bsjk   luksa/kubia:v2   7          35%     200 x7\nkubia-56c47599cf-g4dwb   luksa/kubia:v2   6          30%     200 x6\nkubia-56c47599cf-g6dx5   luksa/kubia:v2   7          35%     200 x7\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        20         100%\n"},
]));

test('blue/green: patching the Service selector moves all traffic at once', () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["create","deployment","blue","--image=luksa/kubia:v1","--replicas=2","--port=8080"],"stdout":"deployment.apps/blue created\n"},
  {"args":["create","deployment","green","--image=luksa/kubia:v2","--replicas=2","--port=8080"],"stdout":"deployment.apps/green created\n"},
  {"args":["create","service","clusterip","kubia","--tcp=80:8080"],"stdout":"service/kubia created\n"},
  {"args":["patch","svc","kubia","-p","{\"spec\":{\"selector\":{\"app\":\"blue\"}}}"],"stdout":"service/kubia patched\n"},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["curl","svc/kubia","-n","4"],"stdout":"1  200  blue-7c8b4ff5b8-5fnmp  You've hit blue-7c8b4ff5b8-5fnmp\n2  200  blue-7c8b4ff5b8-dhpjs  You've hit blue-7c8b4ff5b8-dhpjs\n3  200  blue-7c8b4ff5b8-5fnmp  You've hit blue-7c8b4ff5b8-5fnmp\n4  200  blue-7c8b4ff5b8-dhpjs  You've hit blue-7c8b4ff5b8-dhpjs\n\n4 requests to svc/kubia (10.96.0.11:80): 4 ok, 0 failed\n\nPOD                     IMAGE            REQUESTS   SHARE   RESPONSES\nblue-7c8b4ff5b8-5fnmp   luksa/kubia:v1   2          50%     200 x2\nblue-7c8b4ff5b8-dhpjs   luksa/kubia:v1   2          50%     200 x2\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v1   v1        4          100%\n"},
  {"args":["patch","svc","kubia","-p","{\"spec\":{\"selector\":{\"app\":\"green\"}}}"],"stdout":"service/kubia patched\n"},
  {"args":["curl","svc/kubia","-n","4"],"stdout":"1  200  green-8f4cdbd88-5pdl7  This is v2 running in pod green-8f4cdbd88-5pdl7\n2  200  green-8f4cdbd88-fhhtx  This is v2 running in pod green-8f4cdbd88-fhhtx\n3  200  green-8f4cdbd88-5pdl7  This is v2 running in pod green-8f4cdbd88-5pdl7\n4  200  green-8f4cdbd88-fhhtx  This is v2 running in pod green-8f4cdbd88-fhhtx\n\n4 requests to svc/kubia (10.96.0.11:80): 4 ok, 0 failed\n\nPOD                     IMAGE            REQUESTS   SHARE   RESPONSES\ngreen-8f4cdbd88-5pdl7   luksa/kubia:v2   2          50%     200 x2\ngreen-8f4cdbd88-fhhtx   luksa/kubia:v2   2          50%     200 x2\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v2   v2        4          100%\n"},
  {"args":["get","ep","kubia"],"stdout":"NAME    ENDPOINTS                         AGE\nkubia   10.244.0.4:8080,10.244.0.5:8080   2s\n"},
]));

test('kubia v3 fails from its fifth request; curl errors; a LoadBalancer IP; nginx answers with its version', () => play([
  {"args":["clock","set-mode","manual"],"stdout":""},
  {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
  {"args":["create","deployment","kubia","--image=luksa/kubia:v3","--port=8080"],"stdout":"deployment.apps/kubia created\n"},
  {"args":["expose","deployment","kubia","--port=80","--target-port=8080"],"stdout":"service/kubia exposed\n"},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["curl","svc/kubia","-n","6"],"stdout":"1  200  kubia-566dbd65cd-5fnmp  This is v3 running in pod kubia-566dbd65cd-5fnmp\n2  200  kubia-566dbd65cd-5fnmp  This is v3 running in pod kubia-566dbd65cd-5fnmp\n3  200  kubia-566dbd65cd-5fnmp  This is v3 running in pod kubia-566dbd65cd-5fnmp\n4  200  kubia-566dbd65cd-5fnmp  This is v3 running in pod kubia-566dbd65cd-5fnmp\n5  500  kubia-566dbd65cd-5fnmp  Some internal error has occurred! This is pod kubia-566dbd65cd-5fnmp\n6  500  kubia-566dbd65cd-5fnmp  Some internal error has occurred! This is pod kubia-566dbd65cd-5fnmp\n\n6 requests to svc/kubia (10.96.0.11:80): 4 ok, 2 failed\n\nPOD                      IMAGE            REQUESTS   SHARE   RESPONSES\nkubia-566dbd65cd-5fnmp   luksa/kubia:v3   6          100%    200 x4, 500 x2\n\nIMAGE            VERSION   REQUESTS   SHARE\nluksa/kubia:v3   v3        6          100%\n"},
  {"args":["curl","svc/kubia:81"],"stdout":"","stderr":"error: kubesim curl: service/kubia has no port 81 (ports: 80)\n","code":1},
  {"args":["curl","deploy/kubia"],"stdout":"","stderr":"error: kubesim curl: cannot send requests to \"deploy\": use svc/NAME[:PORT][/PATH] or pod/NAME:PORT[/PATH]\n","code":1},
  {"args":["curl","svc/kubia","-n","0"],"stdout":"","stderr":"error: invalid argument \"0\" for \"-n, --count\" flag: must be a positive integer\n","code":1},
  {"args":["curl","svc/nope"],"stdout":"","stderr":"Error from server (NotFound): services \"nope\" not found\n","code":1},
  {"args":["create","deployment","web","--image=nginx"],"stdout":"deployment.apps/web created\n"},
  {"args":["expose","deployment","web","--port=80","--type=LoadBalancer"],"stdout":"service/web exposed\n"},
  {"args":["get","svc","web"],"stdout":"NAME   TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)        AGE\nweb    LoadBalancer   10.96.0.12   172.18.255.200   80:30622/TCP   0s\n"},
  {"args":["curl","svc/web","-n","1"],"stdout":"1  ERR  -  error: connection refused (no ready endpoints)\n\n1 request to svc/web (10.96.0.12:80): 0 ok, 1 failed\n\nPOD      IMAGE   REQUESTS   SHARE   RESPONSES\n(none)   -       1          100%    ERR x1\n\nIMAGE    VERSION   REQUESTS   SHARE\n(none)   -         1          100%\n"},
  {"args":["clock","advance","2s"],"stdout":""},
  {"args":["curl","svc/web/missing","-n","1","-i"],"stdout":"HTTP/1.1 404 Not Found\r\nServer: nginx/1.27.4\r\nDate: Tue, 01 Jan 2030 00:00:04 GMT\r\nContent-Type: text/html\r\nContent-Length: 153\r\nConnection: keep-alive\r\n\r\n<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.4</center>\r\n</body>\r\n</html>\r\n\n1 request to svc/web (10.96.0.12:80): 0 ok, 1 failed\n\nPOD                    IMAGE   REQUESTS   SHARE   RESPONSES\nweb-65d846d465-txv2f   nginx   1          100%    404 x1\n\nIMAGE   VERSION   REQUESTS   SHARE\nnginx   1.27.4    1          100%\n"},
  {"args":["curl","svc/web","-n","2","--every","1s"],"stdout":"00:00:04  1  200  web-65d846d465-txv2f  Welcome to nginx! [text/html, 615 bytes]\n00:00:05  2  200  web-65d846d465-txv2f  Welcome to nginx! [text/html, 615 bytes]\n\n2 requests to svc/web (10.96.0.12:80): 2 ok, 0 failed\n\nPOD                    IMAGE   REQUESTS   SHARE   RESPONSES\nweb-65d846d465-txv2f   nginx   2          100%    200 x2\n\nIMAGE   VERSION   REQUESTS   SHARE\nnginx   1.27.4    2          100%\n"},
]));
