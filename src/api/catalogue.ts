// Every group/version/resource a Kubernetes v1.32 API server serves by default (alpha and
// off-by-default beta APIs excluded), as its discovery documents list them. Data only: resolution,
// api-resources, api-versions and the stored buckets all read this table (src/api/resources.ts).
//
// Sources: the recorded discovery of a v1.32.5 server (/api/v1, /apis, /apis/apps/v1) and, for the
// other groups, upstream pkg/registry/<group>/rest/storage_*.go (which versions serve which
// resources) and each resource's storage.go (ShortNames(), Categories()).

/** Verb sets as the generic registry store reports them. */
export const VERBS = {
  /** a full generic store (create, delete, deletecollection, get, list, patch, update, watch) */
  std: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  /** namespaces: no DELETE of the collection */
  ns: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  /** reviews and bindings: POST only */
  create: ['create'],
  /** componentstatuses: computed on read */
  read: ['get', 'list'],
} as const;

export type VerbSet = keyof typeof VERBS;

export interface CatalogueRow {
  /** plural resource name */
  resource: string;
  kind: string;
  /** singularName; defaults to the lower-cased kind */
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  namespaced: boolean;
  verbs?: VerbSet;
  /** versions of the group serving it, when not all of them (preferred first) */
  versions?: string[];
}

export interface CatalogueGroup {
  /** "" for the core (legacy) group */
  group: string;
  /** served versions, preferred first (the order /apis lists them in) */
  versions: string[];
  resources: CatalogueRow[];
}

const all = ['all'];
const ext = ['api-extensions'];

/**
 * Groups in discovery order: the core group, then /apis in the order the v1.32 aggregator lists
 * them (kube-aggregator's group priorities). kubectl's RESTMapper and category expander follow this
 * order: `events` resolves to the core group, `get all` lists pods before deployments. Resources
 * within a group are sorted by name, as the API server's discovery lists them.
 */
