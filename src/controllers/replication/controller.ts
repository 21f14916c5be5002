// pkg/controller/replication: upstream's ReplicationController manager is the ReplicaSet controller
// run over RCs through a conversion; kubesim runs the same syncReplicaSet with the RC's kind.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { syncReplicaSet, type ReplicaSetKind } from '../replicaset.js';
import { controllerOf, isPodReady, selectorMatches } from '../podutil.js';
import { jsonEqual } from '../../store/json.js';

const NAME = 'replicationcontroller';

export const RC_KIND: ReplicaSetKind = {
  resource: 'replicationcontrollers', apiVersion: 'v1', kind: 'ReplicationController',
  component: 'replication-controller', queue: NAME,
};

const rcSelector = (rc: KObject) => {
  const sel = rc.spec?.selector;
  return sel && Object.keys(sel).length ? { matchLabels: sel } : undefined;
};

export const replicationControllerModule: ControllerModule = {
  name: NAME,
  watch: {
    replicationcontrollers(_type, rc, _old, q) { q.add(NAME, objectKey(rc)); },
    pods(type, pod, old, q, ctx) {
      const ns = pod.metadata!.namespace!;
      const ref = controllerOf(pod);
      const oldRef = controllerOf(old);
      if (oldRef?.kind === 'ReplicationController' && oldRef.uid !== ref?.uid) q.add(NAME, `${ns}/${oldRef.name}`);
      if (ref) {
        if (ref.kind !== 'ReplicationController') return;
        const key = `${ns}/${ref.name}`;
        q.add(NAME, key);
        if (type === 'MODIFIED' && old && !isPodReady(old) && isPodReady(pod)) {
          const mrs = ctx.cluster.get('replicationcontrollers', ns, ref.name)?.spec?.minReadySeconds || 0;
          if (mrs > 0) ctx.requeueAfter(NAME, key, (mrs + 1) * 1000);
        }
        return;
      }
      if (type === 'DELETED') return;
      if (old && jsonEqual(old.metadata?.labels, pod.metadata?.labels) && !oldRef) return;
      for (const rc of ctx.cluster.list('replicationcontrollers', ns)) {
        if (selectorMatches(rcSelector(rc), pod.metadata?.labels)) q.add(NAME, objectKey(rc));
      }
    },
  },
  start(ctx, q) {
    for (const rc of ctx.cluster.list('replicationcontrollers')) q.add(NAME, objectKey(rc));
  },
  sync(ctx, key) {
    syncReplicaSet(ctx, key, {
      orphanPods: (ns) => ctx.cluster.list('pods', ns).filter((p) => !controllerOf(p)),
    }, RC_KIND);
  },
};
