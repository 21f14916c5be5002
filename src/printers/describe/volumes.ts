// Volume sources as describe.go prints them (pods, pod templates, PersistentVolumes), and the
// PersistentVolumeClaim block shared by PVCs and ephemeral volume claim templates.
import { accessModesString, storageClassOf } from '../storageutil.js';
import { goStringLess } from '../labels.js';
import { translateTimestampSince } from '../duration.js';
import { parseQuantity, formatQuantity } from '../../api/quantity.js';
import { PrefixWriter, NestedPrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer.js';
import { printLabelsMultiline, printAnnotationsMultiline } from './common.js';

const ptrV = (v: any) => (v === undefined || v === null ? '<nil>' : String(v));
const v = (x: any) => (x === undefined || x === null ? '' : String(x));
const b = (x: any) => String(!!x);
const num = (x: any) => String(x ?? 0);
const MAX_ANNOTATION_LEN = 140;

/** Quantity.String() of a stored quantity; "0" when absent (Go's zero Quantity). */
export const quantityString = (q: any): string => formatQuantity(parseQuantity(q ?? '0'));

function printCSIAttributes(w: PrefixWriter, title: string, attributes: Record<string, string> | undefined): void {
  w.write(LEVEL_2, `${title}:\t`);
  const keys = Object.keys(attributes ?? {}).sort(goStringLess);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${k}=${attributes![k]}`;
    w.write(LEVEL_2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
  });
}

type SourcePrinter = (src: any, w: PrefixWriter) => void;

const hostPath: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v(s.path)}\n    HostPathType:\t${s.type ?? '<none>'}\n`);
const gcePersistentDisk: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${v(s.pdName)}\n    FSType:\t${v(s.fsType)}\n    Partition:\t${num(s.partition)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const awsElasticBlockStore: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${v(s.volumeID)}\n    FSType:\t${v(s.fsType)}\n    Partition:\t${num(s.partition)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const nfs: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v(s.server)}\n    Path:\t${v(s.path)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const local: SourcePrinter = (s, w) => w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${v(s.path)}\n`);

/** %v of a *LocalObjectReference / *SecretReference: their generated String(), "nil" for nil */
const localRef = (r: any) => (r ? `&LocalObjectReference{Name:${v(r.name)},}` : 'nil');
const secretRef = (r: any) => (r ? `&SecretReference{Name:${v(r.name)},Namespace:${v(r.namespace)},}` : 'nil');
const goListV = (l: any[] | undefined) => `[${(l ?? []).join(' ')}]`;
const goMap = (m: Record<string, string> | undefined) => `map[${Object.keys(m ?? {}).sort(goStringLess).map((k) => `${k}:${m![k]}`).join(' ')}]`;

const iscsi =
  (ref: (r: any) => string): SourcePrinter =>
  (s, w) =>
    w.write(
      LEVEL_2,
      'Type:\tISCSI (an ISCSI Disk resource that is attached to a kubelet\'s host machine and then exposed to the pod)\n' +
        `    TargetPortal:\t${v(s.targetPortal)}\n    IQN:\t${v(s.iqn)}\n    Lun:\t${num(s.lun)}\n    ISCSIInterface\t${v(s.iscsiInterface)}\n` +
        `    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n    Portals:\t${goListV(s.portals)}\n` +
        `    DiscoveryCHAPAuth:\t${b(s.chapAuthDiscovery)}\n    SessionCHAPAuth:\t${b(s.chapAuthSession)}\n    SecretRef:\t${ref(s.secretRef)}\n` +
        `    InitiatorName:\t${s.initiatorName ?? '<none>'}\n`,
    );
const rbd =
  (ref: (r: any) => string): SourcePrinter =>
  (s, w) =>
    w.write(
      LEVEL_2,
      `Type:\tRBD (a Rados Block Device mount on the host that shares a pod's lifetime)\n    CephMonitors:\t${goListV(s.monitors)}\n    RBDImage:\t${v(s.image)}\n` +
        `    FSType:\t${v(s.fsType)}\n    RBDPool:\t${v(s.pool)}\n    RadosUser:\t${v(s.user)}\n    Keyring:\t${v(s.keyring)}\n    SecretRef:\t${ref(s.secretRef)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
    );
const cephfs =
  (ref: (r: any) => string): SourcePrinter =>
  (s, w) =>
    w.write(
      LEVEL_2,
      `Type:\tCephFS (a CephFS mount on the host that shares a pod's lifetime)\n    Monitors:\t${goListV(s.monitors)}\n    Path:\t${v(s.path)}\n    User:\t${v(s.user)}\n` +
        `    SecretFile:\t${v(s.secretFile)}\n    SecretRef:\t${ref(s.secretRef)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
    );
const cinder =
  (ref: (r: any) => string): SourcePrinter =>
  (s, w) =>
    w.write(LEVEL_2, `Type:\tCinder (a Persistent Disk resource in OpenStack)\n    VolumeID:\t${v(s.volumeID)}\n    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n    SecretRef:\t${ref(s.secretRef)}\n`);
const flex =
  (ref: (r: any) => string): SourcePrinter =>
  (s, w) =>
    w.write(
      LEVEL_2,
      `Type:\tFlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)\n    Driver:\t${v(s.driver)}\n    FSType:\t${v(s.fsType)}\n` +
        `    SecretRef:\t${ref(s.secretRef)}\n    ReadOnly:\t${b(s.readOnly)}\n    Options:\t${goMap(s.options)}\n`,
    );
const quobyte: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tQuobyte (a Quobyte mount on the host that shares a pod's lifetime)\n    Registry:\t${v(s.registry)}\n    Volume:\t${v(s.volume)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const portworx: SourcePrinter = (s, w) => w.write(LEVEL_2, `Type:\tPortworxVolume (a Portworx Volume resource)\n    VolumeID:\t${v(s.volumeID)}\n`);
const vsphere: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tvSphereVolume (a Persistent Disk resource in vSphere)\n    VolumePath:\t${v(s.volumePath)}\n    FSType:\t${v(s.fsType)}\n    StoragePolicyName:\t${v(s.storagePolicyName)}\n`);
const photon: SourcePrinter = (s, w) => w.write(LEVEL_2, `Type:\tPhotonPersistentDisk (a Persistent Disk resource in photon platform)\n    PdID:\t${v(s.pdID)}\n    FSType:\t${v(s.fsType)}\n`);
const storageos: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tStorageOS (a StorageOS Persistent Disk resource)\n    VolumeName:\t${v(s.volumeName)}\n    VolumeNamespace:\t${v(s.volumeNamespace)}\n    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const fc: SourcePrinter = (s, w) =>
  w.write(
    LEVEL_2,
    `Type:\tFC (a Fibre Channel disk)\n    TargetWWNs:\t${(s.targetWWNs ?? []).join(', ')}\n    LUN:\t${s.lun ?? '<none>'}\n    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  );
const flocker: SourcePrinter = (s, w) => w.write(LEVEL_2, `Type:\tFlocker (a Flocker volume mounted by the Flocker agent)\n    DatasetName:\t${v(s.datasetName)}\n    DatasetUUID:\t${v(s.datasetUUID)}\n`);
const azureDisk: SourcePrinter = (s, w) =>
  w.write(
    LEVEL_2,
    `Type:\tAzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)\n    DiskName:\t${v(s.diskName)}\n    DiskURI:\t${v(s.diskURI)}\n` +
      `    Kind: \t${v(s.kind)}\n    FSType:\t${v(s.fsType)}\n    CachingMode:\t${v(s.cachingMode)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  );
const glusterfs: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tGlusterfs (a Glusterfs mount on the host that shares a pod's lifetime)\n    EndpointsName:\t${v(s.endpoints)}\n    Path:\t${v(s.path)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const glusterfsPV: SourcePrinter = (s, w) =>
  w.write(
    LEVEL_2,
    `Type:\tGlusterfs (a Glusterfs mount on the host that shares a pod's lifetime)\n    EndpointsName:\t${v(s.endpoints)}\n    EndpointsNamespace:\t${s.endpointsNamespace ?? '<unset>'}\n    Path:\t${v(s.path)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  );
const scaleIO =
  (pv: boolean): SourcePrinter =>
  (s, w) =>
    w.write(
      LEVEL_2,
      `Type:\tScaleIO (a persistent volume backed by a block device in ScaleIO)\n    Gateway:\t${v(s.gateway)}\n    System:\t${v(s.system)}\n    Protection Domain:\t${v(s.protectionDomain)}\n` +
        `    Storage Pool:\t${v(s.storagePool)}\n    Storage Mode:\t${v(s.storageMode)}\n    VolumeName:\t${v(s.volumeName)}\n` +
        (pv ? `    SecretName:\t${v(s.secretRef?.name)}\n    SecretNamespace:\t${v(s.secretRef?.namespace)}\n` : '') +
        `    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
    );
const azureFile: SourcePrinter = (s, w) =>
  w.write(LEVEL_2, `Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the pod)\n    SecretName:\t${v(s.secretName)}\n    ShareName:\t${v(s.shareName)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
const azureFilePV: SourcePrinter = (s, w) =>
  w.write(
    LEVEL_2,
    `Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the pod)\n    SecretName:\t${v(s.secretName)}\n    SecretNamespace:\t${v(s.secretNamespace)}\n    ShareName:\t${v(s.shareName)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  );

/** describeVolumes' switch, as a table in the same order. */
const POD_VOLUME_SOURCES: [string, SourcePrinter][] = [
  ['hostPath', hostPath],
  [
    'emptyDir',
    (s, w) => {
      const size = s.sizeLimit !== undefined && s.sizeLimit !== null && parseQuantity(s.sizeLimit).nanos > 0n ? quantityString(s.sizeLimit) : '<unset>';
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v(s.medium)}\n    SizeLimit:\t${size}\n`);
    },
  ],
  ['gcePersistentDisk', gcePersistentDisk],
  ['awsElasticBlockStore', awsElasticBlockStore],
  ['gitRepo', (s, w) => w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v(s.repository)}\n    Revision:\t${v(s.revision)}\n`)],
  ['secret', (s, w) => w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v(s.secretName)}\n    Optional:\t${b(s.optional)}\n`)],
  ['configMap', (s, w) => w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v(s.name)}\n    Optional:\t${b(s.optional)}\n`)],
  ['nfs', nfs],
  ['iscsi', iscsi(localRef)],
  ['glusterfs', glusterfs],
  [
    'persistentVolumeClaim',
    (s, w) => w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v(s.claimName)}\n    ReadOnly:\t${b(s.readOnly)}\n`),
  ],
  [
    'ephemeral',
    (s, w) => {
      w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
      if (s.volumeClaimTemplate) printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: s.volumeClaimTemplate.metadata ?? {}, spec: s.volumeClaimTemplate.spec ?? {} }, false, 0);
    },
  ],
  ['rbd', rbd(localRef)],
  ['quobyte', quobyte],
  [
    'downwardAPI',
    (s, w) => {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of s.items ?? []) {
        if (it.fieldRef) w.write(LEVEL_2 + 1, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        if (it.resourceFieldRef) w.write(LEVEL_2 + 1, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    },
  ],
  ['azureDisk', azureDisk],
  ['vsphereVolume', vsphere],
  ['cinder', cinder(localRef)],
  ['photonPersistentDisk', photon],
  ['portworxVolume', portworx],
  ['scaleIO', scaleIO(false)],
  ['cephfs', cephfs(localRef)],
  ['storageos', storageos],
  ['fc', fc],
  ['azureFile', azureFile],
  ['flexVolume', flex(localRef)],
  ['flocker', flocker],
  [
    'projected',
    (s, w) => {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of s.sources ?? []) {
        // kubesim: Go prints the *bool Optional with %v (an address when set); we print the value
        if (src.secret) w.write(LEVEL_2, `SecretName:\t${v(src.secret.name)}\n    SecretOptionalName:\t${ptrV(src.secret.optional)}\n`);
        else if (src.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (src.configMap) w.write(LEVEL_2, `ConfigMapName:\t${v(src.configMap.name)}\n    ConfigMapOptional:\t${ptrV(src.configMap.optional)}\n`);
        else if (src.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${num(src.serviceAccountToken.expirationSeconds)}\n`);
      }
    },
  ],
  [
    'csi',
    (s, w) => {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v(s.driver)}\n    FSType:\t${v(s.fsType)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
      printCSIAttributes(w, 'VolumeAttributes', s.volumeAttributes);
    },
  ],
  ['image', (s, w) => w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v(s.reference)}\n    PullPolicy:\t${v(s.pullPolicy)}\n`)],
];

/** describePersistentVolume's source switch. */
export const PV_SOURCES: [string, SourcePrinter][] = [
  ['hostPath', hostPath],
  ['gcePersistentDisk', gcePersistentDisk],
  ['awsElasticBlockStore', awsElasticBlockStore],
  ['nfs', nfs],
  ['iscsi', iscsi(secretRef)],
  ['glusterfs', glusterfsPV],
  ['rbd', rbd(secretRef)],
  ['quobyte', quobyte],
  ['vsphereVolume', vsphere],
  ['cinder', cinder(secretRef)],
  ['azureDisk', azureDisk],
  ['photonPersistentDisk', photon],
  ['portworxVolume', portworx],
  ['scaleIO', scaleIO(true)],
  ['local', local],
  ['cephfs', cephfs(secretRef)],
  ['storageos', storageos],
  ['fc', fc],
  ['azureFile', azureFilePV],
  ['flexVolume', flex(secretRef)],
  ['flocker', flocker],
  [
    'csi',
    (s, w) => {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v(s.driver)}\n    FSType:\t${v(s.fsType)}\n    VolumeHandle:\t${v(s.volumeHandle)}\n    ReadOnly:\t${b(s.readOnly)}\n`);
      printCSIAttributes(w, 'VolumeAttributes', s.volumeAttributes);
    },
  ],
];

