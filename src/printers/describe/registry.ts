// describe.go's describerMap: GroupKind -> describer; kinds not in it get the generic describer.
// A new kind adds a row here, not a branch anywhere.
import type { KObject } from '../../api/types.js';
import type { Describer, DescribeContext } from './context.js';
import { searchEvents } from './context.js';
import { describePod } from './pod.js';
import { describeDeployment, describeReplicaSet } from './workloads.js';
import { describeNode, describeService, describeNamespace, describeConfigMap } from './cluster.js';
import { describeDaemonSet, describeStatefulSet, describeReplicationController } from './apps.js';
import { describeJob, describeCronJob } from './batch.js';
import { describeSecret, describeServiceAccount } from './config.js';
import { describeEndpoints, describeEndpointSlice, describeIngress, describeIngressClass, describeNetworkPolicy } from './network.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, describeCSINode } from './storage.js';
import { describeQuota, describeLimitRange, describePodDisruptionBudget, describePriorityClass } from './policy.js';
import { describeRole, describeRoleBinding } from './rbac.js';
import { describeHorizontalPodAutoscaler } from './autoscaling.js';
import { describeCertificateSigningRequest } from './certificates.js';
import { describeGeneric } from './generic.js';

/** Objects of `resource` controlled by `uid` (the store's owner index when it has one). */
function controlledBy(ctx: DescribeContext, resource: string, o: KObject): KObject[] {
  const uid = o.metadata?.uid ?? '';
  const v = ctx.view as DescribeContext['view'] & { listControlledBy?: (r: string, uid: string) => KObject[] };
  if (v.listControlledBy) return v.listControlledBy(resource, uid);
  return v.list(resource, o.metadata?.namespace).filter((x) => (x.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid));
}

/** NodeDescriber: non-terminated pods bound to the node, its Lease, and events by uid and by name (the kubelet's). */
const nodeDescriber: Describer = (node, ctx) => {
  const name = node.metadata?.name ?? '';
  const pods = ctx.view.list('pods').filter((p) => p.spec?.nodeName === name);
  const events = ctx.events && [...ctx.events, ...searchEvents(ctx.view, node, 'Node', name).filter((e) => !ctx.events!.includes(e))];
  return describeNode(node, pods, events, ctx.now, { lease: ctx.view.get('leases', 'kube-node-lease', name) });
};

/** Keyed by "Kind" (core) or "Kind.group", as schema.GroupKind. */
export const DESCRIBERS: Record<string, Describer> = {
  Pod: (o, ctx) => describePod(o, ctx.events, ctx.now),
  ReplicationController: describeReplicationController,
  Secret: describeSecret,
  Service: describeService,
  ServiceAccount: describeServiceAccount,
  Node: nodeDescriber,
  LimitRange: describeLimitRange,
  ResourceQuota: describeQuota,
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Namespace: describeNamespace,
  Endpoints: describeEndpoints,
  ConfigMap: (o, ctx) => describeConfigMap(o, ctx.events, ctx.now),
  'EndpointSlice.discovery.k8s.io': describeEndpointSlice,
  'HorizontalPodAutoscaler.autoscaling': describeHorizontalPodAutoscaler,
  'Ingress.networking.k8s.io': describeIngress,
  'IngressClass.networking.k8s.io': describeIngressClass,
  'NetworkPolicy.networking.k8s.io': describeNetworkPolicy,
  'Job.batch': describeJob,
  'CronJob.batch': describeCronJob,
  'StatefulSet.apps': describeStatefulSet,
  'Deployment.apps': (o, ctx) => describeDeployment(o, controlledBy(ctx, 'replicasets', o), ctx.events, ctx.now),
  'DaemonSet.apps': describeDaemonSet,
  'ReplicaSet.apps': (o, ctx) => describeReplicaSet(o, controlledBy(ctx, 'pods', o), ctx.events, ctx.now),
  'StorageClass.storage.k8s.io': describeStorageClass,
  'CSINode.storage.k8s.io': describeCSINode,
  'PodDisruptionBudget.policy': describePodDisruptionBudget,
  'Role.rbac.authorization.k8s.io': describeRole,
  'ClusterRole.rbac.authorization.k8s.io': describeRole,
  'RoleBinding.rbac.authorization.k8s.io': describeRoleBinding,
  'ClusterRoleBinding.rbac.authorization.k8s.io': describeRoleBinding,
  'PriorityClass.scheduling.k8s.io': describePriorityClass,
  'CertificateSigningRequest.certificates.k8s.io': describeCertificateSigningRequest,
};

/** DescriberFor, falling back to GenericDescriberFor. */
export function describerFor(group: string, kind: string): Describer {
  return DESCRIBERS[group ? `${kind}.${group}` : kind] ?? describeGeneric;
}
