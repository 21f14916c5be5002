// CertificateSigningRequests as a CKA task walks them: the API server records the requester and refuses a
// request that is not a PKCS#10 PEM; `certificate approve|deny` set the condition through the approval
// subresource with kubectl's errors; kube-controller-manager's signer issues a certificate (subject and key
// from the request, issuer CN=kubernetes, the requested duration, backdated 5 minutes) or fails the request
// when the signer's policy refuses its usages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { ks, ok, pinnedCluster } from './helpers.js';

// openssl req -new -key u.key -subj "/CN=jane/O=dev" (a 2048-bit RSA key)
const REQUEST = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1lqQ0NBVW9DQVFBd0hURU5NQXNHQTFVRUF3d0VhbUZ1WlRFTU1Bb0dBMVVFQ2d3RFpHVjJNSUlCSWpBTgpCZ2txaGtpRzl3MEJBUUVGQUFPQ0FROEFNSUlCQ2dLQ0FRRUFndGJka1FpWWlNajVSdGtBL3Rsb0dYK2NwcmEzCnJxSFduZDBVSG95eit4aFpWT2VjZ2x3dGE2akd6aTRmK09UMWZKalpzekJ0M3Z5dmZoL2s2ZlowYzVabDU4elcKdkljZVpHSVVIeGhvWDM1RENOYWE2MFF5ck9VMWVuRVZ2enRMMUk5aExlbTBDaXovVlQ1azRmalIzdUcxNnFIdgpKM3lzQTB1UkJIa3FGSVhEQ0l4OFR3YzIrQURPdTYvZTRMY2pCVFlyNEFndXRlTEU0M2pNcFM3VDVEc0UyZjVCClN5b2pvcGxTd0w5YzdLQUF0Sm80OUpIeEdoWk1MbVh4Mm9lMlNsTEhra2pPZjY1U0dubmw0bE9BVjFkMlRxZDYKdU54L05qWDB1ZFlCeVFPQmJaY1hkNEJwVEJ2Tk5oZHNhNVhpQkZCbWcrR3VPclZybTgxL2lyVHlIUUlEQVFBQgpvQUF3RFFZSktvWklodmNOQVFFTEJRQURnZ0VCQUQxa3VhOGJsYlYvNzB5RE5VVXVIamRFTXlGcUpaMk1kcXVJCnBZdXVpWDZSRy9UZDZkVUdMVVlmTEZORE9OZXo5OTE5c0RIVURVeCt5TzQyRVdYTEhPZ0RTYzVCZmlLLzZnc2oKNHFvTW1IZTA4QUt5UlkyTjVTVFBnS1A2SUtJc3d5VWdDQWh0Ujk4Q2VHbTdoTk5uZzVtdGhackkrWHpNSmpnegprY1B1WlFGTFJCT1g2MEFiWHJzVU54cEFrcy9VZHhLcnhud1FyLzVuNjYwZ2ZFcHFmc0FSN0hOWHlaZWxxU0NQCnJEbWpLZVBoN3NRZWNOZ3cvNVJlM3BRUG9aTHVYYUdmOXQ4WE9YL1B3Zi9oWXkrMWpBRWViNkVEUFpLMFNGR2IKbVRjbnowa1lyVExIWTNDcWVDUDdDbm5DUmVBOTlrcHhSTjJHblpMeTFHMnRJRmNyalpRPQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K';

const csr = (name: string, usages: string[], extra = '') =>
  `apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata: {name: ${name}}\nspec:\n  request: ${REQUEST}\n  signerName: kubernetes.io/kube-apiserver-client\n${extra}  usages: [${usages.join(', ')}]\n`;

test('create, approve, issued: the certificate is for the request, from the cluster CA, for the requested duration', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['create', '-f', '-'], csr('jane', ['client auth'], '  expirationSeconds: 86400\n'))), 'certificatesigningrequest.certificates.k8s.io/jane created\n');
  const table = 'NAME   AGE   SIGNERNAME                            REQUESTOR          REQUESTEDDURATION   CONDITION\n';
  assert.equal(ok(ks(home, ['get', 'csr'])), `${table}jane   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h                 Pending\n`);
  assert.equal(ok(ks(home, ['certificate', 'approve', 'jane'])), 'certificatesigningrequest.certificates.k8s.io/jane approved\n');
  // already approved: printed again, nothing added
  assert.equal(ok(ks(home, ['certificate', 'approve', 'jane'])), 'certificatesigningrequest.certificates.k8s.io/jane approved\n');
  assert.equal(ok(ks(home, ['get', 'csr'])), `${table}jane   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h                 Approved,Issued\n`);
  const status = JSON.parse(ok(ks(home, ['get', 'csr', 'jane', '-o', 'json']))).status;
  assert.deepEqual(status.conditions, [{ lastTransitionTime: '2030-01-01T00:00:00Z', lastUpdateTime: '2030-01-01T00:00:00Z', message: 'This CSR was approved by kubectl certificate approve.', reason: 'KubectlApprove', status: 'True', type: 'Approved' }]);
  const cert = new X509Certificate(Buffer.from(status.certificate, 'base64'));
  assert.equal(cert.subject, 'CN=jane\nO=dev');
  assert.equal(cert.issuer, 'CN=kubernetes');
  assert.equal(cert.validFrom, 'Dec 31 23:55:00 2029 GMT');
  assert.equal(cert.validTo, 'Jan  2 00:00:00 2030 GMT');
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.equal(cert.ca, false);
  assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.deepEqual(ks(home, ['certificate', 'deny', 'jane']), { stdout: '', stderr: 'error: certificate signing request "jane" is already Approved\n', code: 1 });
  assert.deepEqual(ks(home, ['certificate', 'approve', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n', code: 1 });
  assert.deepEqual(ks(home, ['certificate', 'approve']), { stdout: '', stderr: 'error: one or more CSRs must be specified as <name> or -f <filename>\n', code: 1 });
});

test("deny; a usage the signer's policy refuses fails the request; an invalid request is refused", () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', '-f', '-'], csr('denied', ['client auth'])));
  assert.equal(ok(ks(home, ['certificate', 'deny', 'denied', '-o', 'name'])), 'certificatesigningrequest.certificates.k8s.io/denied\n');
  ok(ks(home, ['create', '-f', '-'], csr('server', ['digital signature', 'server auth'])));
  ok(ks(home, ['certificate', 'approve', 'server']));
  assert.equal(ok(ks(home, ['get', 'csr', '--no-headers'])),
    'denied   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   <none>   Denied\nserver   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   <none>   Approved,Failed\n');
  assert.equal(ok(ks(home, ['get', 'csr', 'server', '-o', 'jsonpath={.status.conditions[1].reason}: {.status.conditions[1].message}'])), 'SignerValidationFailure: invalid usage for client certificate: server auth');
  const bad = ks(home, ['create', '-f', '-'], 'apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata: {name: bad}\nspec:\n  request: aGk=\n  signerName: kubernetes.io/kube-apiserver-client\n  expirationSeconds: 60\n  usages: [client auth]\n');
  assert.deepEqual(bad, { stdout: '', code: 1, stderr: 'The CertificateSigningRequest "bad" is invalid: \n* spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST\n* spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)\n' });
});
