// The little X.509 the API server and the CSR signer need: reading a PKCS#10 request (ParseCSR:
// subject, SANs, and the raw subject and public key a certificate copies) and writing the DER of a
// certificate for it (authority.go's Sign). kubesim has no CA key: the signature is the signer's bytes
// of the right length and algorithm, so the certificate parses everywhere and verifies nowhere.

export interface Der {
  tag: number;
  body: Buffer;
  /** offset just past this element */
  end: number;
  /** the whole element, header included */
  raw: Buffer;
}

export function readDer(buf: Buffer, off: number): Der {
  if (off + 2 > buf.length) throw new Error('asn1: syntax error: data truncated');
  const tag = buf[off];
  let len = buf[off + 1];
  let p = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i];
    p += n;
  }
  if (p + len > buf.length) throw new Error('asn1: syntax error: data truncated');
  return { tag, body: buf.subarray(p, p + len), end: p + len, raw: buf.subarray(off, p + len) };
}

export function children(body: Buffer): Der[] {
  const out: Der[] = [];
  for (let off = 0; off < body.length; ) {
    const d = readDer(body, off);
    out.push(d);
    off = d.end;
  }
  return out;
}

export function oidString(body: Buffer): string {
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
  /** the DER of the subject Name and of the SubjectPublicKeyInfo, as a certificate carries them */
  rawSubject: Buffer;
  rawPublicKey: Buffer;
  /** the subjectAltName extension's value (GeneralNames), when the request has one */
  rawSANs?: Buffer;
  /** RSA, ECDSA or Ed25519, from the key's algorithm */
  publicKeyAlgorithm: string;
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

const KEY_ALGORITHMS: Record<string, string> = { '1.2.840.113549.1.1.1': 'RSA', '1.2.840.10045.2.1': 'ECDSA', '1.3.101.112': 'Ed25519' };

/** certificates.ParseCSR: the first PEM block must be a CERTIFICATE REQUEST that x509 can parse. */
export function parseCSR(pem: string): CertificateRequest {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m || m[1] !== 'CERTIFICATE REQUEST') throw new Error('PEM block type must be CERTIFICATE REQUEST');
  const der = Buffer.from(m[2].replace(/\s+/g, ''), 'base64');
  const info = children(readDer(readDer(der, 0).body, 0).body); // CertificationRequestInfo
  if (info.length < 3) throw new Error('asn1: structure error: sequence truncated');
  const cr: CertificateRequest = {
    subject: { commonName: '', serialNumber: '', organization: [], organizationalUnit: [], country: [], locality: [], province: [], streetAddress: [], postalCode: [] },
    dnsNames: [],
    emailAddresses: [],
    ipAddresses: [],
    uris: [],
    rawSubject: info[1].raw,
    rawPublicKey: info[2].raw,
    publicKeyAlgorithm: KEY_ALGORITHMS[oidString(children(children(info[2].body)[0].body)[0].body)] ?? 'unknown',
  };
  for (const rdn of children(info[1].body)) {
    for (const atv of children(rdn.body)) {
      const [t, v] = children(atv.body);
      const field = NAME_ATTRS[oidString(t.body)];
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
    if (oidString(t.body) !== '1.2.840.113549.1.9.14') continue; // extensionRequest
    for (const exts of children(set.body)) {
      for (const ext of children(exts.body)) {
        const parts = children(ext.body);
        if (oidString(parts[0].body) !== '2.5.29.17') continue; // subjectAltName
        cr.rawSANs = parts[parts.length - 1].body;
        const names = readDer(cr.rawSANs, 0);
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

// --- writing DER ---

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...parts: Buffer[]): Buffer => { const body = Buffer.concat(parts); return Buffer.concat([Buffer.from([tag]), length(body.length), body]); };
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const enc = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) enc.unshift((x & 0x7f) | 0x80);
    bytes.push(...enc);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** a positive INTEGER from big-endian bytes */
function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  return tlv(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5) */
function time(ms: number): Buffer {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
  return new Date(ms).getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'latin1')) : tlv(0x18, Buffer.from(iso, 'latin1'));
}

const bitString = (bytes: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), bytes);
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));

