// `kubectl create <generator>`: each generator's flags (names, types, defaults as kubectl v1.32
// declares them) and how its options feed the builder in src/kubectl/generators.
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { Session } from '../../store/session.js';
import type { Rng } from '../../sim/rng.js';
import { createFlags, flag as f, type FlagSpec } from './createflags.js';
import type { Invocation } from './creategen.js';
import { stdio } from '../io.js';

export interface GeneratorPlan {
  /** builds the objects; the session is there when the generator reads the cluster */
  build(s?: Session): KObject[] | Promise<KObject[]>;
  /** the generator's fmt.Errorf prefix for a failed create (none: the API error as is) */
  wrap?: string;
  /** reads the cluster even for --dry-run=client (job --from, token) */
  readsCluster?: boolean;
}

export interface Generator {
  /** the command's path below `kubectl create`, with aliases: [['secret'], ['generic']] */
  words: string[][];
  /** kubectl's usage line (without ` [options]`) and a one-line summary of kubesim's own */
  usage?: string;
  summary?: string;
  flags: FlagSpec[];
  required?: string[];
  /** Complete + Validate: checks in kubectl's order, then the plan */
  plan(inv: Invocation, name: string): Promise<GeneratorPlan> | GeneratorPlan;
}

const g = async () => import('../../kubectl/generators/index.js');

const sourceFlags = (): FlagSpec[] => [
  f('from-file', 'stringSlice', []), f('from-literal', 'stringArray', []), f('from-env-file', 'stringSlice', []), f('append-hash', 'bool', false),
];

const bindingFlags = (): FlagSpec[] => [f('user', 'stringArray', []), f('group', 'stringArray', []), f('serviceaccount', 'stringArray', [])];

function service(word: string, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', extra: FlagSpec[], required: string[] = []): Generator {
  return {
    words: [['service', 'svc'], [word]],
    flags: [...createFlags(), f('tcp', 'stringSlice', []), ...extra],
    required,
    async plan(inv, name) {
      const m = await g();
      const o = {
        name, namespace: inv.objectNamespace, type, tcp: inv.arr('tcp'),
        clusterIP: type === 'ClusterIP' ? inv.str('clusterip') : '',
        nodePort: type === 'NodePort' ? inv.num('node-port') : 0,
        externalName: type === 'ExternalName' ? inv.str('external-name') : '',
      };
      m.validateService(o);
      return { build: () => [m.buildService(o)], wrap: `failed to create ${type} service: ` };
    },
  };
}

/** ResourceFor over kubesim's resource catalogue (what discovery would answer). */
async function resourceFor() {
  const { resolveResource } = await import('../../api/resources.js');
  return (resource: string, group: string) => {
    const info = resolveResource(group ? `${resource}.${group}` : resource);
    return info ? { resource: info.resource, group: info.group } : undefined;
  };
}

const warn = (s: string) => { stdio.err(s); };

