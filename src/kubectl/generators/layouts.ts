// Go struct layouts (k8s.io/api v1.32, declaration order) of the kinds the generators build that
// src/api/goschema-data.ts does not describe yet: kubectl prints its typed objects with `-o json`
// in field order and with omitempty, so the generators' output is encoded through these.
// Rows as goschema-data.ts: [Go field, JSON tag, Go type].
type Row = [string, string, string];

const TYPE_META: Row = ['TypeMeta', ',inline', 'v1.TypeMeta'];
const OBJECT_META: Row = ['ObjectMeta', 'metadata,omitempty', 'v1.ObjectMeta'];

export const GENERATOR_LAYOUTS: Record<string, Row[]> = {
  'v1.Secret': [TYPE_META, OBJECT_META,
    ['Immutable', 'immutable,omitempty', '*bool'], ['Data', 'data,omitempty', 'map[string][]byte'],
    ['StringData', 'stringData,omitempty', 'map[string]string'], ['Type', 'type,omitempty', 'v1.SecretType']],
  'v1.ServiceAccount': [TYPE_META, OBJECT_META,
    ['Secrets', 'secrets,omitempty', '[]v1.ObjectReference'], ['ImagePullSecrets', 'imagePullSecrets,omitempty', '[]v1.LocalObjectReference'],
    ['AutomountServiceAccountToken', 'automountServiceAccountToken,omitempty', '*bool']],
  'v1.ObjectReference': [['Kind', 'kind,omitempty', 'string'], ['Namespace', 'namespace,omitempty', 'string'], ['Name', 'name,omitempty', 'string'],
    ['UID', 'uid,omitempty', 'types.UID'], ['APIVersion', 'apiVersion,omitempty', 'string'], ['ResourceVersion', 'resourceVersion,omitempty', 'string'],
    ['FieldPath', 'fieldPath,omitempty', 'string']],
  'v1.ResourceQuota': [TYPE_META, OBJECT_META, ['Spec', 'spec,omitempty', 'v1.ResourceQuotaSpec'], ['Status', 'status,omitempty', 'v1.ResourceQuotaStatus']],
  'v1.ResourceQuotaSpec': [['Hard', 'hard,omitempty', 'v1.ResourceList'], ['Scopes', 'scopes,omitempty', '[]v1.ResourceQuotaScope'],
    ['ScopeSelector', 'scopeSelector,omitempty', '*v1.ScopeSelector']],
  'v1.ResourceQuotaStatus': [['Hard', 'hard,omitempty', 'v1.ResourceList'], ['Used', 'used,omitempty', 'v1.ResourceList']],
  'v1.ScopeSelector': [['MatchExpressions', 'matchExpressions,omitempty', '[]v1.ScopedResourceSelectorRequirement']],
  'v1.ScopedResourceSelectorRequirement': [['ScopeName', 'scopeName', 'string'], ['Operator', 'operator', 'string'], ['Values', 'values,omitempty', '[]string']],

  // batch/v1
  'v1.Job': [TYPE_META, OBJECT_META, ['Spec', 'spec,omitempty', 'v1.JobSpec'], ['Status', 'status,omitempty', 'v1.JobStatus']],
  'v1.JobSpec': [
    ['Parallelism', 'parallelism,omitempty', '*int32'], ['Completions', 'completions,omitempty', '*int32'],
    ['ActiveDeadlineSeconds', 'activeDeadlineSeconds,omitempty', '*int64'], ['PodFailurePolicy', 'podFailurePolicy,omitempty', '*v1.PodFailurePolicy'],
    ['SuccessPolicy', 'successPolicy,omitempty', '*v1.SuccessPolicy'], ['BackoffLimit', 'backoffLimit,omitempty', '*int32'],
    ['BackoffLimitPerIndex', 'backoffLimitPerIndex,omitempty', '*int32'], ['MaxFailedIndexes', 'maxFailedIndexes,omitempty', '*int32'],
    ['Selector', 'selector,omitempty', '*v1.LabelSelector'], ['ManualSelector', 'manualSelector,omitempty', '*bool'],
    ['Template', 'template', 'v1.PodTemplateSpec'], ['TTLSecondsAfterFinished', 'ttlSecondsAfterFinished,omitempty', '*int32'],
    ['CompletionMode', 'completionMode,omitempty', '*v1.CompletionMode'], ['Suspend', 'suspend,omitempty', '*bool'],
    ['PodReplacementPolicy', 'podReplacementPolicy,omitempty', '*v1.PodReplacementPolicy'], ['ManagedBy', 'managedBy,omitempty', '*string'],
  ],
  'v1.JobStatus': [
    ['Conditions', 'conditions,omitempty', '[]v1.JobCondition'], ['StartTime', 'startTime,omitempty', '*v1.Time'],
    ['CompletionTime', 'completionTime,omitempty', '*v1.Time'], ['Active', 'active,omitempty', 'int32'],
    ['Succeeded', 'succeeded,omitempty', 'int32'], ['Failed', 'failed,omitempty', 'int32'], ['Terminating', 'terminating,omitempty', '*int32'],
    ['CompletedIndexes', 'completedIndexes,omitempty', 'string'], ['FailedIndexes', 'failedIndexes,omitempty', '*string'],
    ['UncountedTerminatedPods', 'uncountedTerminatedPods,omitempty', '*v1.UncountedTerminatedPods'], ['Ready', 'ready,omitempty', '*int32'],
  ],
  'v1.CronJob': [TYPE_META, OBJECT_META, ['Spec', 'spec,omitempty', 'v1.CronJobSpec'], ['Status', 'status,omitempty', 'v1.CronJobStatus']],
  'v1.CronJobSpec': [
    ['Schedule', 'schedule', 'string'], ['TimeZone', 'timeZone,omitempty', '*string'],
    ['StartingDeadlineSeconds', 'startingDeadlineSeconds,omitempty', '*int64'], ['ConcurrencyPolicy', 'concurrencyPolicy,omitempty', 'v1.ConcurrencyPolicy'],
    ['Suspend', 'suspend,omitempty', '*bool'], ['JobTemplate', 'jobTemplate', 'v1.JobTemplateSpec'],
    ['SuccessfulJobsHistoryLimit', 'successfulJobsHistoryLimit,omitempty', '*int32'], ['FailedJobsHistoryLimit', 'failedJobsHistoryLimit,omitempty', '*int32'],
  ],
  'v1.JobTemplateSpec': [OBJECT_META, ['Spec', 'spec,omitempty', 'v1.JobSpec']],
  'v1.CronJobStatus': [['Active', 'active,omitempty', '[]v1.ObjectReference'], ['LastScheduleTime', 'lastScheduleTime,omitempty', '*v1.Time'],
    ['LastSuccessfulTime', 'lastSuccessfulTime,omitempty', '*v1.Time']],

  // rbac.authorization.k8s.io/v1
  'v1.Role': [TYPE_META, OBJECT_META, ['Rules', 'rules', '[]v1.PolicyRule']],
  'v1.ClusterRole': [TYPE_META, OBJECT_META, ['Rules', 'rules', '[]v1.PolicyRule'], ['AggregationRule', 'aggregationRule,omitempty', '*v1.AggregationRule']],
  'v1.PolicyRule': [['Verbs', 'verbs', '[]string'], ['APIGroups', 'apiGroups,omitempty', '[]string'], ['Resources', 'resources,omitempty', '[]string'],
    ['ResourceNames', 'resourceNames,omitempty', '[]string'], ['NonResourceURLs', 'nonResourceURLs,omitempty', '[]string']],
  'v1.AggregationRule': [['ClusterRoleSelectors', 'clusterRoleSelectors,omitempty', '[]v1.LabelSelector']],
  'v1.RoleBinding': [TYPE_META, OBJECT_META, ['Subjects', 'subjects,omitempty', '[]v1.Subject'], ['RoleRef', 'roleRef', 'v1.RoleRef']],
  'v1.ClusterRoleBinding': [TYPE_META, OBJECT_META, ['Subjects', 'subjects,omitempty', '[]v1.Subject'], ['RoleRef', 'roleRef', 'v1.RoleRef']],
  'v1.Subject': [['Kind', 'kind', 'string'], ['APIGroup', 'apiGroup,omitempty', 'string'], ['Name', 'name', 'string'], ['Namespace', 'namespace,omitempty', 'string']],
  'v1.RoleRef': [['APIGroup', 'apiGroup', 'string'], ['Kind', 'kind', 'string'], ['Name', 'name', 'string']],

  // scheduling.k8s.io/v1
  'v1.PriorityClass': [TYPE_META, OBJECT_META, ['Value', 'value', 'int32'], ['GlobalDefault', 'globalDefault,omitempty', 'bool'],
    ['Description', 'description,omitempty', 'string'], ['PreemptionPolicy', 'preemptionPolicy,omitempty', '*v1.PreemptionPolicy']],

  // policy/v1
  'v1.PodDisruptionBudget': [TYPE_META, OBJECT_META, ['Spec', 'spec,omitempty', 'v1.PodDisruptionBudgetSpec'], ['Status', 'status,omitempty', 'v1.PodDisruptionBudgetStatus']],
  'v1.PodDisruptionBudgetSpec': [['MinAvailable', 'minAvailable,omitempty', '*intstr.IntOrString'], ['Selector', 'selector,omitempty', '*v1.LabelSelector'],
    ['MaxUnavailable', 'maxUnavailable,omitempty', '*intstr.IntOrString'], ['UnhealthyPodEvictionPolicy', 'unhealthyPodEvictionPolicy,omitempty', '*v1.UnhealthyPodEvictionPolicyType']],
  'v1.PodDisruptionBudgetStatus': [['ObservedGeneration', 'observedGeneration,omitempty', 'int64'], ['DisruptedPods', 'disruptedPods,omitempty', 'map[string]v1.Time'],
    ['DisruptionsAllowed', 'disruptionsAllowed', 'int32'], ['CurrentHealthy', 'currentHealthy', 'int32'], ['DesiredHealthy', 'desiredHealthy', 'int32'],
    ['ExpectedPods', 'expectedPods', 'int32'], ['Conditions', 'conditions,omitempty', '[]v1.Condition']],

  // networking.k8s.io/v1
  'v1.Ingress': [TYPE_META, OBJECT_META, ['Spec', 'spec,omitempty', 'v1.IngressSpec'], ['Status', 'status,omitempty', 'v1.IngressStatus']],
  'v1.IngressSpec': [['IngressClassName', 'ingressClassName,omitempty', '*string'], ['DefaultBackend', 'defaultBackend,omitempty', '*v1.IngressBackend'],
    ['TLS', 'tls,omitempty', '[]v1.IngressTLS'], ['Rules', 'rules,omitempty', '[]v1.IngressRule']],
  'v1.IngressBackend': [['Service', 'service,omitempty', '*v1.IngressServiceBackend'], ['Resource', 'resource,omitempty', '*v1.TypedLocalObjectReference']],
  'v1.IngressServiceBackend': [['Name', 'name', 'string'], ['Port', 'port,omitempty', 'v1.ServiceBackendPort']],
  'v1.ServiceBackendPort': [['Name', 'name,omitempty', 'string'], ['Number', 'number,omitempty', 'int32']],
  'v1.IngressTLS': [['Hosts', 'hosts,omitempty', '[]string'], ['SecretName', 'secretName,omitempty', 'string']],
  'v1.IngressRule': [['Host', 'host,omitempty', 'string'], ['IngressRuleValue', ',inline', 'v1.IngressRuleValue']],
  'v1.IngressRuleValue': [['HTTP', 'http,omitempty', '*v1.HTTPIngressRuleValue']],
  'v1.HTTPIngressRuleValue': [['Paths', 'paths', '[]v1.HTTPIngressPath']],
  'v1.HTTPIngressPath': [['Path', 'path,omitempty', 'string'], ['PathType', 'pathType', '*v1.PathType'], ['Backend', 'backend', 'v1.IngressBackend']],
  'v1.IngressStatus': [['LoadBalancer', 'loadBalancer,omitempty', 'v1.IngressLoadBalancerStatus']],
  'v1.IngressLoadBalancerStatus': [['Ingress', 'ingress,omitempty', '[]v1.IngressLoadBalancerIngress']],
};

/** Go type of each kind the generators print, by `apiVersion/kind`. */
export const GENERATOR_KIND_TYPES: Record<string, string> = {
  'apps/v1/Deployment': 'v1.Deployment',
  'v1/Pod': 'v1.Pod',
  'v1/Service': 'v1.Service',
  'v1/ConfigMap': 'v1.ConfigMap',
  'v1/Namespace': 'v1.Namespace',
  'v1/Secret': 'v1.Secret',
  'v1/ServiceAccount': 'v1.ServiceAccount',
  'v1/ResourceQuota': 'v1.ResourceQuota',
  'batch/v1/Job': 'v1.Job',
  'batch/v1/CronJob': 'v1.CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'v1.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'v1.ClusterRoleBinding',
  'scheduling.k8s.io/v1/PriorityClass': 'v1.PriorityClass',
  'policy/v1/PodDisruptionBudget': 'v1.PodDisruptionBudget',
  'networking.k8s.io/v1/Ingress': 'v1.Ingress',
};
