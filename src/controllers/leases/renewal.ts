// What a read of a Lease sees: its holder's latest renewal by now. A holder renews every `every` ms from the renewal
// stored (holders.ts); a node lease stops being renewed when its kubelet stops (`kubesim node stop`), and a restarted
// kubelet writes a renewal that starts the schedule over. So the stored object changes only when a holder takes or
// retakes its lease, and reading costs one division: nothing is written per renewal, however far time jumps.
// kubesim: each renewal is a write in a real cluster, with its own resourceVersion; a renewed lease here shows the
// cluster's latest resourceVersion (no write can have come between), and watchers get no event for a renewal.
import type { KObject } from '../../api/types.js';
import { setReadView, type Cluster } from '../../store/cluster.js';
import { parseTime, rfc3339, rfc3339Micro } from '../../sim/clock.js';
import type { KubeletStopState } from '../nodelifecycle/kubeletstop.js';
import { RENEWALS, type RenewalTable } from './holders.js';

/** the same renewal read twice is the same object (list caches key on identity) */
const seen = new WeakMap<KObject, { at: number; rv: number; obj: KObject }>();

export function liveLease(c: Cluster, stored: KObject): KObject {
  const md = stored.metadata!;
  const r = (c.state.controllers[RENEWALS] as RenewalTable | undefined)?.[`${md.namespace}/${md.name}`];
  if (!r || stored.spec?.holderIdentity !== r.holder) return stored;
  const base = parseTime(stored.spec?.renewTime);
  if (base === undefined) return stored;
  let upTo = c.now();
  if (r.node !== undefined) {
    const stoppedAt = (c.state.controllers.kubeletstop as KubeletStopState | undefined)?.stopped[r.node];
    if (stoppedAt !== undefined) upTo = Math.min(upTo, stoppedAt);
  }
  if (upTo - base < r.every) return stored;
  const at = base + Math.floor((upTo - base) / r.every) * r.every;
  const rv = Math.max(Number(md.resourceVersion) || 0, c.state.resourceVersion);
  const memo = seen.get(stored);
  if (memo && memo.at === at && memo.rv === rv) return memo.obj;
  const time = rfc3339(at);
  const managedFields = md.managedFields?.map((e) => (e.manager === r.manager && e.operation === 'Update' && !e.subresource ? { ...e, time } : e));
  const obj: KObject = {
    ...stored,
    metadata: { ...md, resourceVersion: String(rv), ...(managedFields ? { managedFields } : {}) },
    spec: { ...stored.spec, renewTime: rfc3339Micro(at) },
  };
  seen.set(stored, { at, rv, obj });
  return obj;
}

setReadView('leases', { live: liveLease });