export const GENERATORS: Generator[] = [
  {
    words: [['deployment', 'deploy']],
    flags: [...createFlags(), f('image', 'stringSlice', []), f('port', 'int32', -1), f('replicas', 'int32', 1, { short: 'r' })],
    required: ['image'],
    async plan(inv, name) {
      const m = await g();
      const o = { name, images: inv.arr('image'), replicas: inv.num('replicas'), port: inv.num('port'), command: inv.rest(), namespace: inv.objectNamespace };
      m.validateDeployment(o);
      return { build: (s) => [m.buildDeployment(o, s?.cluster.rng as Rng)], wrap: 'failed to create deployment: ', readsCluster: o.images.some((i) => /[_.]/.test(i.split('/').pop()!.split(':')[0].split('@')[0])) };
    },
  },
  {
    words: [['configmap', 'cm']],
    flags: [...createFlags(), ...sourceFlags()],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, fromFile: inv.arr('from-file'), fromLiteral: inv.arr('from-literal'), fromEnvFile: inv.arr('from-env-file'), appendHash: inv.bool('append-hash') };
      m.validateSources(o);
      return { build: () => [m.buildConfigMap(o)], wrap: 'failed to create configmap: ' };
    },
  },
  {
    words: [['secret'], ['generic']],
    flags: [...createFlags(), ...sourceFlags(), f('type', 'string', '')],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, fromFile: inv.arr('from-file'), fromLiteral: inv.arr('from-literal'), fromEnvFile: inv.arr('from-env-file'), appendHash: inv.bool('append-hash'), type: inv.str('type') };
      m.validateSources(o);
      return { build: () => [m.buildGenericSecret(o)], wrap: 'failed to create secret ' };
    },
  },
  {
    words: [['secret'], ['docker-registry']],
    flags: [...createFlags(), f('docker-username', 'string', ''), f('docker-password', 'string', ''), f('docker-email', 'string', ''),
      f('docker-server', 'string', 'https://index.docker.io/v1/'), f('append-hash', 'bool', false), f('from-file', 'stringSlice', [])],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, username: inv.str('docker-username'), password: inv.str('docker-password'), email: inv.str('docker-email'), server: inv.str('docker-server'), fromFile: inv.arr('from-file'), appendHash: inv.bool('append-hash') };
      m.validateDockerRegistry(o);
      return { build: () => [m.buildDockerRegistrySecret(o)], wrap: 'failed to create secret ' };
    },
  },
  {
    words: [['secret'], ['tls']],
    flags: [...createFlags(), f('cert', 'string', ''), f('key', 'string', ''), f('append-hash', 'bool', false)],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, cert: inv.str('cert'), key: inv.str('key'), appendHash: inv.bool('append-hash') };
      m.validateTLS(o);
      return { build: () => [m.buildTLSSecret(o)], wrap: 'failed to create secret ' };
    },
  },
  service('clusterip', 'ClusterIP', [f('clusterip', 'string', '')]),
  service('nodeport', 'NodePort', [f('node-port', 'int', 0)]),
  service('loadbalancer', 'LoadBalancer', []),
  service('externalname', 'ExternalName', [f('external-name', 'string', '')], ['external-name']),
  {
    words: [['job']],
    flags: [...createFlags(), f('image', 'string', ''), f('from', 'string', '')],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, image: inv.str('image'), from: inv.str('from'), command: inv.rest() };
      m.validateJob(o);
      if (o.image) return { build: () => [m.buildJob(o)], wrap: 'failed to create job: ' };
      return {
        readsCluster: true,
        wrap: 'failed to create job: ',
        build: async (s) => [m.buildJobFromCronJob(o, await readFrom(s!, inv, o.from))],
      };
    },
  },
  {
    words: [['cronjob', 'cj']],
    flags: [...createFlags(), f('image', 'string', ''), f('schedule', 'string', ''), f('restart', 'string', '')],
    required: ['image', 'schedule'],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, image: inv.str('image'), schedule: inv.str('schedule'), restart: inv.str('restart'), command: inv.rest() };
      return { build: () => [m.buildCronJob(o)], wrap: 'failed to create cronjob: ' };
    },
  },
  {
    words: [['namespace', 'ns']],
    flags: createFlags(),
    async plan(_inv, name) {
      const m = await g();
      return { build: () => [m.buildNamespace(name)] };
    },
  },
  {
    words: [['serviceaccount', 'sa']],
    flags: createFlags(),
    async plan(inv, name) {
      const m = await g();
      return { build: () => [m.buildServiceAccount(name, inv.objectNamespace)], wrap: 'failed to create serviceaccount: ' };
    },
  },
  {
    words: [['role']],
    flags: [...createFlags(), f('verb', 'stringSlice', []), f('resource', 'stringSlice', []), f('resource-name', 'stringArray', [])],
    async plan(inv, name) {
      const m = await g();
      const rf = await resourceFor();
      const o = { ...m.completeRole(name, inv.arr('verb'), inv.arr('resource'), inv.arr('resource-name')), namespace: inv.objectNamespace };
      m.validateRole(o, rf, warn);
      return { build: () => [m.buildRole(o, rf)] };
    },
  },
  {
    words: [['clusterrole']],
    flags: [...createFlags(), f('verb', 'stringSlice', []), f('non-resource-url', 'stringSlice', []), f('resource', 'stringSlice', []),
      f('resource-name', 'stringArray', []), f('aggregation-rule', 'mapStringString', {})],
    async plan(inv, name) {
      const m = await g();
      const rf = await resourceFor();
      const base = m.completeRole(name, inv.arr('verb'), inv.arr('resource'), inv.arr('resource-name'));
      const o = { ...base, nonResourceURLs: [...new Set(inv.arr('non-resource-url'))], aggregationRule: inv.map('aggregation-rule') };
      m.validateClusterRole(o, rf, warn);
      return { build: () => [m.buildClusterRole(o, rf)] };
    },
  },
  {
    words: [['rolebinding']],
    flags: [...createFlags(), f('clusterrole', 'string', ''), f('role', 'string', ''), ...bindingFlags()],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, role: inv.str('role'), clusterRole: inv.str('clusterrole'), users: inv.arr('user'), groups: inv.arr('group'), serviceAccounts: inv.arr('serviceaccount') };
      m.validateRoleBinding(o);
      return { build: () => [m.buildRoleBinding(o)], wrap: 'failed to create rolebinding: ' };
    },
  },
  {
    words: [['clusterrolebinding']],
    flags: [...createFlags(), f('clusterrole', 'string', ''), ...bindingFlags()],
    required: ['clusterrole'],
    async plan(inv, name) {
      const m = await g();
      const o = { name, role: '', clusterRole: inv.str('clusterrole'), users: inv.arr('user'), groups: inv.arr('group'), serviceAccounts: inv.arr('serviceaccount') };
      return { build: () => [m.buildClusterRoleBinding(o)], wrap: 'failed to create clusterrolebinding: ' };
    },
  },
  {
    words: [['quota', 'resourcequota']],
    flags: [...createFlags(), f('hard', 'string', ''), f('scopes', 'string', '')],
    async plan(inv, name) {
      const m = await g();
      return { build: () => [m.buildQuota(name, inv.objectNamespace, inv.str('hard'), inv.str('scopes'))], wrap: 'failed to create quota: ' };
    },
  },
  {
    words: [['priorityclass', 'pc']],
    flags: [...createFlags(), f('value', 'int32', 0), f('global-default', 'bool', false), f('description', 'string', ''), f('preemption-policy', 'string', 'PreemptLowerPriority')],
    async plan(inv, name) {
      const m = await g();
      return { build: () => [m.buildPriorityClass(name, inv.num('value'), inv.bool('global-default'), inv.str('description'), inv.str('preemption-policy'))], wrap: 'failed to create priorityclass: ' };
    },
  },
  {
    words: [['poddisruptionbudget', 'pdb']],
    flags: [...createFlags(), f('min-available', 'string', ''), f('max-unavailable', 'string', ''), f('selector', 'string', '')],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, selector: inv.str('selector'), minAvailable: inv.str('min-available'), maxUnavailable: inv.str('max-unavailable') };
      m.validatePDB(o);
      return { build: () => [m.buildPDB(o)], wrap: 'failed to create poddisruptionbudgets: ' };
    },
  },
  {
    words: [['ingress', 'ing']],
    flags: [...createFlags(), f('class', 'string', ''), f('rule', 'stringArray', []), f('default-backend', 'string', ''), f('annotation', 'stringArray', [])],
    async plan(inv, name) {
      const m = await g();
      const o = { name, namespace: inv.objectNamespace, ingressClass: inv.str('class'), rules: inv.arr('rule'), annotations: inv.arr('annotation'), defaultBackend: inv.str('default-backend') };
      m.validateIngress(o);
      return { build: () => [m.buildIngress(o)], wrap: 'failed to create ingress: ' };
    },
  },
];

