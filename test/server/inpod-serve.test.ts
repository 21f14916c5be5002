// The API from inside a pod while `kubesim serve` runs: an exec'd curl reaches the server's own
// cluster (and may write through it), and the server indents JSON for curl as kube-apiserver does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ks, pinnedCluster } from '../cli/helpers.js';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

test('kubesim serve: curl gets indented JSON; a pod\'s exec reaches the served cluster and writes through it', async () => {
  const home = pinnedCluster();
  for (const a of [['run', 'curl', '--image=curlimages/curl', '--command', '--', 'sleep', '9999999'], ['run', 'victim', '--image=busybox', '--', 'sleep', '3600'], ['clock', 'advance', '5s']]) assert.equal(ks(home, a).code, 0);
  const s = ks(home, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(s.code, 0, s.stderr);
  const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  try {
    const version = await (await fetch(`${url}/version`)).text();
    assert.ok(version.endsWith('}\n') && !version.includes('\n  '), version);
    assert.equal(await (await fetch(`${url}/version`, { headers: { 'user-agent': 'curl/8.11.1' } })).text(), JSON.stringify(JSON.parse(version), null, 2));
    assert.equal(await (await fetch(`${url}/version?pretty=true`)).text(), JSON.stringify(JSON.parse(version), null, 2));
    const notFound = await (await fetch(`${url}/api/v1/namespaces/default/pods/nope`, { headers: { 'user-agent': 'Wget' } })).text();
    assert.equal(notFound, '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}');
    const del = `export CURL_CA_BUNDLE=${SA}/ca.crt; TOKEN=$(cat ${SA}/token); curl -s -X DELETE -H "Authorization: Bearer $TOKEN" https://kubernetes/api/v1/namespaces/default/pods/victim | grep -E '"(message|deletionGracePeriodSeconds)"'`;
    assert.deepEqual(ks(home, ['exec', 'curl', '--', 'sh', '-c', del]), { stdout: '  "message": "pods \\"victim\\" is forbidden: User \\"system:serviceaccount:default:default\\" cannot delete resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",\n', stderr: '', code: 0 });
    assert.equal(ks(home, ['create', 'clusterrolebinding', 'permissive-binding', '--clusterrole=cluster-admin', '--group=system:serviceaccounts']).code, 0);
    assert.deepEqual(ks(home, ['exec', 'curl', '--', 'sh', '-c', del]), { stdout: '    "deletionGracePeriodSeconds": 30\n', stderr: '', code: 0 });
    assert.match(ks(home, ['get', 'pod', 'victim']).stdout, /^NAME +READY +STATUS +RESTARTS +AGE\nvictim +1\/1 +Terminating +0 +\S+\n$/);
    if (HAVE_KUBECTL) {
      // real kubectl's exec (over WebSocket) into the served cluster: the same in-pod API
      const r = spawnSync('kubectl', ['-s', url, 'exec', 'curl', '--', 'sh', '-c', `curl -s --cacert ${SA}/ca.crt https://kubernetes/version | grep -c gitVersion`], { env: { ...process.env, HOME: home, KUBECONFIG: '/dev/null' }, encoding: 'utf8', timeout: 30000 });
      assert.deepEqual([r.stdout, r.stderr, r.status], ['1\n', '', 0]);
    }
  } finally {
    ks(home, ['serve', 'stop']);
  }
});
