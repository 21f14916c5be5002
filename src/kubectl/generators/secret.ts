// kubectl create secret generic|docker-registry|tls (create_secret.go, create_secret_docker.go,
// create_secret_tls.go).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { toCompactJson } from '../../printers/json.js';
import type { DataSources } from './configmap.js';
import { envFilePairs, fileSourceEntries, isConfigMapKey, parseLiteralSource, readSourceFile, secretHash } from './sources.js';
import { typedObject } from './typed.js';

interface SecretObj { kind: string; apiVersion: string; metadata: { name: string; namespace?: string }; type: string; data: Record<string, string> }

function newSecretObj(name: string, namespace: string | undefined, type: string): SecretObj {
  return { kind: 'Secret', apiVersion: 'v1', metadata: { name, namespace }, type, data: {} };
}

function addKey(s: SecretObj, key: string, bytes: Buffer): void {
  const errs = isConfigMapKey(key);
  if (errs.length) throw new UserError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in s.data) throw new UserError(`cannot add key ${key}, another key by that name already exists`);
  s.data[key] = bytes.toString('base64');
}

function addFileSources(s: SecretObj, sources: string[]): void {
  for (const src of sources) {
    for (const { key, file } of fileSourceEntries(src)) addKey(s, key, readSourceFile(file));
  }
}

function finish(s: SecretObj, appendHash: boolean): KObject {
  if (appendHash) s.metadata.name = `${s.metadata.name}-${secretHash(s)}`;
  return typedObject(s);
}

export function buildGenericSecret(o: DataSources & { type: string }): KObject {
  const s = newSecretObj(o.name, o.namespace, o.type);
  for (const src of o.fromLiteral) {
    const [k, v] = parseLiteralSource(src);
    addKey(s, k, Buffer.from(v, 'utf8'));
  }
  addFileSources(s, o.fromFile);
  for (const file of o.fromEnvFile) {
    for (const [k, v] of envFilePairs(file, 'env secret file cannot be a directory')) addKey(s, k, Buffer.from(v, 'utf8'));
  }
  return finish(s, o.appendHash);
}

export interface DockerRegistryOptions {
  name: string;
  namespace?: string;
  username: string;
  password: string;
  email: string;
  server: string;
  fromFile: string[];
  appendHash: boolean;
}

export function validateDockerRegistry(o: DockerRegistryOptions): void {
  if (!o.name) throw new UserError('name must be specified');
  if (!o.fromFile.length && (!o.username || !o.password || !o.server)) {
    throw new UserError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
}

export function buildDockerRegistrySecret(o: DockerRegistryOptions): KObject {
  const s = newSecretObj(o.name, o.namespace, 'kubernetes.io/dockerconfigjson');
  if (o.fromFile.length) {
    addFileSources(s, o.fromFile.map((f) => (f.includes('=') ? f : `.dockerconfigjson=${f}`)));
  } else {
    // DockerConfigJSON{Auths: {server: {username, password, email, auth}}}, encoded by json.Marshal
    const entry: Record<string, string> = {};
    if (o.username) entry.username = o.username;
    if (o.password) entry.password = o.password;
    if (o.email) entry.email = o.email;
    entry.auth = Buffer.from(`${o.username}:${o.password}`, 'utf8').toString('base64');
    const json = toCompactJson({ auths: { [o.server]: entry } }, false);
    s.data['.dockerconfigjson'] = Buffer.from(json, 'utf8').toString('base64');
  }
  return finish(s, o.appendHash);
}

export interface TLSOptions { name: string; namespace?: string; cert: string; key: string; appendHash: boolean }

export function validateTLS(o: TLSOptions): void {
  if (!o.name) throw new UserError('name must be specified');
  if (!o.key || !o.cert) throw new UserError('key and cert must be specified');
}

function readTLSFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e: any) {
    const why = e?.code === 'ENOENT' ? 'no such file or directory' : e?.code === 'EISDIR' ? 'is a directory' : String(e?.message);
    throw new UserError(`Cannot read file ${file}, ${e?.code === 'EISDIR' ? 'read' : 'open'} ${file}: ${why}`);
  }
}

/** tls.X509KeyPair's first complaints: no PEM data, no certificate, mismatched key. */
function x509KeyPair(cert: Buffer, key: Buffer): void {
  const certText = cert.toString('latin1');
  const keyText = key.toString('latin1');
  if (!/-----BEGIN [^-]+-----/.test(certText)) throw new UserError('tls: failed to find any PEM data in certificate input');
  if (!/-----BEGIN CERTIFICATE-----/.test(certText)) throw new UserError('tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [' + [...certText.matchAll(/-----BEGIN ([^-]+)-----/g)].map((m) => m[1]).join(' ') + ']');
  if (!/-----BEGIN [^-]+-----/.test(keyText)) throw new UserError('tls: failed to find any PEM data in key input');
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch {
    throw new UserError('x509: malformed certificate');
  }
  let pk: crypto.KeyObject;
  try {
    pk = crypto.createPrivateKey(key);
  } catch {
    throw new UserError('tls: failed to parse private key');
  }
  if (!x509.checkPrivateKey(pk)) throw new UserError('tls: private key does not match public key');
}

export function buildTLSSecret(o: TLSOptions): KObject {
  const cert = readTLSFile(o.cert);
  const key = readTLSFile(o.key);
  x509KeyPair(cert, key);
  const s = newSecretObj(o.name, o.namespace, 'kubernetes.io/tls');
  s.data['tls.crt'] = cert.toString('base64');
  s.data['tls.key'] = key.toString('base64');
  return finish(s, o.appendHash);
}
