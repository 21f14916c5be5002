// --tls: a self-signed serving certificate for the address (made with the system's openssl, kept in
// $KUBESIM_HOME/serve/), whose certificate is also the CA a kubeconfig trusts.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { UserError } from '../../api/errors.js';
import { ensureDir, kubesimHome } from '../../store/file.js';

export interface Tls {
  key: Buffer;
  cert: Buffer;
}

export function servingCert(cluster: string, address: string): Tls {
  const dir = path.join(kubesimHome(), 'serve');
  ensureDir(dir);
  const key = path.join(dir, `${cluster}.key`);
  const crt = path.join(dir, `${cluster}.crt`);
  const san = /^[\d.]+$|:/.test(address) ? `IP:${address}` : `DNS:${address}`;
  if (!fs.existsSync(key) || !fs.existsSync(crt) || !fs.readFileSync(`${crt}.san`, { encoding: 'utf8', flag: 'a+' }).includes(san)) {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '825',
      '-subj', `/CN=kubesim-${cluster}`, '-addext', `subjectAltName=${san},DNS:localhost,IP:127.0.0.1`], { encoding: 'utf8' });
    if (r.status !== 0) throw new UserError(`error: --tls needs openssl to make a certificate: ${r.error?.message ?? r.stderr}`);
    fs.chmodSync(key, 0o600);
    fs.writeFileSync(`${crt}.san`, san);
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(crt) };
}
