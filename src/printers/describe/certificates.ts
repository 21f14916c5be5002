// CertificateSigningRequestDescriber (describe.go): the request's subject and SANs, read from
// the PEM-encoded PKCS#10 request with a minimal DER reader (x509.ParseCertificateRequest's fields).
import type { KObject } from '../../api/types.js';
import { formatLabels } from '../labels.js';
import { humanDuration } from '../duration.js';
import { PrefixWriter, LEVEL_0 } from './writer.js';
import { formatRFC1123Z, describeEventsInto } from './common.js';
import type { DescribeContext } from './context.js';

interface Der {
  tag: number;
  body: Buffer;
  /** offset just past this element */
  end: number;
}

function readDer(buf: Buffer, off: number): Der {
  const tag = buf[off];
  let len = buf[off + 1];
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > buf.length) throw new Error('truncated DER');
  return { tag, body: buf.subarray(p, p + len), end: p + len };
}

function children(body: Buffer): Der[] {
  const out: Der[] = [];
  for (let off = 0; off < body.length; ) {
    const d = readDer(body, off);
    out.push(d);
    off = d.end;
  }
  return out;
}

function oid(body: Buffer): string {
  const parts = [Math.floor(body[0] / 40), body[0] % 40];
  let v = 0;
  for (let i = 1; i < body.length; i++) {
    v = v * 128 + (body[i] & 0x7f);
    if (!(body[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** net.IP.String(): dotted IPv4, compressed IPv6 */
function ipString(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  if (b.length !== 16) return `?${b.toString('hex')}`;
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}

export interface CertificateRequest {
  subject: { commonName: string; serialNumber: string; organization: string[]; organizationalUnit: string[]; country: string[]; locality: string[]; province: string[]; streetAddress: string[]; postalCode: string[] };
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: string[];
  uris: string[];
}

const NAME_ATTRS: Record<string, keyof CertificateRequest['subject']> = {
  '2.5.4.3': 'commonName',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'country',
  '2.5.4.7': 'locality',
  '2.5.4.8': 'province',
  '2.5.4.9': 'streetAddress',
  '2.5.4.10': 'organization',
  '2.5.4.11': 'organizationalUnit',
  '2.5.4.17': 'postalCode',
};

/** certificate.ParseCSR: the first CERTIFICATE REQUEST PEM block of the request bytes. */
export function parseCSR(pem: string): CertificateRequest {
  const m = /-----BEGIN CERTIFICATE REQUEST-----([\s\S]*?)-----END CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) throw new Error('PEM block type must be CERTIFICATE REQUEST');
  const der = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  const info = children(readDer(readDer(der, 0).body, 0).body); // CertificationRequestInfo
  const cr: CertificateRequest = {
    subject: { commonName: '', serialNumber: '', organization: [], organizationalUnit: [], country: [], locality: [], province: [], streetAddress: [], postalCode: [] },
    dnsNames: [],
    emailAddresses: [],
    ipAddresses: [],
    uris: [],
  };
  for (const rdn of children(info[1].body)) {
    for (const atv of children(rdn.body)) {
      const [t, v] = children(atv.body);
      const field = NAME_ATTRS[oid(t.body)];
      if (!field) continue;
      const value = v.body.toString('utf8');
      const s = cr.subject as any;
      if (Array.isArray(s[field])) s[field].push(value);
      else s[field] = value;
    }
  }
  const attrs = info.find((d) => d.tag === 0xa0);
  for (const attr of attrs ? children(attrs.body) : []) {
    const [t, set] = children(attr.body);
    if (oid(t.body) !== '1.2.840.113549.1.9.14') continue; // extensionRequest
    for (const exts of children(set.body)) {
      for (const ext of children(exts.body)) {
        const parts = children(ext.body);
        if (oid(parts[0].body) !== '2.5.29.17') continue; // subjectAltName
        const names = readDer(parts[parts.length - 1].body, 0);
        for (const gn of children(names.body)) {
          const tag = gn.tag & 0x1f;
          if (tag === 2) cr.dnsNames.push(gn.body.toString('latin1'));
          else if (tag === 1) cr.emailAddresses.push(gn.body.toString('latin1'));
          else if (tag === 6) cr.uris.push(gn.body.toString('latin1'));
          else if (tag === 7) cr.ipAddresses.push(ipString(gn.body));
        }
      }
    }
  }
  return cr;
}

/** extractCSRStatus */
function csrStatus(csr: KObject): string {
  const types = new Set((csr.status?.conditions ?? []).map((c: any) => c.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (csr.status?.certificate) status += ',Issued';
  return status;
}

/** CertificateSigningRequestDescriber (certificates.k8s.io/v1) */
export function describeCertificateSigningRequest(csr: KObject, ctx: DescribeContext): string {
  const md = csr.metadata ?? {};
  const spec = csr.spec ?? {};
  const cr = parseCSR(Buffer.from(spec.request ?? '', 'base64').toString('latin1'));
  const w = new PrefixWriter();
  const list = (name: string, values: string[]) => {
    if (values.length === 0) return;
    w.write(LEVEL_0, `\t${name}:\t`);
    w.write(LEVEL_0, values.join('\n\t\t'));
    w.write(LEVEL_0, '\n');
  };
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Labels:\t${formatLabels(md.labels)}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(md.annotations)}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Requesting User:\t${spec.username ?? ''}\n`);
  if (spec.signerName) w.write(LEVEL_0, `Signer:\t${spec.signerName}\n`);
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds !== null) w.write(LEVEL_0, `Requested Duration:\t${humanDuration(spec.expirationSeconds * 1000)}\n`);
  w.write(LEVEL_0, `Status:\t${csrStatus(csr)}\n`);
  w.write(LEVEL_0, 'Subject:\n');
  w.write(LEVEL_0, `\tCommon Name:\t${cr.subject.commonName}\n`);
  w.write(LEVEL_0, `\tSerial Number:\t${cr.subject.serialNumber}\n`);
  list('Organization', cr.subject.organization);
  list('Organizational Unit', cr.subject.organizationalUnit);
  list('Country', cr.subject.country);
  list('Locality', cr.subject.locality);
  list('Province', cr.subject.province);
  list('StreetAddress', cr.subject.streetAddress);
  list('PostalCode', cr.subject.postalCode);
  if (cr.dnsNames.length + cr.emailAddresses.length + cr.ipAddresses.length + cr.uris.length > 0) {
    w.write(LEVEL_0, 'Subject Alternative Names:\n');
    list('DNS Names', cr.dnsNames);
    list('Email Addresses', cr.emailAddresses);
    list('URIs', cr.uris);
    list('IP Addresses', cr.ipAddresses);
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
