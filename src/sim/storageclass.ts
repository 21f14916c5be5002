// kind's default StorageClass, as kind applies it at cluster creation (hence the last-applied
// annotation): claims without a class get it, and the local-path provisioner provisions a volume on
// the node of their first consumer. The default profile has it, as a kind cluster does; the kubeadm
// profile has none, as a fresh kubeadm cluster.
import type { KObject } from '../api/types.js';

export function standardStorageClass(): KObject {
  const applied = '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n';
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'standard',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': applied, 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  } as KObject;
}
