// core/v1 Pod: SetDefaults_Pod + SetDefaults_PodSpec, the defaults the admission chain adds (ServiceAccount,
// Priority, DefaultTolerationSeconds), PrepareForCreate's status, ValidatePodCreate and ValidatePodUpdate
// (pkg/apis/core/validation/validation.go).
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, forbidden, isObj, semanticEqual } from './field.js';
import { validateObjectMeta } from './meta.js';
import { addTokenVolume, defaultPodSpec, podQOSClass } from './podspec-defaults.js';
import { validatePodSpec } from './podspec-validation.js';
import { goDiff } from './godiff.js';
import type { DefaultsOptions, Strategy } from './types.js';

function defaults(pod: any, opts: DefaultsOptions) {
  if (!isObj(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
    if (!isObj(c.resources.requests)) c.resources.requests = {};
    for (const [k, q] of Object.entries(c.resources.limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = q;
  }
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
      for (const p of arr(c?.ports)) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
  // admission: ServiceAccount
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (opts.tokenVolumeName && spec.automountServiceAccountToken !== false) addTokenVolume(spec, opts.tokenVolumeName, opts.openshiftServiceCA ?? true);
  // admission: Priority (the global default when no PriorityClass is named)
  if (spec.priority == null) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  // admission: DefaultTolerationSeconds
  const tols = arr(spec.tolerations);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => isObj(t) && (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tols;
  // registry PrepareForCreate: status starts Pending with its QoS class
  if (!isObj(pod.status) || !pod.status.phase) pod.status = { ...(isObj(pod.status) ? pod.status : {}), phase: 'Pending', qosClass: podQOSClass(spec) };
}

function validate(pod: any): Errs {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may only shrink). */
function validateOnlyAddedTolerations(newT: any[], oldT: any[], field: string): Errs {
  const errs: Errs = [];
  for (const o of oldT) {
    const found = newT.some((n) => {
      const a = { ...o, tolerationSeconds: undefined };
      const b = { ...n, tolerationSeconds: undefined };
      if (!semanticEqual(a, b)) return false;
      if (o.tolerationSeconds == null) return n.tolerationSeconds == null;
      return n.tolerationSeconds != null && n.tolerationSeconds <= o.tolerationSeconds;
    });
    if (!found) {
      errs.push(forbidden(field, 'existing toleration can not be modified except its tolerationSeconds'));
      return errs;
    }
  }
  return errs;
}

/** ValidatePodUpdate: the spec may change only in images, activeDeadlineSeconds and added tolerations. */
function validateUpdate(pod: any, old: any): Errs {
  const errs = validate(pod);
  const spec = isObj(pod.spec) ? pod.spec : {};
  const oldSpec = isObj(old.spec) ? old.spec : {};
  const newContainers = arr(spec.containers);
  const oldContainers = arr(oldSpec.containers);
  if (newContainers.length !== oldContainers.length) {
    errs.push(forbidden('spec.containers', 'pod updates may not add or remove containers'));
    return errs;
  }
  const newInit = arr(spec.initContainers);
  const oldInit = arr(oldSpec.initContainers);
  if (newInit.length !== oldInit.length) {
    errs.push(forbidden('spec.initContainers', 'pod updates may not add or remove containers'));
    return errs;
  }
  const adsOld = oldSpec.activeDeadlineSeconds;
  const adsNew = spec.activeDeadlineSeconds;
  if (adsOld != null && (adsNew == null || adsNew <= 0 || adsNew > adsOld)) {
    errs.push({ type: 'Invalid', field: 'spec.activeDeadlineSeconds', value: adsNew == null ? 'null' : String(adsNew), detail: 'must be less than or equal to previous value' });
  }
  errs.push(...validateOnlyAddedTolerations(arr(spec.tolerations), arr(oldSpec.tolerations), 'spec.tolerations'));
  // munge the updatable fields to their old values, then the rest must be equal
  const munged = structuredClone(spec);
  munged.containers = newContainers.map((c: any, i: number) => ({ ...c, image: oldContainers[i]?.image }));
  if (newInit.length) munged.initContainers = newInit.map((c: any, i: number) => ({ ...c, image: oldInit[i]?.image }));
  if (adsOld != null) munged.activeDeadlineSeconds = adsOld; else delete munged.activeDeadlineSeconds;
  if (oldSpec.schedulingGates != null) munged.schedulingGates = oldSpec.schedulingGates; else delete munged.schedulingGates;
  if (oldSpec.tolerations != null) munged.tolerations = oldSpec.tolerations; else delete munged.tolerations;
  if (oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  if (!semanticEqual(munged, oldSpec)) {
    // kubesim: upstream appends go-cmp's Diff of the internal core.PodSpec, whose spacing go-cmp randomises on
    // purpose; goDiff renders the same shape with plain spaces
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${goDiff('core.PodSpec', 'v1.PodSpec', oldSpec, munged)}`;
    errs.push(forbidden('spec', detail));
  }
  return errs;
}

export const podStrategy: Strategy = {
  goType: 'v1.Pod',
  defaults,
  // PrepareForCreate: the QoS class of the spec as admitted (LimitRanger may have added resources)
  prepareForCreate(pod) { pod.status = { ...(isObj(pod.status) ? pod.status : {}), phase: pod.status?.phase || 'Pending', qosClass: podQOSClass(pod.spec) }; },
  prepareForUpdate(pod, old) { pod.status = old.status; },
  validate,
  validateUpdate,
};
