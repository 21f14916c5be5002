// kubectl describe, as describe.go prints it. Pure functions of objects and `now`.
export { describePod, describePodTemplate, describePodTemplateInto, describeProbe, podQOS } from './pod.js';
export { describeDeployment, describeReplicaSet, splitReplicaSets, equalIgnoreHash, semanticEqual, sortByCreation } from './workloads.js';
export { describeNode, describeService, describeNamespace, describeConfigMap, describeGeneric, type DescribeNodeOptions } from './cluster.js';
export { describeEvents, formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline } from './common.js';
export { PrefixWriter } from './writer.js';
