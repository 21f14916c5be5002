// Data sources of `create configmap|secret`: --from-literal, --from-file (file, directory,
// key=file), --from-env-file; key validation and --append-hash, as kubectl's util, cmd/util/env_file
// and util/hash packages do them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../api/errors.js';
import { toCompactJson } from '../../printers/json.js';

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return [`must not be '.'`];
  if (v === '..') return [`must not be '..'`];
  if (v.startsWith('..')) return [`must not start with '..'`];
  return [];
}

/** validation.IsConfigMapKey */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) errs.push(regexError(`a valid config key must consist of alphanumeric characters, '-', '_' or '.'`, '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...hasChDirPrefix(v)];
}

/** validation.IsEnvVarName */
export function isEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(v)) errs.push(regexError(`a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`, '[-._a-zA-Z][-._a-zA-Z0-9]*', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  return [...errs, ...hasChDirPrefix(v)];
}

/** util.ParseLiteralSource: key=value, the value may hold `=`. */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new UserError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: `path` (key: its base name) or `key=path`. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [path.posix.basename(source) || '.', source];
  if (n === 1 && source.startsWith('=')) throw new UserError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new UserError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new UserError(`key names or file paths cannot contain '='`);
  const [k, p] = source.split('=');
  return [k, p];
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
};

function errnoText(e: any): string {
  return ERRNO_TEXT[e?.code] ?? String(e?.message ?? e);
}

function statOrFail(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw new UserError(`error reading ${p}: ${errnoText(e)}`);
  }
}

function readFile(p: string): Buffer {
  try {
    return fs.readFileSync(p);
  } catch (e) {
    // os.ReadFile's *PathError: "read <path>: is a directory", "open <path>: ..."
    const op = (e as any)?.code === 'EISDIR' ? 'read' : 'open';
    throw new UserError(`${op} ${p}: ${errnoText(e)}`);
  }
}

/** Every (key, file) pair a --from-file source names: a file, or each regular file of a directory. */
export function fileSourceEntries(source: string): { key: string; file: string }[] {
  const [key, file] = parseFileSource(source);
  const st = statOrFail(file);
  if (!st.isDirectory()) return [{ key, file }];
  if (source.includes('=')) throw new UserError('cannot give a key name for a directory path');
  let names: string[];
  try {
    names = fs.readdirSync(file).sort();
  } catch (e) {
    throw new UserError(`error listing files in ${file}: ${errnoText(e)}`);
  }
  const out: { key: string; file: string }[] = [];
  for (const n of names) {
    const p = path.join(file, n);
    if (fs.lstatSync(p).isFile()) out.push({ key: n, file: p });
  }
  return out;
}

export function readSourceFile(p: string): Buffer {
  return readFile(p);
}

/** cmdutil.AddFromEnvFile: KEY=value lines, `#` comments, KEY alone takes the environment's value. */
export function envFilePairs(file: string, dirMessage: string): [string, string][] {
  const st = statOrFail(file);
  if (st.isDirectory()) throw new UserError(dirMessage);
  const data = readFile(file);
  const out: [string, string][] = [];
  let lines = data.toString('latin1').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines = lines.slice(0, -1);
  lines.forEach((raw, i) => {
    let bytes = Buffer.from(raw.endsWith('\r') ? raw.slice(0, -1) : raw, 'latin1');
    if (!validUtf8(bytes)) throw new UserError(`env file ${file} contains invalid utf8 bytes at line ${i + 1}: [${[...bytes].join(' ')}]`);
    if (i === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const line = bytes.toString('utf8').replace(/^[\s\u0085\u00a0]+/u, '');
    if (!line || line[0] === '#') return;
    const eq = line.indexOf('=');
    const key = eq >= 0 ? line.slice(0, eq) : line;
    const errs = isEnvVarName(key);
    if (errs.length) throw new UserError(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
    out.push([key, eq >= 0 ? line.slice(eq + 1) : process.env[key] ?? '']);
  });
  return out;
}

export function validUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function encodeHash(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** hash.ConfigMapHash: the suffix of `--append-hash`. */
export function configMapHash(cm: { metadata: { name: string }; data?: Record<string, string>; binaryData?: Record<string, string> }): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name: cm.metadata.name, data: cm.data ?? null };
  if (cm.binaryData && Object.keys(cm.binaryData).length) m.binaryData = cm.binaryData;
  return encodeHash(sha256(toCompactJson(m)));
}

/** hash.SecretHash */
export function secretHash(s: { metadata: { name: string }; type?: string; data?: Record<string, string> }): string {
  const m = { kind: 'Secret', type: s.type ?? '', name: s.metadata.name, data: s.data ?? null };
  return encodeHash(sha256(toCompactJson(m)));
}
