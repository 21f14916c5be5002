// configMapGenerator and secretGenerator (api/kv + builtins ConfigMapGenerator/SecretGenerator).
import { basename } from 'node:path';
import type { KObject } from '../../api/types.js';
import { KustomizeError, loadFile } from './files.js';
import { newRes, nameOf, nsOf, type Res } from './resource.js';

export interface GeneratorOptions { labels?: Record<string, string>; annotations?: Record<string, string>; disableNameSuffixHash?: boolean; immutable?: boolean }
export interface GeneratorArgs {
  name?: string; namespace?: string; behavior?: string; type?: string;
  literals?: string[]; files?: string[]; envs?: string[]; env?: string;
  options?: GeneratorOptions;
}

/** kv.parseLiteralSource: `key=value`, one level of matching quotes around the value removed. */
function parseLiteral(src: string): [string, string] {
  const i = src.indexOf('=');
  if (i <= 0) throw new KustomizeError(`invalid literal source ${src}, expected key=value`);
  let v = src.slice(i + 1);
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
  return [src.slice(0, i), v];
}

/** kv.keyValuesFromEnvFile: KEY=VALUE lines; blank lines and # comments skipped. */
function parseEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    if (i < 0) { const v = process.env[line]; if (v !== undefined) out.push([line, v]); continue; }
    out.push([line.slice(0, i), line.slice(i + 1)]);
  }
  return out;
}

const isUtf8 = (b: Buffer) => { try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; } };

interface KV { key: string; value: Buffer | string }

/** kv.loader.Load: env files, then literals, then files, each kind's failure prefixed with its list (Go's %v). */
function collect(dir: string, args: GeneratorArgs): KV[] {
  const out: KV[] = [];
  const list = (xs: string[]) => `[${xs.join(' ')}]`;
  const step = (what: string, fn: () => void) => {
    try { fn(); } catch (e) { throw e instanceof KustomizeError ? new KustomizeError(`loading KV pairs: ${what}: ${e.message}`) : e; }
  };
  const envs = [...(args.envs ?? []), ...(args.env ? [args.env] : [])];
  step(`env source files: ${list(envs)}`, () => {
    for (const e of envs) for (const [key, value] of parseEnvFile(loadFile(dir, e).toString('utf8'))) out.push({ key, value });
  });
  step(`literal sources ${list(args.literals ?? [])}`, () => {
    for (const l of args.literals ?? []) { const [key, value] = parseLiteral(l); out.push({ key, value }); }
  });
  step(`file sources: ${list(args.files ?? [])}`, () => {
    for (const f of args.files ?? []) {
      const i = f.indexOf('=');
      const [key, path] = i > 0 ? [f.slice(0, i), f.slice(i + 1)] : [basename(f), f];
      out.push({ key, value: loadFile(dir, path) });
    }
  });
  return out;
}

function makeObject(kind: 'ConfigMap' | 'Secret', dir: string, args: GeneratorArgs, global: GeneratorOptions): { obj: KObject; hash: boolean } {
  const opts = { ...global, ...(args.options ?? {}) };
  const labels = { ...(global.labels ?? {}), ...(args.options?.labels ?? {}) };
  const annotations = { ...(global.annotations ?? {}), ...(args.options?.annotations ?? {}) };
  const metadata: Record<string, any> = { name: args.name ?? '' };
  if (args.namespace) metadata.namespace = args.namespace;
  if (Object.keys(labels).length) metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const obj: any = { apiVersion: 'v1', kind, metadata };
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const { key, value } of collect(dir, args)) {
    if (kind === 'Secret') data[key] = Buffer.from(value).toString('base64');
    else if (typeof value === 'string' || isUtf8(value)) data[key] = value.toString();
    else binaryData[key] = value.toString('base64');
  }
  if (Object.keys(data).length) obj.data = data;
  if (Object.keys(binaryData).length) obj.binaryData = binaryData;
  if (kind === 'Secret') obj.type = args.type || 'Opaque';
  if (opts.immutable) obj.immutable = true;
  return { obj, hash: !opts.disableNameSuffixHash };
}

function mergeInto(target: Res, gen: KObject): void {
  const t: any = target.obj, g: any = gen;
  for (const f of ['data', 'binaryData']) if (g[f]) t[f] = { ...(t[f] ?? {}), ...g[f] };
  for (const f of ['labels', 'annotations']) if (g.metadata[f]) t.metadata[f] = { ...(t.metadata[f] ?? {}), ...g.metadata[f] };
}

/** Runs one generator list against the resources accumulated so far (behavior create/merge/replace). */
export function runGenerators(kind: 'ConfigMap' | 'Secret', dir: string, list: GeneratorArgs[] | undefined, global: GeneratorOptions, acc: Res[]): void {
  for (const args of list ?? []) {
    const { obj, hash } = makeObject(kind, dir, args, global);
    const behavior = args.behavior || 'create';
    const existing = acc.find((r) => r.obj.kind === kind && nameOf(r) === args.name && (!args.namespace || nsOf(r) === args.namespace));
    if (behavior === 'create') {
      if (existing) throw new KustomizeError(`merging from generator &{0xc0004ca8f0 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${args.name}", Namespace:""} exists; behavior must be merge or replace`);
      const r = newRes(obj);
      r.hashSuffix = hash;
      acc.push(r);
      continue;
    }
    if (!existing) throw new KustomizeError(`id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${args.name}", Namespace:""} does not exist; cannot merge or replace`);
    if (behavior === 'merge') mergeInto(existing, obj);
    else if (behavior === 'replace') {
      // replace swaps the data; the old object's labels and annotations stay, merged with the new ones
      const old: any = existing.obj.metadata ?? {};
      obj.metadata = { ...obj.metadata, name: nameOf(existing), ...(old.namespace ? { namespace: old.namespace } : {}) };
      for (const f of ['labels', 'annotations']) if (old[f] || obj.metadata[f]) obj.metadata[f] = { ...(old[f] ?? {}), ...(obj.metadata[f] ?? {}) };
      existing.obj = obj;
    } else throw new KustomizeError(`unknown generation behavior '${behavior}'`);
    existing.hashSuffix = (existing.hashSuffix ?? false) && hash;
  }
}
