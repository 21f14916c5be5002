// kubectl run NAME --image=...: the Pod of generate/versioned/run.go (BasicPod) and, with --expose,
// the Service of the ServiceGeneratorV2 (generate/versioned/service.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { isEnvVarName } from './sources.js';
import { typedObject } from './typed.js';

/** generate.ParseLabels: `k=v,k2=v2`, nothing fancier. */
export function parseGeneratorLabels(spec: string): Record<string, string> {
  if (!spec) throw new UserError('no label spec passed');
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw new UserError(`unexpected label spec: ${item}`);
    if (!kv[0]) throw new UserError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

/** cmdutil.ParsePairs(annotations, "annotations", false) */
function parseAnnotations(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes('=') && p[0] !== '=') {
      const i = p.indexOf('=');
      out[p.slice(0, i)] = p.slice(i + 1);
    } else invalid.push(p);
  }
  if (invalid.length) throw new UserError(`invalid annotations format: ${invalid.join(', ')}`);
  return out;
}

function parseEnvs(envs: string[]) {
  return envs.map((env) => {
    const pos = env.indexOf('=');
    if (pos <= 0) throw new UserError(`invalid env: ${env}`);
    const name = env.slice(0, pos);
    if (isEnvVarName(name).length) throw new UserError(`invalid env: ${env}`);
    return { name, value: env.slice(pos + 1) };
  });
}

export interface RunOptions {
  name: string;
  image: string;
  labels: string;
  annotations: string[];
  env: string[];
  port: string;
  imagePullPolicy: string;
  restart: string;
  command: boolean;
  args: string[];
  stdin: boolean;
  tty: boolean;
  leaveStdinOpen: boolean;
  privileged: boolean;
}

/** strconv.Atoi's error text */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new UserError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new UserError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** BasicPod.Generate */
export function buildRunPod(o: RunOptions): KObject {
  const envs = parseEnvs(o.env);
  const annotations = parseAnnotations(o.annotations);
  const labels = o.labels ? parseGeneratorLabels(o.labels) : { run: o.name };
  const container: Record<string, unknown> = {
    name: o.name,
    image: o.image,
    stdin: o.stdin,
    stdinOnce: !o.leaveStdinOpen && o.stdin,
    tty: o.tty,
    resources: {},
    securityContext: o.privileged ? { privileged: true } : undefined,
  };
  if (o.args.length) container[o.command ? 'command' : 'args'] = o.args;
  if (envs.length) container.env = envs;
  if (o.imagePullPolicy) container.imagePullPolicy = o.imagePullPolicy;
  if (o.port) container.ports = [{ containerPort: atoi(o.port) }];
  return typedObject({
    kind: 'Pod', apiVersion: 'v1',
    metadata: { name: o.name, labels, annotations },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: o.restart || 'Always' },
  });
}

/** RunOptions.generateService: a ClusterIP Service for `run --expose`, selecting the pod's labels. */
export function buildRunService(o: RunOptions): KObject {
  const selector = parseGeneratorLabels(o.labels || `run=${o.name}`);
  const labels = o.labels ? parseGeneratorLabels(o.labels) : undefined;
  const ports = o.port.split(',').map((p, i, all) => {
    const port = atoi(p);
    return { name: all.length > 1 ? `port-${i + 1}` : undefined, protocol: 'TCP', port, targetPort: port };
  });
  return typedObject({ kind: 'Service', apiVersion: 'v1', metadata: { name: o.name, labels }, spec: { selector, ports } });
}
