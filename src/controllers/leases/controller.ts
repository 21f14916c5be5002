// The lease holders' side of a deleted Lease (holders.ts): the kubelet's lease controller, the leader electors and the
// API server's identity lease controller each find their lease gone at their next renewal and write it again.
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { parseTime } from '../../sim/clock.js';
import { nodeStopped } from '../nodelifecycle/kubeletstop.js';
import { recreateLease, renewalTable } from './holders.js';

const NAME = 'leaseholders';

export const leaseHoldersController: ControllerModule = {
  name: NAME,
  watch: {
    leases: (type, lease, _old, _q, ctx) => {
      if (type !== 'DELETED') return;
      const key = objectKey(lease);
      const r = renewalTable(ctx.cluster)[key];
      if (!r || lease.spec?.holderIdentity !== r.holder) return;
      r.deleted = lease;
      ctx.cluster.dirty = true;
      // the holder's next renewal on its schedule
      const base = parseTime(lease.spec?.renewTime) ?? ctx.now;
      ctx.requeueAfter(NAME, key, r.every - (Math.max(0, ctx.now - base) % r.every));
    },
  },
  sync(ctx, key) {
    const r = renewalTable(ctx.cluster)[key];
    if (!r?.deleted) return;
    // a stopped kubelet renews nothing: it recreates its lease when it starts (renewNodeLease)
    if (r.node !== undefined && nodeStopped(ctx.cluster, r.node)) return;
    recreateLease(ctx.cluster, r);
  },
};
