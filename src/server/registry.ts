// What the API server does with a write before it reaches storage: admission-style defaulting,
// validation with the API server's wording, namespace existence, immutable fields, dry-run.
// The CLI and `kubesim serve` are two doors into these same operations.
import type { KObject } from '../api/types.js';
import { StatusError, RawError } from '../api/errors.js';
import { applyDefaults } from '../api/defaults.js';
import { validateObject, validateObjectUpdate, formatInvalid } from '../api/validation.js';
import type { ResourceInfo } from '../api/resources.js';
import type { Cluster } from '../store/cluster.js';
import { addRootCA } from '../sim/bootstrap.js';
import { admitCreateInNamespace } from './namespace.js';

export class InvalidError extends RawError {
  constructor(public kind: string, public override name: string, message: string) {
    super(message);
  }
}

function checkNamespace(cluster: Cluster, info: ResourceInfo, ns: string | undefined, name = ''): void {
  admitCreateInNamespace(cluster, info, ns, name);
}

function prepare(info: ResourceInfo, obj: KObject, ns: string | undefined): KObject {
  const o: KObject = JSON.parse(JSON.stringify(obj));
  o.metadata = o.metadata || {};
  if (info.namespaced) o.metadata.namespace = o.metadata.namespace || ns || 'default';
  else delete o.metadata.namespace;
  return o;
}

/** Defaulted and validated, ready to store; throws InvalidError with kubectl's rendering. */
export function admitCreate(cluster: Cluster, info: ResourceInfo, obj: KObject, ns?: string): KObject {
  const o = applyDefaults(prepare(info, obj, ns));
  const errs = validateObject(o);
  if (errs.length) throw new InvalidError(info.kind, o.metadata?.name || '', formatInvalid(info.kind, o.metadata?.name || '', errs));
  checkNamespace(cluster, info, o.metadata?.namespace, o.metadata?.name || '');
  return o;
}

export function createObject(cluster: Cluster, info: ResourceInfo, obj: KObject, opts: { dryRun?: boolean; ns?: string } = {}): KObject {
  const o = admitCreate(cluster, info, obj, opts.ns);
  if (opts.dryRun) {
    if (cluster.get(info.resource, o.metadata!.namespace, o.metadata!.name!)) {
      throw new StatusError(409, 'AlreadyExists', `${info.group ? info.resource + '.' + info.group : info.resource} "${o.metadata!.name}" already exists`);
    }
    // a server dry run answers with what would be stored: uid, creationTimestamp, generation
    o.metadata!.uid = cluster.rng.uuid();
    o.metadata!.creationTimestamp = cluster.nowRFC3339();
    if (info.generation) o.metadata!.generation = 1;
    if (!('status' in o) && info.resource !== 'configmaps') o.status = {};
    return o;
  }
  if (info.resource === 'services') allocateClusterIP(cluster, o);
  const stored = cluster.create(info.resource, o);
  if (info.resource === 'namespaces') onNamespaceCreated(cluster, stored);
  return stored;
}

/** kube-controller-manager's root-ca-cert-publisher puts the CA bundle into every new namespace. */
function onNamespaceCreated(cluster: Cluster, ns: KObject): void {
  addRootCA(cluster, ns.metadata!.name!);
}

/** Replace an object (update semantics: defaults, validation incl. immutable fields). */
export function updateObject(cluster: Cluster, info: ResourceInfo, obj: KObject, opts: { dryRun?: boolean } = {}): KObject {
  const ns = obj.metadata?.namespace;
  const old = cluster.get(info.resource, info.namespaced ? ns : undefined, obj.metadata!.name!);
  if (!old) throw new StatusError(404, 'NotFound', `${info.group ? info.resource + '.' + info.group : info.resource} "${obj.metadata!.name}" not found`);
  const o = applyDefaults(prepare(info, obj, ns));
  const errs = validateObjectUpdate(o, old);
  if (errs.length) throw new InvalidError(info.kind, o.metadata?.name || '', formatInvalid(info.kind, o.metadata?.name || '', errs));
  if (opts.dryRun) return o;
  return cluster.update(info.resource, o);
}

/** The service IP allocator: ClusterIP services get the next free address of 10.96.0.0/12. */
function allocateClusterIP(cluster: Cluster, svc: KObject): void {
  const spec = svc.spec || (svc.spec = {});
  if ((spec.type && spec.type !== 'ClusterIP' && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') || spec.clusterIP === 'None' || spec.clusterIP) return;
  const used = new Set(cluster.list('services').map((s) => s.spec?.clusterIP));
  const st = cluster.controllerState('ipallocator', () => ({ next: 10 }));
  let ip: string;
  do {
    const n = st.next++;
    ip = `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
  } while (used.has(ip));
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}
