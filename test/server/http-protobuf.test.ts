// application/vnd.kubernetes.protobuf request bodies: what real kubectl v1.32's typed generators sent
// (recorded by test/fixtures/protobuf/record.mjs) decodes to what the same generator prints as JSON,
// and the server creates the objects from them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../cli/helpers.js';
import { decodeProtobuf } from '../../src/server/http/protobuf.js';
import { serve, type Served } from './http-helpers.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'protobuf');
const GENERATORS = ['deployment', 'job', 'cronjob', 'service', 'secret', 'configmap', 'poddisruptionbudget'];

/** Go's JSON of a zero metav1.Time is null; the decoder leaves such fields out. */
function withoutNulls(v: any): any {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

for (const g of GENERATORS) {
  test(`kubectl create ${g}: the protobuf body decodes to the generator's JSON`, async () => {
    const body = fs.readFileSync(path.join(DIR, `${g}.pb`));
    const want = withoutNulls(JSON.parse(fs.readFileSync(path.join(DIR, `${g}.json`), 'utf8')));
    assert.deepEqual(await decodeProtobuf(body), want);
  });
}

test('a body without the k8s\\0 prefix is a 400', async () => {
  await assert.rejects(decodeProtobuf(Buffer.from('{"kind":"Pod"}')), (e: any) => e.code === 400 && /expected prefix \[107 56 115 0\]/.test(e.message));
  // truncated: the envelope says more bytes follow than there are
  const cut = fs.readFileSync(path.join(DIR, 'deployment.pb')).subarray(0, 40);
  await assert.rejects(decodeProtobuf(cut), (e: any) => e.code === 400);
});

let s: Served;
before(async () => { s = await serve(); });
after(async () => { await s?.stop(); });

const URLS: Record<string, string> = {
  deployment: '/apis/apps/v1/namespaces/default/deployments',
  job: '/apis/batch/v1/namespaces/default/jobs',
  cronjob: '/apis/batch/v1/namespaces/default/cronjobs',
  service: '/api/v1/namespaces/default/services',
  secret: '/api/v1/namespaces/default/secrets',
  configmap: '/api/v1/namespaces/default/configmaps',
  poddisruptionbudget: '/apis/policy/v1/namespaces/default/poddisruptionbudgets',
};

test('the server creates each object from the protobuf body kubectl sent', async () => {
  for (const g of GENERATORS) {
    const body = fs.readFileSync(path.join(DIR, `${g}.pb`));
    const r = await s.api(`${URLS[g]}?fieldManager=kubectl-create&fieldValidation=Strict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf', Accept: 'application/vnd.kubernetes.protobuf,application/json' },
      body,
    });
    assert.equal(r.status, 201, `${g}: ${await r.clone().text()}`);
    assert.equal(r.headers.get('content-type'), 'application/json');
    const o = await r.json();
    const want = JSON.parse(fs.readFileSync(path.join(DIR, `${g}.json`), 'utf8'));
    assert.equal(o.metadata.name, want.metadata.name);
    assert.equal(o.kind, want.kind);
  }
  const d = await (await s.api(`${URLS.deployment}/web`)).json();
  // --replicas=0 is a pointer on the wire: kept, not defaulted to 1
  assert.equal(d.spec.replicas, 0);
  assert.deepEqual(d.spec.template.spec.containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }]);
  const svc = await (await s.api(`${URLS.service}/np`)).json();
  assert.equal(svc.spec.type, 'NodePort');
  assert.deepEqual(svc.spec.ports.map((p: any) => [p.port, p.targetPort, p.nodePort]), [[80, 8080, 30080]]);
  const sec = await (await s.api(`${URLS.secret}/creds`)).json();
  assert.deepEqual(sec.data, { user: Buffer.from('admin').toString('base64') });
  const pdb = await (await s.api(`${URLS.poddisruptionbudget}/pdb`)).json();
  assert.equal(pdb.spec.maxUnavailable, '25%');
});
