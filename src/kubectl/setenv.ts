// kubectl set env (k8s.io/kubectl/pkg/cmd/set/set_env.go, set/env/env_parse.go, env_resolve.go):
// KEY=VALUE and KEY- arguments, -e, --from=configmap/X|secret/X with --keys and --prefix, --overwrite,
// -c wildcards, and --list [--resolve].
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { parseQuantity } from '../api/quantity.js';

export interface EnvVar { name: string; value?: string; valueFrom?: any }

/** IsEnvironmentArgument: `(?ms)^(.+)=(.*)$`. */
const isEnvironmentArgument = (s: string) => /^[\s\S]+=[\s\S]*$/.test(s);

/** SplitEnvironmentFromResources: resources first, then KEY=VALUE / KEY- arguments. */
export function splitEnvironmentFromResources(args: string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = [];
  const envArgs: string[] = [];
  let first = true;
  for (const s of args) {
    const isEnv = isEnvironmentArgument(s) || s.endsWith('-');
    if (isEnv) { first = false; envArgs.push(s); continue; }
    if (first) { resources.push(s); continue; }
    throw new UserError(`error: all resources must be specified before environment changes: ${args.join(' ')}`);
  }
  return { resources, envArgs };
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** ParseEnv: the variables to set and the names to remove (`-` reads KEY=VALUE lines from stdin). */
export function parseEnv(spec: string[], stdin: () => string): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const exists = new Set<string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s === '-') {
      for (let line of stdin().split('\n')) {
        const hash = line.indexOf('#');
        if (hash >= 0) line = line.slice(0, hash);
        const i = line.indexOf('=');
        if (i >= 0) env.push({ name: line.slice(0, i), value: line.slice(i + 1) });
      }
    } else if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      if (!ENV_NAME.test(name)) throw new UserError(`error: ${JSON.stringify(name)} is not a valid key name: ${ENV_NAME_MSG}`);
      exists.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) {
      remove.push(s.slice(0, -1));
    } else {
      throw new UserError(`error: unknown environment variable: ${s}`);
    }
  }
  if (remove.some((r) => exists.has(r))) throw new UserError('error: can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** set/helper.go selectString: `*` wildcards in -c. */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  const re = new RegExp('^' + spec.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(s);
}

/** keyToEnvName: invalid characters become `_`, upper-cased; a warning when the name changed. */
export function keyToEnvName(key: string, warn: (m: string) => void): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  if (name !== key) warn(`key ${key} transferred to ${name}`);
  return name;
}

/** The variables --from=configmap/X|secret/X adds (keys sorted: kubectl walks a Go map, in no fixed order). */
export function envFromSource(src: KObject, keys: string[], warn: (m: string) => void): EnvVar[] {
  const ref = src.kind === 'Secret' ? 'secretKeyRef' : src.kind === 'ConfigMap' ? 'configMapKeyRef' : '';
  if (!ref) throw new UserError('error: unsupported resource specified in --from');
  const out: EnvVar[] = [];
  for (const key of Object.keys((src as any).data || {}).sort()) {
    if (keys.length && !keys.includes(key)) continue;
    out.push({ name: keyToEnvName(key, warn), valueFrom: { [ref]: { key, name: src.metadata?.name } } });
  }
  return out;
}

/** updateEnv: additions replace same-named variables in place, removals win, the rest are appended. */
export function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) { covered.add(e.name); out.push(newer); continue; }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

export function validateNoOverwrites(existing: EnvVar[], env: EnvVar[]): string | undefined {
  for (const e of env) {
    const cur = existing.find((x) => x.name === e.name);
    if (cur && (cur.value ?? '') !== (e.value ?? '')) return `'${cur.name}' already has a value (${cur.value ?? ''}), and --overwrite is false`;
  }
  return undefined;
}

/** GetEnvVarRefString. */
export function envVarRefString(from: any): string {
  if (from?.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from?.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from?.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from?.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? from.resourceFieldRef.containerName + '/' : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

export interface RefLookup { get(kind: 'ConfigMap' | 'Secret', name: string): KObject | undefined }

/** GetEnvVarRefValue, for --list --resolve: the value or the error kubectl would report. */
export function envVarRefValue(from: any, obj: KObject, container: any, lookup: RefLookup): { value?: string; error?: string } {
  const ref = from?.secretKeyRef ?? from?.configMapKeyRef;
  if (ref) {
    const secret = !!from.secretKeyRef;
    const src = lookup.get(secret ? 'Secret' : 'ConfigMap', ref.name);
    if (!src) return { error: `${secret ? 'secrets' : 'configmaps'} "${ref.name}" not found` };
    const data = (src as any).data ?? {};
    if (!(ref.key in data)) return { error: `key ${ref.key} not found in ${secret ? 'secret' : 'config map'} ${ref.name}` };
    return { value: secret ? Buffer.from(String(data[ref.key]), 'base64').toString('utf8') : String(data[ref.key]) };
  }
  if (from?.fieldRef) {
    const path: string = from.fieldRef.fieldPath;
    const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(path);
    if (m) return { value: (m[1].endsWith('labels') ? obj.metadata?.labels : obj.metadata?.annotations)?.[m[2]] ?? '' };
    const fmtMap = (x: Record<string, string> | undefined) => Object.keys(x ?? {}).sort().map((k) => `${k}=${JSON.stringify(x![k])}`).join('\n');
    switch (path) {
      case 'metadata.annotations': return { value: fmtMap(obj.metadata?.annotations) };
      case 'metadata.labels': return { value: fmtMap(obj.metadata?.labels) };
      case 'metadata.name': return { value: obj.metadata?.name ?? '' };
      case 'metadata.namespace': return { value: obj.metadata?.namespace ?? '' };
      case 'metadata.uid': return { value: obj.metadata?.uid ?? '' };
      default: return { error: `unsupported fieldPath: ${path}` };
    }
  }
  if (from?.resourceFieldRef) {
    // ExtractContainerResourceValue: the quantity over the divisor (default 1), rounded up
    const res: string = from.resourceFieldRef.resource;
    const [kind, name] = res.split('.');
    const q = container?.resources?.[kind]?.[name];
    if (q === undefined) return { value: '0' };
    const nanos = parseQuantity(String(q)).nanos;
    const d = from.resourceFieldRef.divisor;
    const div = d && d !== '0' ? parseQuantity(String(d)).nanos : 1_000_000_000n;
    return { value: String((nanos + div - 1n) / div) };
  }
  return { error: 'invalid valueFrom' };
}
