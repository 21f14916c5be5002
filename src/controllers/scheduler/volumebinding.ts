// VolumeBinding (plugins/volumebinding): a pod's PersistentVolumeClaims. PreFilter rejects the pod on
// every node (UnschedulableAndUnresolvable) while a claim is missing, lost, being deleted, or unbound
// with Immediate binding; the scheduler then reports
// `0/N nodes are available: <reason>. preemption: 0/N nodes are available: N Preemption is not helpful for scheduling.`
// Filter checks, per node, that bound volumes' node affinity allows the node and that a delayed
// (WaitForFirstConsumer) claim without a provisioner has an Available volume to bind there.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { matchNodeSelectorTerm } from '../../api/scheduling.js';
import { findBestMatchForClaim } from '../volume/persistentvolume/controller.js';
import { unresolvable, type FilterPlugin, type PreFilterRejection } from './framework.js';

const PLUGIN = 'VolumeBinding';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The claims a pod's volumes name (persistentVolumeClaim, and the generic ephemeral volume's `<pod>-<volume>`). */
function podClaims(pod: KObject): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const vol of pod.spec?.volumes || []) {
    if (vol.persistentVolumeClaim) out.push({ name: vol.persistentVolumeClaim.claimName, ephemeral: false });
    else if (vol.ephemeral) out.push({ name: `${pod.metadata?.name}-${vol.name}`, ephemeral: true });
  }
  return out;
}

interface VolumeState {
  /** bound claims' volumes (their node affinity is checked per node) */
  bound: KObject[];
  /** unbound WaitForFirstConsumer claims whose class has no provisioner (a static volume must fit) */
  staticDelayed: KObject[];
}

/** Why the pod's claims keep it off every node (the message), or the state Filter needs. */
function preFilter(cluster: Cluster, pod: KObject): string | VolumeState {
  const ns = pod.metadata?.namespace;
  const state: VolumeState = { bound: [], staticDelayed: [] };
  let immediateUnbound = false;
  for (const { name, ephemeral } of podClaims(pod)) {
    const pvc = cluster.get('persistentvolumeclaims', ns, name);
    if (!pvc) {
      return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
    }
    if (pvc.status?.phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
    if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (pvc.spec?.volumeName) {
      const pv = cluster.get('persistentvolumes', undefined, pvc.spec.volumeName);
      if (pv) state.bound.push(pv);
      continue;
    }
    const cls = pvc.spec?.storageClassName;
    const sc = cls ? cluster.get('storageclasses', undefined, cls) : undefined;
    if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') immediateUnbound = true;
    else if (sc.provisioner === NO_PROVISIONER) state.staticDelayed.push(pvc);
  }
  if (immediateUnbound) return 'pod has unbound immediate PersistentVolumeClaims';
  return state;
}

function volumeAllowsNode(pv: KObject, node: KObject): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t: any) => matchNodeSelectorTerm(t, node));
}

let clusterRef: Cluster | undefined;
/** The cluster the filter reads volumes from (set once per scheduling cycle, as the spread plugin's). */
export function setVolumeCluster(c: Cluster): void {
  clusterRef = c;
}

export const volumeBinding: FilterPlugin = {
  name: PLUGIN,
  preFilter(pod): VolumeState | PreFilterRejection | undefined {
    if (!clusterRef || !podClaims(pod).length) return undefined;
    const r = preFilter(clusterRef, pod);
    return typeof r === 'string' ? { preFilterRejected: r } : r;
  },
  filter(_pod, ni, state) {
    const st = state as VolumeState | undefined;
    if (!st || (!st.bound.length && !st.staticDelayed.length)) return undefined;
    if (st.bound.some((pv) => !volumeAllowsNode(pv, ni.node))) return unresolvable(PLUGIN, 'node(s) had volume node affinity conflict');
    if (st.staticDelayed.length && clusterRef) {
      const free = clusterRef.list('persistentvolumes').filter((pv) => volumeAllowsNode(pv, ni.node));
      if (st.staticDelayed.some((c) => !findBestMatchForClaim(free, c))) return unresolvable(PLUGIN, "node(s) didn't find available persistent volumes to bind");
    }
    return undefined;
  },
};
