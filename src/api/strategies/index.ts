// The registry strategies by apiVersion/kind: the one place a kind's behaviour is looked up. A kind without an
// entry is stored as decoded (its schema checks only).
import type { Strategy } from './types.js';
import { customStrategy } from '../crd/served.js';
import { configMapStrategy } from './configmap.js';
import { controllerRevisionStrategy } from './controllerrevision.js';
import { cronJobStrategy } from './cronjob.js';
import { daemonSetStrategy } from './daemonset.js';
import { deploymentStrategy } from './deployment.js';
import { endpointsStrategy } from './endpoints.js';
import { endpointSliceStrategy } from './endpointslice.js';
import { eventStrategy, eventsV1EventStrategy } from './event.js';
import { hpaV1Strategy, hpaV2Strategy } from './hpa.js';
import { ingressStrategy } from './ingress.js';
import { ingressClassStrategy } from './ingressclass.js';
import { jobStrategy } from './job.js';
import { leaseStrategy } from './lease.js';
import { limitRangeStrategy } from './limitrange.js';
import { namespaceStrategy } from './namespace.js';
import { networkPolicyStrategy } from './networkpolicy.js';
import { nodeStrategy } from './node.js';
import { pdbStrategy } from './pdb.js';
import { podStrategy } from './pod.js';
import { priorityClassStrategy } from './priorityclass.js';
import { pvStrategy } from './pv.js';
import { pvcStrategy } from './pvc.js';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac.js';
import { replicaSetStrategy } from './replicaset.js';
import { replicationControllerStrategy } from './replicationcontroller.js';
import { resourceQuotaStrategy } from './resourcequota.js';
import { secretStrategy } from './secret.js';
import { serviceStrategy } from './service.js';
import { serviceAccountStrategy } from './serviceaccount.js';
import { statefulSetStrategy } from './statefulset.js';
import { storageClassStrategy } from './storageclass.js';
import { csrStrategy } from './csr.js';
import { crdStrategy } from './crd.js';

export type { Strategy, DefaultsOptions } from './types.js';

const STRATEGIES: Record<string, Strategy> = {
  'v1/Pod': podStrategy,
  'v1/Service': serviceStrategy,
  'v1/Endpoints': endpointsStrategy,
  'v1/ReplicationController': replicationControllerStrategy,
  'v1/ConfigMap': configMapStrategy,
  'v1/Secret': secretStrategy,
  'v1/ServiceAccount': serviceAccountStrategy,
  'v1/Namespace': namespaceStrategy,
  'v1/Node': nodeStrategy,
  'v1/PersistentVolume': pvStrategy,
  'v1/PersistentVolumeClaim': pvcStrategy,
  'v1/ResourceQuota': resourceQuotaStrategy,
  'v1/LimitRange': limitRangeStrategy,
  'v1/Event': eventStrategy,
  'apps/v1/Deployment': deploymentStrategy,
  'apps/v1/ReplicaSet': replicaSetStrategy,
  'apps/v1/DaemonSet': daemonSetStrategy,
  'apps/v1/StatefulSet': statefulSetStrategy,
  'apps/v1/ControllerRevision': controllerRevisionStrategy,
  'batch/v1/Job': jobStrategy,
  'batch/v1/CronJob': cronJobStrategy,
  'autoscaling/v2/HorizontalPodAutoscaler': hpaV2Strategy,
  'autoscaling/v1/HorizontalPodAutoscaler': hpaV1Strategy,
  'policy/v1/PodDisruptionBudget': pdbStrategy,
  'networking.k8s.io/v1/Ingress': ingressStrategy,
  'networking.k8s.io/v1/IngressClass': ingressClassStrategy,
  'networking.k8s.io/v1/NetworkPolicy': networkPolicyStrategy,
  'discovery.k8s.io/v1/EndpointSlice': endpointSliceStrategy,
  'storage.k8s.io/v1/StorageClass': storageClassStrategy,
  'rbac.authorization.k8s.io/v1/Role': roleStrategy,
  'rbac.authorization.k8s.io/v1/ClusterRole': clusterRoleStrategy,
  'rbac.authorization.k8s.io/v1/RoleBinding': roleBindingStrategy,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': clusterRoleBindingStrategy,
  'scheduling.k8s.io/v1/PriorityClass': priorityClassStrategy,
  'coordination.k8s.io/v1/Lease': leaseStrategy,
  'events.k8s.io/v1/Event': eventsV1EventStrategy,
  'certificates.k8s.io/v1/CertificateSigningRequest': csrStrategy,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': crdStrategy,
};

/** The strategy of an object's kind, or undefined for kinds stored as they come. */
export function strategyFor(obj: { apiVersion?: string; kind?: string }): Strategy | undefined {
  const k = `${obj.apiVersion}/${obj.kind}`;
  return STRATEGIES[k] ?? customStrategy(k);
}