/** keyUsage bits (x509.KeyUsage order) and extended key usages (OIDs) of the API's usage names */
const KEY_USAGE_BITS: Record<string, number> = {
  'digital signature': 0, 'content commitment': 1, 'key encipherment': 2, 'data encipherment': 3,
  'key agreement': 4, 'cert sign': 5, 'crl sign': 6, 'encipher only': 7, 'decipher only': 8,
};
const EXT_KEY_USAGES: Record<string, string> = {
  any: '2.5.29.37.0', 'server auth': '1.3.6.1.5.5.7.3.1', 'client auth': '1.3.6.1.5.5.7.3.2', 'code signing': '1.3.6.1.5.5.7.3.3',
  'email protection': '1.3.6.1.5.5.7.3.4', 's/mime': '1.3.6.1.5.5.7.3.4', 'ipsec end system': '1.3.6.1.5.5.7.3.5',
  'ipsec tunnel': '1.3.6.1.5.5.7.3.6', 'ipsec user': '1.3.6.1.5.5.7.3.7', timestamping: '1.3.6.1.5.5.7.3.8',
  'ocsp signing': '1.3.6.1.5.5.7.3.9', 'microsoft sgc': '1.3.6.1.4.1.311.10.3.3', 'netscape sgc': '2.16.840.1.113730.4.1',
};

function keyUsage(usages: string[]): Buffer | undefined {
  const bits = usages.map((u) => KEY_USAGE_BITS[u]).filter((b) => b !== undefined);
  if (!bits.length) return undefined;
  const bytes = Buffer.alloc(bits.some((b) => b >= 8) ? 2 : 1);
  for (const b of bits) bytes[b >> 3] |= 0x80 >> (b & 7);
  // DER drops trailing zero bits
  let unused = 0;
  const last = bytes[bytes.length - 1];
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return bitString(bytes, unused);
}

export interface CertificateOptions {
  serial: Buffer;
  /** the issuer Name (DER) and its key identifier */
  issuer: Buffer;
  authorityKeyId: Buffer;
  notBefore: number;
  notAfter: number;
  usages: string[];
  /** the signature's bytes (sha256WithRSAEncryption's length for a 2048-bit CA) */
  signature: Buffer;
}

/** authority.go Sign: the request's subject, key and SANs; the policy's usages; not a CA. */
export function buildCertificate(cr: CertificateRequest, o: CertificateOptions): Buffer {
  const sha256WithRSA = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05));
  const exts: Buffer[] = [];
  const ku = keyUsage(o.usages);
  if (ku) exts.push(extension('2.5.29.15', true, ku));
  const eku = o.usages.map((u) => EXT_KEY_USAGES[u]).filter(Boolean);
  if (eku.length) exts.push(extension('2.5.29.37', false, seq(...eku.map(oid))));
  exts.push(extension('2.5.29.19', true, seq()));
  exts.push(extension('2.5.29.35', false, seq(tlv(0x80, o.authorityKeyId))));
  if (cr.rawSANs) exts.push(extension('2.5.29.17', false, cr.rawSANs));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(o.serial),
    sha256WithRSA,
    o.issuer,
    seq(time(o.notBefore), time(o.notAfter)),
    cr.rawSubject,
    cr.rawPublicKey,
    tlv(0xa3, seq(...exts)),
  );
  return seq(tbs, sha256WithRSA, bitString(o.signature));
}

/** the issuer Name `CN=<cn>` */
export function commonNameDer(cn: string): Buffer {
  return seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x13, Buffer.from(cn, 'latin1')))));
}

export function pemEncode(type: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${b64}\n-----END ${type}-----\n`;
}