export const CATALOGUE: CatalogueGroup[] = [
  {
    group: '',
    versions: ['v1'],
    resources: [
      { resource: 'bindings', kind: 'Binding', namespaced: true, verbs: 'create' },
      { resource: 'componentstatuses', kind: 'ComponentStatus', shortNames: ['cs'], namespaced: false, verbs: 'read' },
      { resource: 'configmaps', kind: 'ConfigMap', shortNames: ['cm'], namespaced: true },
      { resource: 'endpoints', kind: 'Endpoints', shortNames: ['ep'], namespaced: true },
      { resource: 'events', kind: 'Event', shortNames: ['ev'], namespaced: true },
      { resource: 'limitranges', kind: 'LimitRange', shortNames: ['limits'], namespaced: true },
      { resource: 'namespaces', kind: 'Namespace', shortNames: ['ns'], namespaced: false, verbs: 'ns' },
      { resource: 'nodes', kind: 'Node', shortNames: ['no'], namespaced: false },
      { resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', shortNames: ['pvc'], namespaced: true },
      { resource: 'persistentvolumes', kind: 'PersistentVolume', shortNames: ['pv'], namespaced: false },
      { resource: 'pods', kind: 'Pod', shortNames: ['po'], categories: all, namespaced: true },
      { resource: 'podtemplates', kind: 'PodTemplate', namespaced: true },
      { resource: 'replicationcontrollers', kind: 'ReplicationController', shortNames: ['rc'], categories: all, namespaced: true },
      { resource: 'resourcequotas', kind: 'ResourceQuota', shortNames: ['quota'], namespaced: true },
      { resource: 'secrets', kind: 'Secret', namespaced: true },
      { resource: 'serviceaccounts', kind: 'ServiceAccount', shortNames: ['sa'], namespaced: true },
      { resource: 'services', kind: 'Service', shortNames: ['svc'], categories: all, namespaced: true },
    ],
  },
  {
    group: 'apiregistration.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'apiservices', kind: 'APIService', categories: ext, namespaced: false }],
  },
  {
    group: 'apps',
    versions: ['v1'],
    resources: [
      { resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true },
      { resource: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], categories: all, namespaced: true },
      { resource: 'deployments', kind: 'Deployment', shortNames: ['deploy'], categories: all, namespaced: true },
      { resource: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], categories: all, namespaced: true },
      { resource: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], categories: all, namespaced: true },
    ],
  },
  {
    group: 'events.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'events', kind: 'Event', shortNames: ['ev'], namespaced: true }],
  },
  {
    group: 'authentication.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: 'create' },
      { resource: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: 'create' },
    ],
  },
  {
    group: 'authorization.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: 'create' },
      { resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: 'create' },
      { resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: 'create' },
      { resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: 'create' },
    ],
  },
  {
    group: 'autoscaling',
    versions: ['v2', 'v1'],
    resources: [{ resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', shortNames: ['hpa'], categories: all, namespaced: true }],
  },
  {
    group: 'batch',
    versions: ['v1'],
    resources: [
      { resource: 'cronjobs', kind: 'CronJob', shortNames: ['cj'], categories: all, namespaced: true },
      { resource: 'jobs', kind: 'Job', categories: all, namespaced: true },
    ],
  },
  {
    group: 'certificates.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'certificatesigningrequests', kind: 'CertificateSigningRequest', shortNames: ['csr'], namespaced: false }],
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'ingressclasses', kind: 'IngressClass', namespaced: false },
      { resource: 'ingresses', kind: 'Ingress', shortNames: ['ing'], namespaced: true },
      { resource: 'networkpolicies', kind: 'NetworkPolicy', shortNames: ['netpol'], namespaced: true },
    ],
  },
  {
    group: 'policy',
    versions: ['v1'],
    resources: [{ resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', shortNames: ['pdb'], namespaced: true }],
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
      { resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
      { resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
      { resource: 'roles', kind: 'Role', namespaced: true },
    ],
  },
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'csidrivers', kind: 'CSIDriver', namespaced: false },
      { resource: 'csinodes', kind: 'CSINode', namespaced: false },
      { resource: 'csistoragecapacities', kind: 'CSIStorageCapacity', namespaced: true },
      { resource: 'storageclasses', kind: 'StorageClass', shortNames: ['sc'], namespaced: false },
      { resource: 'volumeattachments', kind: 'VolumeAttachment', namespaced: false },
    ],
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration', categories: ext, namespaced: false },
      { resource: 'validatingadmissionpolicies', kind: 'ValidatingAdmissionPolicy', categories: ext, namespaced: false },
      { resource: 'validatingadmissionpolicybindings', kind: 'ValidatingAdmissionPolicyBinding', categories: ext, namespaced: false },
      { resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration', categories: ext, namespaced: false },
    ],
  },
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', shortNames: ['crd', 'crds'], categories: ext, namespaced: false }],
  },
  {
    group: 'scheduling.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'priorityclasses', kind: 'PriorityClass', shortNames: ['pc'], namespaced: false }],
  },
  {
    group: 'coordination.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'leases', kind: 'Lease', namespaced: true }],
  },
  {
    group: 'node.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'runtimeclasses', kind: 'RuntimeClass', namespaced: false }],
  },
  {
    group: 'discovery.k8s.io',
    versions: ['v1'],
    resources: [{ resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true }],
  },
  {
    group: 'flowcontrol.apiserver.k8s.io',
    versions: ['v1'],
    resources: [
      { resource: 'flowschemas', kind: 'FlowSchema', namespaced: false },
      { resource: 'prioritylevelconfigurations', kind: 'PriorityLevelConfiguration', namespaced: false },
    ],
  },
];

/**
 * Resources whose objects live in another resource's bucket: the API server stores them once and
 * converts when served through the other group (events.k8s.io/v1 Event is core v1 Event in etcd).
 */
export const STORED_AS: Record<string, { group: string; resource: string }> = {
  'events.events.k8s.io': { group: '', resource: 'events' },
};

/**
 * Resources whose registry strategy maintains metadata.generation (PrepareForCreate sets 1,
 * PrepareForUpdate bumps it on spec changes): upstream pkg/registry/<group>/<resource>/strategy.go
 * at v1.32 (HorizontalPodAutoscaler gains it only later, behind the HPAGeneration gate).
 */
export const GENERATION_RESOURCES = new Set([
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  '/replicationcontrollers',
  'batch/jobs',
  'batch/cronjobs',
  'policy/poddisruptionbudgets',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies',
  'networking.k8s.io/ingressclasses',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingadmissionpolicies',
  'admissionregistration.k8s.io/validatingadmissionpolicybindings',
  'apiextensions.k8s.io/customresourcedefinitions',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
]);
