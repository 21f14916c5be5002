// The API from inside a pod, step by step as Kubernetes in Action (ch. 8.2) walks it, under
// `kubesim exec` (manual mode, every byte): the kubernetes Service's variables, TLS refused without
// the cluster's CA, anonymous and then the pod's service-account token refused by RBAC, and once
// `create clusterrolebinding permissive-binding` grants it, the path list and the PodList. curl gets
// the API server's indented JSON (no newline after it). A write from the pod goes through.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

interface Step { args: string[]; input?: string; stdout: string | ((home: string) => string); stderr?: string; code?: number }

function play(steps: Step[]): void {
  const home = tempHome();
  for (const s of steps) {
    const r = ks(home, s.args, s.input);
    const what = `kubesim ${s.args.join(' ')}`;
    assert.equal(r.stdout, typeof s.stdout === 'string' ? s.stdout : s.stdout(home), what);
    assert.equal(r.stderr, s.stderr ?? '', what);
    assert.equal(r.code, s.code ?? 0, what);
  }
}

/** what the API answers `kubesim get --raw PATH`, as it indents it for curl */
const indented = (path: string) => (home: string) => JSON.stringify(JSON.parse(ks(home, ['get', '--raw', path]).stdout), null, 2);
const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
const TLS_ERROR = 'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.\n';
const forbidden = (message: string, details = '{}') => `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": ${JSON.stringify(message)},\n  "reason": "Forbidden",\n  "details": ${details},\n  "code": 403\n}`;
/** the book's session: the CA bundle exported, the token and namespace read into variables */
const session = (cmd: string) => `export CURL_CA_BUNDLE=${SA}/ca.crt; TOKEN=$(cat ${SA}/token); NS=$(cat ${SA}/namespace); ${cmd}`;

test('Kubernetes in Action 8.2: talking to the API server from a pod', () => play([
  { args: ['clock', 'set-mode', 'manual'], stdout: '' },
  { args: ['clock', 'set', '2030-01-01T00:00:00Z'], stdout: '' },
  { args: ['run', 'curl', '--image=tutum/curl', '--command', '--', 'sleep', '9999999'], stdout: 'pod/curl created\n' },
  { args: ['clock', 'advance', '5s'], stdout: '' },
  { args: ['exec', 'curl', '--', 'sh', '-c', 'env | grep KUBERNETES_SERVICE'], stdout: 'KUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\nKUBERNETES_SERVICE_HOST=10.96.0.1\n' },
  { args: ['exec', 'curl', '--', 'curl', 'https://kubernetes'], stdout: '', stderr: `${TLS_ERROR}command terminated with exit code 60\n`, code: 60 },
  { args: ['exec', 'curl', '--', 'ls', SA], stdout: 'ca.crt\nnamespace\ntoken\n' },
  { args: ['exec', 'curl', '--', 'curl', '--cacert', '/etc/nope.crt', 'https://kubernetes'], stdout: '', stderr: 'curl: (77) error setting certificate file: /etc/nope.crt\ncommand terminated with exit code 77\n', code: 77 },
  // the cluster's CA: TLS passes; no credentials is system:anonymous, who may read /version only
  { args: ['exec', 'curl', '--', 'curl', '--cacert', `${SA}/ca.crt`, 'https://kubernetes'], stdout: forbidden('forbidden: User "system:anonymous" cannot get path "/"') },
  { args: ['exec', 'curl', '--', 'sh', '-c', `export CURL_CA_BUNDLE=${SA}/ca.crt; curl https://kubernetes/version`], stdout: indented('/version') },
  { args: ['exec', 'curl', '--', 'sh', '-c', `export CURL_CA_BUNDLE=${SA}/ca.crt; curl -H 'Authorization: Bearer not-a-token' https://kubernetes`], stdout: '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "Unauthorized",\n  "reason": "Unauthorized",\n  "code": 401\n}' },
  // the pod's token: RBAC gives the default ServiceAccount nothing
  { args: ['exec', 'curl', '--', 'sh', '-c', session('curl -H "Authorization: Bearer $TOKEN" https://kubernetes')], stdout: forbidden('forbidden: User "system:serviceaccount:default:default" cannot get path "/"') },
  { args: ['exec', 'curl', '--', 'sh', '-c', session('curl -H "Authorization: Bearer $TOKEN" https://kubernetes/api/v1/namespaces/$NS/pods')], stdout: forbidden('pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"', '{\n    "kind": "pods"\n  }') },
  { args: ['create', 'clusterrolebinding', 'permissive-binding', '--clusterrole=cluster-admin', '--group=system:serviceaccounts'], stdout: 'clusterrolebinding.rbac.authorization.k8s.io/permissive-binding created\n' },
  { args: ['exec', 'curl', '--', 'sh', '-c', session('curl -H "Authorization: Bearer $TOKEN" https://kubernetes')], stdout: indented('/') },
  { args: ['exec', 'curl', '--', 'sh', '-c', session('curl -H "Authorization: Bearer $(cat ' + SA + '/token)" https://kubernetes/api/v1/namespaces/$NS/pods')], stdout: indented('/api/v1/namespaces/default/pods') },
  // a session on stdin (exec -it without a terminal): variables carry from line to line; a write goes through
  { args: ['run', 'victim', '--image=busybox', '--', 'sleep', '3600'], stdout: 'pod/victim created\n' },
  {
    args: ['exec', '-it', 'curl', '--', 'sh'],
    input: `export CURL_CA_BUNDLE=${SA}/ca.crt\nTOKEN=$(cat ${SA}/token)\nNS=$(cat ${SA}/namespace)\ncurl -s -X DELETE -H "Authorization: Bearer $TOKEN" https://kubernetes/api/v1/namespaces/$NS/pods/victim | grep -E '^  "kind"|^    "(name|deletionGracePeriodSeconds)"'\ncurl -s -H "Authorization: Bearer $TOKEN" https://kubernetes/api/v1/namespaces/$NS/pods/nope\n`,
    stdout: '  "kind": "Pod",\n    "name": "victim",\n    "deletionGracePeriodSeconds": 30\n{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}',
    stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
  },
  { args: ['get', 'pods'], stdout: 'NAME     READY   STATUS        RESTARTS   AGE\ncurl     1/1     Running       0          5s\nvictim   0/1     Terminating   0          0s\n' },
]));
