// `get --show-kind` prefixes NAME with kind.group/ for a single type too (cli-runtime decorateTable),
// and kinds without a printer get the API server's default table.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ks, pinnedCluster } from './helpers.js';

test('get --show-kind for one type; roles print NAME and CREATED AT', () => {
  const home = pinnedCluster();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-showkind-')), 'role.yaml');
  fs.writeFileSync(file, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: pod-reader\nrules: []\n');
  assert.equal(ks(home, ['apply', '-f', file]).code, 0);
  const kube = ks(home, ['get', 'svc', '--show-kind']);
  assert.equal(kube.code, 0, kube.stderr);
  assert.match(kube.stdout, /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nservice\/kubernetes +ClusterIP /);
  const roles = ks(home, ['get', 'roles', '--show-kind']);
  assert.equal(roles.stdout, 'NAME                                        CREATED AT\nrole.rbac.authorization.k8s.io/pod-reader   2030-01-01T00:00:00Z\n');
  const plain = ks(home, ['get', 'roles', '--show-kind=false']);
  assert.equal(plain.stdout, 'NAME         CREATED AT\npod-reader   2030-01-01T00:00:00Z\n');
});