export function printVolumeSource(table: [string, SourcePrinter][], src: any, w: PrefixWriter): void {
  const row = table.find(([k]) => src?.[k] !== undefined && src?.[k] !== null);
  if (row) row[1](src[row[0]], w);
  else w.write(LEVEL_1, '<unknown>\n');
}

export function describeVolumes(w: PrefixWriter, volumes: any[] | undefined, space: string): void {
  const vs = volumes ?? [];
  if (vs.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const vol of vs) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${vol.name}:\n`);
    printVolumeSource(POD_VOLUME_SOURCES, vol, w);
  }
}

/** Go's %v of a []string: [a b] */
export const goList = (l: string[] | undefined | null): string => `[${(l ?? []).join(' ')}]`;

/** printPersistentVolumeClaim: a whole PVC, or (isFullPVC=false) an ephemeral volume's claim template. */
export function printPersistentVolumeClaim(w: PrefixWriter, pvc: any, isFullPVC: boolean, now: number): void {
  const md = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  if (isFullPVC) {
    w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  if (isFullPVC) {
    if (md.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(md.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  if (isFullPVC) w.write(LEVEL_0, `Finalizers:\t${goList(md.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (spec.volumeName) {
    accessModes = accessModesString(pvc.status?.accessModes);
    capacity = quantityString(pvc.status?.capacity?.storage);
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
}
