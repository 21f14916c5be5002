// kubectl describe, as describe.go prints it. Pure functions of objects, a read-only view and `now`.
export { describePod, describePodTemplate, describePodTemplateInto, describeProbe, podQOS } from './pod.js';
export { describeDeployment, describeReplicaSet, splitReplicaSets, equalIgnoreHash, semanticEqual, sortByCreation } from './workloads.js';
export { describeNode, describeService, describeNamespace, describeConfigMap, type DescribeNodeOptions } from './cluster.js';
export { describeDaemonSet, describeStatefulSet, describeReplicationController } from './apps.js';
export { describeJob, describeCronJob } from './batch.js';
export { describeSecret, describeServiceAccount } from './config.js';
export { describeEndpoints, describeEndpointSlice, describeIngress, describeIngressClass, describeNetworkPolicy, formatEndpointSlices } from './network.js';
export { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, describeCSINode } from './storage.js';
export { describeQuota, describeLimitRange, describePodDisruptionBudget, describePriorityClass } from './policy.js';
export { describeRole, describeRoleBinding } from './rbac.js';
export { describeHorizontalPodAutoscaler } from './autoscaling.js';
export { describeCertificateSigningRequest } from './certificates.js';
export { parseCSR } from '../../api/x509.js';
export { describeGeneric, smartLabelFor } from './generic.js';
export { DESCRIBERS, describerFor } from './registry.js';
export { listView, searchEvents, type Describer, type DescribeContext, type DescribeView } from './context.js';
export { describeEvents, formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline } from './common.js';
export { PrefixWriter } from './writer.js';
