// CertificateSigningRequestDescriber (describe.go): the request's subject and SANs, read from
// the PEM-encoded PKCS#10 request (src/api/x509.ts).
import type { KObject } from '../../api/types.js';
import { parseCSR } from '../../api/x509.js';
import { extractCSRStatus } from '../tables/certificates.js';
import { formatLabels } from '../labels.js';
import { humanDuration } from '../duration.js';
import { PrefixWriter, LEVEL_0 } from './writer.js';
import { formatRFC1123Z, describeEventsInto } from './common.js';
import type { DescribeContext } from './context.js';

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
  w.write(LEVEL_0, `Status:\t${extractCSRStatus(csr)}\n`);
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
