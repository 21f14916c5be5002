// The admission chain the v1.32 API server runs on writes, in its order: mutating plugins (NamespaceLifecycle,
// LimitRanger, ServiceAccount), then - after the strategy's PrepareForCreate and Validate - the validating
// ones (ResourceQuota). Each plugin says which resources it handles, as upstream's Handles(); the registry
// runs the chain without knowing kinds.
import type { KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import { qualifiedResource, resourceByName, type ResourceInfo } from '../api/resources.js';
import type { Cluster } from '../store/cluster.js';
import { addTokenVolume } from '../api/strategies/podspec-defaults.js';
import { admitCreateInNamespace } from './namespace.js';
import { limitRangerAdmit, limitRangerValidate, resourceQuotaValidate } from './quota.js';
import { defaultStorageClass } from './storageclass.js';
import { storageObjectInUseProtection } from './storageprotection.js';
import { setCreateAdmission } from '../controllers/apiadmission.js';

export interface Attributes {
  cluster: Cluster;
  info: ResourceInfo;
  obj: KObject;
  old?: KObject;
  operation: 'CREATE' | 'UPDATE';
  dryRun: boolean;
}

export interface AdmissionPlugin {
  name: string;
  handles(a: Attributes): boolean;
  /** mutating phase: may change a.obj, or throw */
  admit?(a: Attributes): void;
  /** validating phase: may only throw */
  validate?(a: Attributes): void;
}

/**
 * admission.NewForbidden's extractResourceName: the object's name, or before name generation (mutating
 * plugins) its generateName, else "Unknown".
 */
export function admissionName(obj: KObject): string {
  return obj.metadata?.name || obj.metadata?.generateName || 'Unknown';
}

/** apierrors.NewForbidden: `pods "x" is forbidden: <reason>`. */
export function forbiddenError(info: ResourceInfo, name: string, reason: string): StatusError {
  return new StatusError(403, 'Forbidden', `${qualifiedResource(info)} "${name}" is forbidden: ${reason}`, { name, group: info.group, kind: info.resource });
}

const isPods = (a: Attributes) => a.info.resource === 'pods' && a.info.group === '';

/** Whether this build's catalogue serves `resource` (the store has a bucket for it). */
function serves(resource: string): boolean {
  try { resourceByName(resource); return true; } catch { return false; }
}

/** NamespaceLifecycle: the namespace of a namespaced object must exist and, for creates, not be terminating. */
const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  handles: (a) => a.info.namespaced && a.operation === 'CREATE',
  admit: (a) => admitCreateInNamespace(a.cluster, a.info, a.obj.metadata?.namespace, a.obj.metadata?.name ?? ''),
};

/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): the named account must exist, and the pod gets the
 * projected token volume (kube-api-access-xxxxx: token, kube-root-ca.crt, namespace) mounted in every container.
 */
const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  handles: (a) => isPods(a) && a.operation === 'CREATE',
  admit(a) {
    const spec = a.obj.spec ?? (a.obj.spec = {});
    const name: string = spec.serviceAccountName || 'default';
    const ns = a.obj.metadata?.namespace ?? 'default';
    // mirror pods (static pods) are left alone
    if (a.obj.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    let sa: KObject | undefined;
    if (serves('serviceaccounts')) {
      sa = a.cluster.get('serviceaccounts', ns, name);
      // the serviceaccount controller (re)creates `default` in every namespace at once, so it is never missing
      if (!sa && name !== 'default') {
        throw forbiddenError(a.info, admissionName(a.obj), `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
      }
    }
    const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
    if (!automount) return;
    const taken = new Set((spec.volumes ?? []).map((v: any) => v?.name));
    // mountServiceAccountToken: an existing kube-api-access-* volume is reused (kubectl debug --copy-to)
    let vol: string = (spec.volumes ?? []).map((v: any) => String(v?.name)).find((n: string) => n.startsWith('kube-api-access-')) ?? '';
    if (!vol) do vol = `kube-api-access-${a.cluster.rng.string(5)}`; while (taken.has(vol));
    // upstream v1.32 projects token, CA and namespace only (the recorded MicroShift cluster adds its service CA,
    // which only the ReplicaSet controller's pods reproduce: see src/controllers/replicaset.ts)
    addTokenVolume(spec, vol, false);
  },
};

/** Priority (plugin/pkg/admission/priority): spec.priority and preemptionPolicy from the pod's PriorityClass (or the global default). */
const priority: AdmissionPlugin = {
  name: 'Priority',
  handles: (a) => isPods(a) && a.operation === 'CREATE' && serves('priorityclasses'),
  admit(a) {
    const spec = a.obj.spec ?? (a.obj.spec = {});
    const name: string | undefined = spec.priorityClassName;
    let pc: KObject | undefined;
    if (name) {
      pc = a.cluster.get('priorityclasses', undefined, name);
      if (!pc) throw forbiddenError(a.info, admissionName(a.obj), `no PriorityClass with name ${name} was found`);
    } else {
      pc = a.cluster.list('priorityclasses').find((c) => (c as any).globalDefault);
      if (pc) spec.priorityClassName = pc.metadata!.name;
    }
    if (!pc) return;
    spec.priority = (pc as any).value;
    spec.preemptionPolicy = (pc as any).preemptionPolicy ?? 'PreemptLowerPriority';
  },
};

const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  // pods get defaults and are checked; claims are checked against PersistentVolumeClaim items
  handles: (a) => (isPods(a) || (a.info.resource === 'persistentvolumeclaims' && a.info.group === '')) && a.operation === 'CREATE' && serves('limitranges'),
  admit: (a) => { if (isPods(a)) limitRangerAdmit(a); },
  validate(a) {
    const errs = limitRangerValidate(a);
    if (errs.length) throw forbiddenError(a.info, admissionName(a.obj), errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
  },
};

const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  handles: (a) => a.info.namespaced && a.operation === 'CREATE' && serves('resourcequotas'),
  validate: resourceQuotaValidate,
};

/** The enabled plugins in the API server's order. */
export const ADMISSION_CHAIN: AdmissionPlugin[] = [namespaceLifecycle, limitRanger, serviceAccount, priority, defaultStorageClass, storageObjectInUseProtection, resourceQuota];

export function runMutating(a: Attributes): void {
  for (const p of ADMISSION_CHAIN) if (p.admit && p.handles(a)) p.admit(a);
}

export function runValidating(a: Attributes): void {
  for (const p of ADMISSION_CHAIN) if (p.validate && p.handles(a)) p.validate(a);
}

/**
 * What the controllers create goes through the same chain (their pods, claims and jobs are API writes):
 * mutating plugins, then the name (generated in BeforeCreate, so validating plugins' messages carry it),
 * then validating ones. NamespaceLifecycle is left out: kubesim's namespace controller removes a terminating
 * namespace's controllers before they could write again.
 */
setCreateAdmission((cluster, resource, obj) => {
  const info = resourceByName(resource);
  const attrs: Attributes = { cluster, info, obj, operation: 'CREATE', dryRun: false };
  for (const p of ADMISSION_CHAIN) if (p !== namespaceLifecycle && p.admit && p.handles(attrs)) p.admit(attrs);
  // only the namespace's quotas and limit ranges validate a controller's write; without them the name is left
  // to the store (as before admission ran here: same stored key order)
  const ns = obj.metadata?.namespace;
  if (cluster.list('resourcequotas', ns).length === 0 && cluster.list('limitranges', ns).length === 0) return;
  cluster.generateName(info.storage, obj.metadata ?? (obj.metadata = {}));
  runValidating(attrs);
});
