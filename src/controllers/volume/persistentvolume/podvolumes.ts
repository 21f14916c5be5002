// For the scheduler: the VolumeBinding plugin's PreFilter checks of a pod's claims
// (pkg/scheduler/framework/plugins/volumebinding: podHasPVCs, unbound immediate claims). A reason
// returned here is UnschedulableAndUnresolvable on every node: the scheduler reports
// `0/N nodes are available: <reason>. preemption: 0/N nodes are available: N Preemption is not helpful for scheduling.`
import type { KObject } from '../../../api/types.js';
import type { Cluster } from '../../../store/cluster.js';

/** Why the pod's persistent volume claims keep it from every node, or undefined. */
export function podVolumeClaimsUnschedulable(cluster: Cluster, pod: KObject): string | undefined {
  const ns = pod.metadata?.namespace;
  let immediateUnbound = false;
  for (const vol of pod.spec?.volumes || []) {
    let claimName: string | undefined;
    let ephemeral = false;
    if (vol.persistentVolumeClaim) claimName = vol.persistentVolumeClaim.claimName;
    else if (vol.ephemeral) { claimName = `${pod.metadata?.name}-${vol.name}`; ephemeral = true; }
    else continue;
    const pvc = cluster.get('persistentvolumeclaims', ns, claimName!);
    if (!pvc) {
      return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"` : `persistentvolumeclaim "${claimName}" not found`;
    }
    if (pvc.status?.phase === 'Lost') return `persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${claimName}" is being deleted`;
    if (pvc.status?.phase !== 'Bound') {
      const cls = pvc.spec?.storageClassName;
      const sc = cls ? cluster.get('storageclasses', undefined, cls) : undefined;
      if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') immediateUnbound = true;
    }
  }
  return immediateUnbound ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}