/** `--from=cronjob/NAME`: the builder's ResourceTypeOrNameArgs over one TYPE/NAME. */
async function readFrom(s: Session, inv: Invocation, from: string): Promise<KObject> {
  const { resolveResource } = await import('../../api/resources.js');
  const slash = from.indexOf('/');
  const type = slash < 0 ? from : from.slice(0, slash);
  const name = from.slice(slash + 1);
  const info = resolveResource(type);
  if (!info) throw new UserError(`error: the server doesn't have a resource type "${type}"`);
  if (slash < 0) throw new UserError('error: from must be an existing cronjob');
  const obj = s.cluster.get(info.storage, info.namespaced ? inv.namespace : undefined, name);
  if (!obj) {
    const { StatusError } = await import('../../api/errors.js');
    throw new StatusError(404, 'NotFound', `${info.group ? `${info.resource}.${info.group}` : info.resource} "${name}" not found`);
  }
  if (obj.kind !== 'CronJob') throw new UserError(`error: unknown object type *${info.version}.${info.kind}`);
  return obj;
}

/** kubectl's usage lines, and what each generator makes, for -h. */
const HELP: Record<string, [string, string]> = {
  deployment: ['NAME --image=image -- [COMMAND] [args...]', 'Make a Deployment running the given image(s); a command after -- replaces the image\'s entrypoint.'],
  configmap: ['NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]', 'Make a ConfigMap from literal values, files, whole directories or env files.'],
  'secret generic': ['NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]', 'Make an Opaque (or --type) Secret from literal values, files, directories or env files.'],
  'secret docker-registry': ['NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]', 'Make an image pull Secret (.dockerconfigjson) for a container registry.'],
  'secret tls': ['NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]', 'Make a kubernetes.io/tls Secret from a PEM certificate and its private key.'],
  'service clusterip': ['NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]', 'Make a ClusterIP Service selecting app=NAME (--clusterip=None for a headless one).'],
  'service nodeport': ['NAME [--tcp=port:targetPort] [--dry-run=server|client|none]', 'Make a NodePort Service selecting app=NAME.'],
  'service loadbalancer': ['NAME [--tcp=port:targetPort] [--dry-run=server|client|none]', 'Make a LoadBalancer Service selecting app=NAME.'],
  'service externalname': ['NAME --external-name external.name [--dry-run=server|client|none]', 'Make an ExternalName Service: a DNS alias for an outside name.'],
  job: ['NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]', 'Make a Job running an image once, or start a CronJob\'s job now with --from.'],
  cronjob: ["NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]", 'Make a CronJob running an image on a cron schedule.'],
  namespace: ['NAME [--dry-run=server|client|none]', 'Make a Namespace.'],
  serviceaccount: ['NAME [--dry-run=server|client|none]', 'Make a ServiceAccount.'],
  role: ['NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]', 'Make a namespaced Role granting verbs on resources.'],
  clusterrole: ['NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]', 'Make a ClusterRole granting verbs on resources or non-resource URLs, or aggregating others.'],
  rolebinding: ['NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Bind a Role or ClusterRole to users, groups or service accounts in one namespace.'],
  clusterrolebinding: ['NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Bind a ClusterRole to users, groups or service accounts cluster-wide.'],
  quota: ['NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]', 'Make a ResourceQuota with hard limits.'],
  priorityclass: ['NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]', 'Make a PriorityClass.'],
  poddisruptionbudget: ['NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]', 'Make a PodDisruptionBudget for the pods a selector picks.'],
  ingress: ['NAME --rule=host/path=service:port[,tls[=secret]] ', 'Make an Ingress from host/path rules; a path ending in * matches by prefix.'],
};
for (const gen of GENERATORS) {
  const key = gen.words.map((w) => w[0]).join(' ');
  const h = HELP[key];
  if (h) { gen.usage = `kubectl create ${key} ${h[0]}`; gen.summary = h[1]; }
}
