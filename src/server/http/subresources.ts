// The subresources a v1.32 API server serves, as its discovery lists them (recorded /api/v1 and
// /apis/apps/v1; the other groups from upstream's storage.go files). Data only: discovery reads it,
// and the router refuses a subresource that is not here.
import { RESOURCES } from '../../api/resources.js';
import { crdVersion, servedCRD } from '../../api/crd/served.js';

export interface SubresourceRow {
  /** `deployments/scale` (keyed `group/resource/sub`, group "" for core) */
  kind: string;
  verbs: string[];
  /** the response kind's group/version when it is not the parent's (Scale, Eviction, TokenRequest) */
  group?: string;
  version?: string;
}

const GPU = ['get', 'patch', 'update'];
const PROXY = ['create', 'delete', 'get', 'patch', 'update'];
const scale: SubresourceRow = { kind: 'Scale', verbs: GPU, group: 'autoscaling', version: 'v1' };

/** group/resource -> subresource -> row; `kind: ''` means the parent's kind. */
export const SUBRESOURCES: Record<string, Record<string, SubresourceRow>> = {
  '/namespaces': { finalize: { kind: '', verbs: ['update'] }, status: { kind: '', verbs: GPU } },
  '/nodes': { proxy: { kind: 'NodeProxyOptions', verbs: PROXY }, status: { kind: '', verbs: GPU } },
  '/persistentvolumeclaims': { status: { kind: '', verbs: GPU } },
  '/persistentvolumes': { status: { kind: '', verbs: GPU } },
  '/pods': {
    attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    binding: { kind: 'Binding', verbs: ['create'] },
    ephemeralcontainers: { kind: '', verbs: GPU },
    eviction: { kind: 'Eviction', verbs: ['create'], group: 'policy', version: 'v1' },
    exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
    log: { kind: '', verbs: ['get'] },
    portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    proxy: { kind: 'PodProxyOptions', verbs: PROXY },
    status: { kind: '', verbs: GPU },
  },
  '/replicationcontrollers': { scale, status: { kind: '', verbs: GPU } },
  '/resourcequotas': { status: { kind: '', verbs: GPU } },
  '/serviceaccounts': { token: { kind: 'TokenRequest', verbs: ['create'], group: 'authentication.k8s.io', version: 'v1' } },
  '/services': { proxy: { kind: 'ServiceProxyOptions', verbs: PROXY }, status: { kind: '', verbs: GPU } },
  'apiregistration.k8s.io/apiservices': { status: { kind: '', verbs: GPU } },
  'apps/daemonsets': { status: { kind: '', verbs: GPU } },
  'apps/deployments': { scale, status: { kind: '', verbs: GPU } },
  'apps/replicasets': { scale, status: { kind: '', verbs: GPU } },
  'apps/statefulsets': { scale, status: { kind: '', verbs: GPU } },
  'autoscaling/horizontalpodautoscalers': { status: { kind: '', verbs: GPU } },
  'batch/cronjobs': { status: { kind: '', verbs: GPU } },
  'batch/jobs': { status: { kind: '', verbs: GPU } },
  'certificates.k8s.io/certificatesigningrequests': { approval: { kind: '', verbs: GPU }, status: { kind: '', verbs: GPU } },
  'networking.k8s.io/ingresses': { status: { kind: '', verbs: GPU } },
  'policy/poddisruptionbudgets': { status: { kind: '', verbs: GPU } },
  'storage.k8s.io/volumeattachments': { status: { kind: '', verbs: GPU } },
  'admissionregistration.k8s.io/validatingadmissionpolicies': { status: { kind: '', verbs: GPU } },
  'apiextensions.k8s.io/customresourcedefinitions': { status: { kind: '', verbs: GPU } },
  'flowcontrol.apiserver.k8s.io/flowschemas': { status: { kind: '', verbs: GPU } },
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations': { status: { kind: '', verbs: GPU } },
};

export function subresourcesOf(group: string, resource: string): Record<string, SubresourceRow> {
  return SUBRESOURCES[`${group}/${resource}`] ?? customSubresources(group, resource);
}

/** A custom resource's subresources: what its CRD's preferred served version declares. */
function customSubresources(group: string, resource: string): Record<string, SubresourceRow> {
  const info = RESOURCES.find((r) => r.crd && r.group === group && r.resource === resource);
  const crd = servedCRD(info?.crd);
  const subs = crd && info ? crdVersion(crd, info.version)?.subresources : undefined;
  const out: Record<string, SubresourceRow> = {};
  if (subs?.scale) out.scale = scale;
  if (subs?.status) out.status = { kind: '', verbs: GPU };
  return out;
}
