// storage.k8s.io/v1 tables (printers.go: printStorageClass, printVolumeAttachment, printCSINode,
// printCSIDriver, printCSIStorageCapacity).
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, S, M, D, meta, sameTable } from './helpers.js';

const now = NOW;

test('storageclasses: (default) suffix, defaults for reclaim policy, binding mode, expansion (printStorageClass)', () => {
  const scs = [
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('standard', 30 * D, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
    { metadata: meta('fast', 2 * M), provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, reclaimPolicy: 'Retain', allowVolumeExpansion: true, volumeBindingMode: 'Immediate' },
    { metadata: meta('legacy', 2 * M, { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }), provisioner: 'kubernetes.io/no-provisioner' },
    { metadata: meta('not-default', 2 * M, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }), provisioner: 'x', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: false },
  ];
  sameTable(printTable('storageclasses', scs, { now }), [
    'NAME                 PROVISIONER                    RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
    'standard (default)   rancher.io/local-path          Delete          WaitForFirstConsumer   false                  30d',
    'fast                 ebs.csi.aws.com                Retain          Immediate              true                   2m',
    'legacy (default)     kubernetes.io/no-provisioner   Delete          Immediate              false                  2m',
    'not-default          x                              Delete          Immediate              false                  2m',
  ]);
  sameTable(printTable('storageclasses.storage.k8s.io', scs.slice(0, 1), { now, withKind: true, withNamespace: true }), [
    'NAME                                             PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
    'storageclass.storage.k8s.io/standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  30d',
  ]);
});

test('volumeattachments, csinodes, csidrivers, csistoragecapacities', () => {
  const vas = [
    { metadata: meta('csi-0123abcd', 5 * M), spec: { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pvc-42' } }, status: { attached: true } },
    { metadata: meta('csi-inline', 5 * S), spec: { attacher: 'x.csi', nodeName: 'node-2', source: { inlineVolumeSpec: {} } }, status: { attached: false } },
  ];
  sameTable(printTable('volumeattachments', vas, { now }), [
    'NAME           ATTACHER          PV       NODE     ATTACHED   AGE',
    'csi-0123abcd   ebs.csi.aws.com   pvc-42   node-1   true       5m',
    'csi-inline     x.csi                      node-2   false      5s',
  ]);
  const csinodes = [
    { metadata: meta('node-1', 30 * D), spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: 'i-1', topologyKeys: ['topology.ebs.csi.aws.com/zone'] }] } },
    { metadata: meta('node-2', 30 * D), spec: { drivers: null } },
  ];
  sameTable(printTable('csinodes', csinodes, { now }), [
    'NAME     DRIVERS   AGE',
    'node-1   1         30d',
    'node-2   0         30d',
  ]);
  const drivers = [
    { metadata: meta('ebs.csi.aws.com', 30 * D), spec: { attachRequired: true, podInfoOnMount: false, storageCapacity: false, fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, seLinuxMount: false, volumeLifecycleModes: ['Persistent'] } },
    { metadata: meta('secrets-store.csi.k8s.io', 1 * D), spec: { attachRequired: false, podInfoOnMount: true, storageCapacity: false, requiresRepublish: true, tokenRequests: [{ audience: 'api://AzureADTokenExchange' }, { audience: '' }], volumeLifecycleModes: ['Ephemeral', 'Persistent'] } },
    { metadata: meta('bare', 1 * D), spec: {} },
  ];
  sameTable(printTable('csidrivers', drivers, { now }), [
    'NAME                       ATTACHREQUIRED   PODINFOONMOUNT   STORAGECAPACITY   TOKENREQUESTS                 REQUIRESREPUBLISH   MODES                  AGE',
    'ebs.csi.aws.com            true             false            false             <unset>                       false               Persistent             30d',
    'secrets-store.csi.k8s.io   false            true             false             api://AzureADTokenExchange,   true                Ephemeral,Persistent   24h',
    'bare                       true             false            false             <unset>                       false               <none>                 24h',
  ]);
  const caps = [
    { metadata: meta('csisc-abcde', 1 * M, { namespace: 'kube-system' }), storageClassName: 'standard', capacity: '107374182400', maximumVolumeSize: '10Gi', nodeTopology: {} },
    { metadata: meta('csisc-fghij', 1 * M, { namespace: 'kube-system' }), storageClassName: 'fast' },
  ];
  sameTable(printTable('csistoragecapacities', caps, { now, withNamespace: true }), [
    'NAMESPACE     NAME          STORAGECLASSNAME   CAPACITY',
    'kube-system   csisc-abcde   standard           107374182400',
    'kube-system   csisc-fghij   fast               <unset>',
  ]);
});
