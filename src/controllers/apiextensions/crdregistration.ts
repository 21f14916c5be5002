// kube-apiserver's crdRegistrationController (pkg/controlplane/controller/crdregistration): every group/version a
// CustomResourceDefinition serves gets a local APIService (VERSION.GROUP, low priority), kept by the autoregister
// controller (label automanaged "true") and removed once no CRD serves that group/version any more.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';

const name = 'crdregistration';
const CRDS = 'customresourcedefinitions';
const APISERVICES = 'apiservices';
const AUTOMANAGED = 'kube-aggregator.kubernetes.io/automanaged';

/** The APIService names a CRD's versions stand for. */
function apiServiceNames(crd: KObject | undefined): string[] {
  const spec: any = crd?.spec ?? {};
  return (spec.versions ?? []).map((v: any) => `${v.name}.${spec.group}`);
}

function served(crds: KObject[], group: string, version: string): boolean {
  return crds.some((c: any) => c.spec?.group === group && (c.spec?.versions ?? []).some((v: any) => v.name === version && v.served));
}

export const crdRegistrationController: ControllerModule = {
  name,
  watch: {
    [CRDS](_type, crd, old, q) {
      for (const n of new Set([...apiServiceNames(crd), ...apiServiceNames(old)])) q.add(name, n);
    },
  },
  start(ctx, q) {
    if (!(CRDS in ctx.cluster.state.objects)) return;
    for (const c of ctx.cluster.list(CRDS)) for (const n of apiServiceNames(c)) q.add(name, n);
  },
  sync(ctx, key) {
    const dot = key.indexOf('.');
    const version = key.slice(0, dot);
    const group = key.slice(dot + 1);
    const current = ctx.cluster.get(APISERVICES, undefined, key);
    if (!served(ctx.cluster.list(CRDS), group, version)) {
      // RemoveAPIServiceToSync: only what the autoregister controller made is its to remove
      if (current?.metadata?.labels?.[AUTOMANAGED] === 'true') ctx.cluster.remove(APISERVICES, undefined, key);
      return;
    }
    if (current) return;
    const created = ctx.cluster.create(APISERVICES, {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: key, labels: { [AUTOMANAGED]: 'true' } },
      // "CRDs should have relatively low priority"; versions sort as any other kube-like versions
      spec: { group, groupPriorityMinimum: 1000, version, versionPriority: 100 },
    } as KObject, { writer: { manager: 'kube-apiserver' } });
    // the local availability controller
    const now = ctx.cluster.nowRFC3339();
    ctx.cluster.updateStatus(APISERVICES, {
      ...created,
      status: { conditions: [{ lastTransitionTime: now, message: 'Local APIServices are always available', reason: 'Local', status: 'True', type: 'Available' }] },
    }, { manager: 'kube-apiserver', subresource: 'status' });
  },
};
