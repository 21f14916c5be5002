// certificates.k8s.io/v1 CertificateSigningRequest: pkg/registry/certificates/certificates/strategy.go
// (the requesting user is recorded on create; spec and status are kept on update) and
// pkg/apis/certificates/validation ValidateCertificateSigningRequestCreate.
import { parseCSR } from '../x509.js';
import { DEFAULT_USER, type UserInfo } from '../users.js';
import { type Errs, arr, duplicate, invalid, isObj, notSupported, required, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import { nameIsDNSSubdomain } from '../names.js';
import type { Strategy } from './types.js';

const VALID_USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/** Go's %#v of a []byte, as field.Invalid renders the request */
function goBytes(b: Buffer): string {
  return `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}

/** ValidateSignerName: `<domain>/<path>`, the domain a DNS-1123 subdomain */
function validateSignerName(name: string): Errs {
  const f = 'spec.signerName';
  if (!name) return [required(f, '')];
  const [domain, ...rest] = name.split('/');
  if (!rest.length || !rest.join('/')) return [invalid(f, JSON.stringify(name), 'must be a fully qualified domain and path of the form \'example.com/signer-name\'')];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(domain) || domain.length > 253) {
    return [invalid(f, JSON.stringify(name), 'must be a fully qualified domain and path of the form \'example.com/signer-name\'')];
  }
  return [];
}

function validate(csr: any): Errs {
  const errs = validateObjectMeta(csr.metadata, false, nameIsDNSSubdomain);
  const spec = isObj(csr.spec) ? csr.spec : {};
  const request = Buffer.from(str(spec.request), 'base64');
  try {
    parseCSR(request.toString('latin1'));
  } catch (e) {
    errs.push(invalid('spec.request', goBytes(request), (e as Error).message));
  }
  const usages = arr(spec.usages).map(str);
  if (!usages.length) errs.push(required('spec.usages', ''));
  const seen = new Set<string>();
  usages.forEach((u, i) => {
    if (!VALID_USAGES.includes(u)) errs.push(notSupported(`spec.usages[${i}]`, JSON.stringify(u), VALID_USAGES));
    else if (seen.has(u)) errs.push(duplicate(`spec.usages[${i}]`, JSON.stringify(u)));
    seen.add(u);
  });
  errs.push(...validateSignerName(str(spec.signerName)));
  if (typeof spec.expirationSeconds === 'number' && spec.expirationSeconds < 600) {
    errs.push(invalid('spec.expirationSeconds', String(spec.expirationSeconds), 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  return errs;
}

export const csrStrategy: Strategy = {
  /** PrepareForCreate: the requester is who sent it (kubesim's kubeconfig user from the CLI), and nothing comes pre-approved */
  prepareForCreate(csr: any, ctx?: { user?: UserInfo }) {
    const user = ctx?.user ?? DEFAULT_USER;
    const spec = (csr.spec = isObj(csr.spec) ? csr.spec : {});
    delete spec.uid;
    delete spec.extra;
    spec.username = user.name;
    spec.groups = [...user.groups];
    csr.status = {};
  },
  /** PrepareForUpdate: the spec cannot change, and status is the approval and status subresources' */
  prepareForUpdate(csr: any, old: any) {
    csr.spec = old.spec;
    csr.status = old.status;
  },
  validate,
  validateUpdate: (csr) => validateObjectMeta(csr.metadata, false, nameIsDNSSubdomain),
};
