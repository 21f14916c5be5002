// The API server's field manager, installed into the store: every create and update records its manager's fields in
// metadata.managedFields. Writes through the registry name their manager (kubectl's --field-manager defaults);
// writes by the simulated control plane are attributed as a real cluster attributes them.
import type { KObject } from '../../api/types.js';
import { setFieldManagerHook, type WriteContext } from '../../store/cluster.js';
import { FieldSet } from './fieldset.js';
import { recordUpdate, type CompareFilter, type WriteInfo } from './update.js';
import type { Comparison } from './compare.js';
import { POD_IP_KEYS, storedKeyElement } from './schema.js';

/** Who writes when no client named a manager: the kubelet owns pod status and nodes, the controllers the rest. */
function controlPlaneWriter(resource: string, obj: KObject, status: boolean): WriteContext {
  if (resource === 'nodes') return { manager: 'kubelet', subresource: status ? 'status' : undefined };
  if (resource === 'pods' && status) {
    const st: any = obj.status ?? {};
    const unschedulable = !st.containerStatuses && (st.conditions ?? []).some((c: any) => c.type === 'PodScheduled' && c.status === 'False');
    return { manager: unschedulable ? 'kube-scheduler' : 'kubelet', subresource: 'status' };
  }
  return { manager: 'kube-controller-manager', subresource: status ? 'status' : undefined };
}

const only = (c: Comparison, path: string[]): boolean => {
  const changed = c.added.union(c.modified).union(c.removed);
  const probe = new FieldSet();
  probe.insert(path);
  return changed.recursiveDifference(probe).empty();
};

/** The kubelet's first status write: the binding set PodScheduled and qosClass, and created the conditions list. */
const BOUND = new FieldSet();
BOUND.insert(['f:status', 'f:conditions', 'k:{"type":"PodScheduled"}']);
BOUND.insert(['f:status', 'f:qosClass']);
const CONDITIONS = new FieldSet();
CONDITIONS.insert(['f:status', 'f:conditions']);

const SPEC_UPDATE: CompareFilter = { key: 'spec', apply: (c) => (only(c, ['f:spec', 'f:nodeName']) ? undefined : c) };
const STATUS_UPDATE: CompareFilter = {
  key: 'status',
  apply: (c) => {
    const cleaned = { added: c.added.recursiveDifference(BOUND), modified: c.modified.recursiveDifference(BOUND), removed: c.removed.recursiveDifference(BOUND) };
    // the conditions list was created by the binding
    cleaned.added = cleaned.added.difference(CONDITIONS);
    return cleaned;
  },
};

/**
 * kubesim: the scheduler's pods/binding write (spec.nodeName, PodScheduled=True) goes to storage without the field
 * manager; here the binding is a plain update and PodScheduled arrives with the kubelet's first status write.
 */
function bindingFilter(resource: string, status: boolean, old: KObject | undefined, obj: KObject): CompareFilter | undefined {
  if (resource !== 'pods') return undefined;
  if (!status && !old) {
    // dropped as the comparison is walked, so that what is left (the same for all pods of a template, whose token
    // volumes differ by name) names the comparison
    const drop = new FieldSet();
    for (const p of admissionOwned(obj)) drop.insert(p);
    return { key: 'create', drop };
  }
  return status ? STATUS_UPDATE : SPEC_UPDATE;
}

const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const DEFAULT_TOLERATIONS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

/**
 * kubesim: the controllers create pods straight into the store with what admission adds (the service account token
 * volume and mount, default tolerations, priority); the real field manager runs before admission, so no one owns them.
 */
function admissionOwned(pod: KObject): string[][] {
  const s: string[][] = [];
  const spec: any = pod.spec ?? {};
  for (const f of ['priority', 'preemptionPolicy', 'serviceAccount', 'serviceAccountName']) s.push(['f:spec', 'f:' + f]);
  if ((spec.tolerations ?? []).every((t: any) => DEFAULT_TOLERATIONS.has(t.key))) s.push(['f:spec', 'f:tolerations']);
  const vols = (spec.volumes ?? []).filter((v: any) => String(v.name).startsWith('kube-api-access-'));
  for (const v of vols) s.push(['f:spec', 'f:volumes', `k:${JSON.stringify({ name: v.name })}`]);
  if (vols.length && vols.length === spec.volumes.length) s.push(['f:spec', 'f:volumes']);
  for (const key of ['containers', 'initContainers']) {
    for (const c of spec[key] ?? []) {
      const mounts = (c.volumeMounts ?? []).filter((m: any) => m.mountPath === SA_MOUNT);
      const base = ['f:spec', 'f:' + key, `k:${JSON.stringify({ name: c.name })}`];
      for (const m of mounts) s.push([...base, 'f:volumeMounts', `k:${JSON.stringify({ mountPath: m.mountPath })}`]);
      if (mounts.length && mounts.length === c.volumeMounts.length) s.push([...base, 'f:volumeMounts']);
    }
  }
  return s;
}

setFieldManagerHook((resource, old, obj, w, status, now) => {
  const writer = w ?? controlPlaneWriter(resource, obj, status);
  const info: WriteInfo = { manager: writer.manager, subresource: writer.subresource ?? (status ? 'status' : undefined) };
  if (info.subresource !== 'scale') info.time = now;
  recordUpdate(old, obj, info, w ? undefined : bindingFilter(resource, status, old, obj), resource === 'pods' && status ? podIPKeys(old, obj) : undefined);
});

/** A pod's IPs as the list keys of its status (podIPs, hostIPs): the one difference between two pods' status writes. */
function podIPKeys(old: KObject | undefined, obj: KObject): string[] {
  const out: string[] = [];
  for (const o of [old, obj] as any[]) {
    for (const f of ['podIPs', 'hostIPs']) {
      const list = o?.status?.[f];
      if (!Array.isArray(list)) continue;
      for (const it of list) {
        if (!it || typeof it.ip !== 'string') continue;
        const e = storedKeyElement(it, POD_IP_KEYS);
        if (!out.includes(e)) out.push(e);
      }
    }
  }
  return out;
}

export { recordUpdate };
