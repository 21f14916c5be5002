// kubectl's client-side generators (create <generator>, run, expose), one module per kind.
export { buildDeployment, validateDeployment, containerNameFor } from './deployment.js';
export { buildConfigMap, validateSources } from './configmap.js';
export { buildGenericSecret, buildDockerRegistrySecret, validateDockerRegistry, buildTLSSecret, validateTLS } from './secret.js';
export { buildService, validateService } from './service.js';
export { buildJob, buildJobFromCronJob, validateJob, buildCronJob } from './job.js';
export { buildNamespace } from './namespace.js';
export { buildServiceAccount } from './serviceaccount.js';
export { completeRole, validateRole, validateClusterRole, buildRole, buildClusterRole } from './role.js';
export { buildRoleBinding, buildClusterRoleBinding, validateRoleBinding } from './rolebinding.js';
export { buildQuota } from './quota.js';
export { buildPriorityClass } from './priorityclass.js';
export { buildPDB, validatePDB } from './pdb.js';
export { buildIngress, validateIngress } from './ingress.js';
