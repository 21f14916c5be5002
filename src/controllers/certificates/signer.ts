// Port of pkg/controller/certificates/signer (kube-controller-manager's csrsigning controllers): an
// approved, not failed request for one of the kubernetes.io signers is checked against the signer's
// policy (a failure is a Failed condition, SignerValidationFailure) and then signed: status.certificate
// holds the PEM certificate (authority.go Sign, PermissiveSigningPolicy: 5 minutes backdated, the
// requested duration within [10m, --cluster-signing-duration = 1 year]; the CA's own expiry, 2036, is not applied).
// kubesim: the cluster's CA has no key, so the signature is bytes derived from the certificate; the
// serial and signature come from hashes, not the cluster's random stream, so signing shifts no names.
import { createHash } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import { buildCertificate, commonNameDer, parseCSR, pemEncode, type CertificateRequest } from '../../api/x509.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';

const name = 'csrsigning';
const CERT_TTL_MS = 8760 * 3600_000;
const MIN_TTL_MS = 10 * 60_000;
const BACKDATE_MS = 5 * 60_000;
const SHORT_MS = 8 * 3600_000;

const has = (csr: KObject, type: string) => (csr.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');

const ORGANIZATION_NOT_SYSTEM_NODES = 'subject organization is not system:nodes';
const COMMON_NAME_NOT_SYSTEM_NODE = 'subject common name does not begin with system:node:';
const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));

/** validAPIServerClientUsages */
function apiServerClient(_req: CertificateRequest, usages: string[]): string | undefined {
  let clientAuth = false;
  for (const u of usages) {
    if (u === 'client auth') clientAuth = true;
    else if (u !== 'digital signature' && u !== 'key encipherment') return `invalid usage for client certificate: ${u}`;
  }
  return clientAuth ? undefined : 'missing required usage for client certificate: client auth';
}

/** ValidateKubeletClientCSR */
function kubeletClient(req: CertificateRequest, usages: string[]): string | undefined {
  if (req.subject.organization.length !== 1 || req.subject.organization[0] !== 'system:nodes') return ORGANIZATION_NOT_SYSTEM_NODES;
  if (req.dnsNames.length) return 'DNS subjectAltNames are not allowed';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.ipAddresses.length) return 'IP subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  if (!req.subject.commonName.startsWith('system:node:')) return COMMON_NAME_NOT_SYSTEM_NODE;
  const set = new Set(usages);
  if (!sameSet(set, ['client auth', 'digital signature', 'key encipherment']) && !sameSet(set, ['client auth', 'digital signature'])) {
    return 'usages did not match [client auth digital signature key encipherment]';
  }
  return undefined;
}

/** ValidateKubeletServingCSR */
function kubeletServing(req: CertificateRequest, usages: string[]): string | undefined {
  if (req.subject.organization.length !== 1 || req.subject.organization[0] !== 'system:nodes') return ORGANIZATION_NOT_SYSTEM_NODES;
  if (!req.dnsNames.length && !req.ipAddresses.length) return 'DNS or IP subjectAltName is required';
  if (req.emailAddresses.length) return 'Email subjectAltNames are not allowed';
  if (req.uris.length) return 'URI subjectAltNames are not allowed';
  const set = new Set(usages);
  if (!sameSet(set, ['digital signature', 'key encipherment', 'server auth']) && !sameSet(set, ['digital signature', 'server auth'])) {
    return 'usages did not match [digital signature key encipherment server auth]';
  }
  if (!req.subject.commonName.startsWith('system:node:')) return COMMON_NAME_NOT_SYSTEM_NODE;
  return undefined;
}

/** signer name -> its policy check (getCSRVerificationFuncForSignerName) */
const SIGNERS: Record<string, (req: CertificateRequest, usages: string[]) => string | undefined> = {
  'kubernetes.io/kube-apiserver-client': apiServerClient,
  'kubernetes.io/kube-apiserver-client-kubelet': kubeletClient,
  'kubernetes.io/kubelet-serving': kubeletServing,
};

/** signer.duration: the requested duration, within [10m, the signing duration] */
function duration(expirationSeconds: unknown): number {
  if (typeof expirationSeconds !== 'number') return CERT_TTL_MS;
  return Math.min(CERT_TTL_MS, Math.max(MIN_TTL_MS, expirationSeconds * 1000));
}

function sign(ctx: ControllerContext, csr: KObject, req: CertificateRequest): string {
  const now = ctx.now;
  const ca: string = ctx.cluster.get('configmaps', 'kube-system', 'kube-root-ca.crt')?.data?.['ca.crt'] ?? '';
  const seed = createHash('sha256').update(`${csr.metadata?.uid}/${now}`).digest();
  const usages: string[] = csr.spec?.usages ?? [];
  const ttl = duration(csr.spec?.expirationSeconds);
  const tbsOptions = {
    serial: seed.subarray(0, 16),
    issuer: commonNameDer('kubernetes'),
    authorityKeyId: createHash('sha1').update(ca).digest(),
    notBefore: now - BACKDATE_MS,
    // a short certificate is backdated at both ends, so that it lives no longer than asked
    notAfter: now + ttl - (ttl <= SHORT_MS ? BACKDATE_MS : 0),
    usages,
  };
  // 256 bytes, a 2048-bit RSA signature's length
  let signature = Buffer.alloc(0);
  for (let i = 0; signature.length < 256; i++) signature = Buffer.concat([signature, createHash('sha256').update(seed).update(String(i)).digest()]);
  return pemEncode('CERTIFICATE', buildCertificate(req, { ...tbsOptions, signature }));
}

function handle(ctx: ControllerContext, key: string): void {
  const csr = ctx.cluster.get('certificatesigningrequests', undefined, key);
  if (!csr || !has(csr, 'Approved') || has(csr, 'Failed') || csr.status?.certificate) return;
  const policy = SIGNERS[csr.spec?.signerName];
  if (!policy) return;
  let req: CertificateRequest;
  try {
    req = parseCSR(Buffer.from(csr.spec?.request ?? '', 'base64').toString('latin1'));
  } catch {
    return; // upstream: an error retried forever; the API server has already refused such requests
  }
  const failure = policy(req, csr.spec?.usages ?? []);
  if (failure) {
    const condition = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: failure, lastUpdateTime: ctx.cluster.nowRFC3339(), lastTransitionTime: ctx.cluster.nowRFC3339() };
    ctx.cluster.updateStatus('certificatesigningrequests', { ...csr, status: { ...csr.status, conditions: [...(csr.status?.conditions ?? []), condition] } });
    return;
  }
  const certificate = Buffer.from(sign(ctx, csr, req)).toString('base64');
  ctx.cluster.updateStatus('certificatesigningrequests', { ...csr, status: { ...csr.status, certificate } });
}

export const csrSigningController: ControllerModule = {
  name,
  watch: {
    certificatesigningrequests(type, csr, _old, q) {
      if (type !== 'DELETED') q.add(name, csr.metadata!.name!);
    },
  },
  start(ctx, q) {
    for (const csr of ctx.cluster.list('certificatesigningrequests')) q.add(name, csr.metadata!.name!);
  },
  sync: handle,
};
