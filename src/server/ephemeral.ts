// The pods/ephemeralcontainers subresource (registry/core/pod EphemeralContainersStrategy): an
// update may only add ephemeral containers; the rest of the pod stays as stored. Validation as
// ValidatePodEphemeralContainersUpdate words it. `kubectl debug POD --image=...` patches it.
import type { FieldError, KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import { formatInvalid } from '../api/validation.js';
import { defaultPodSpec } from '../api/strategies/podspec-defaults.js';
import type { Cluster } from '../store/cluster.js';
import { InvalidError } from './registry.js';

/** what an ephemeral container may not have (validateEphemeralContainers) */
const FORBIDDEN_FIELDS = ['lifecycle', 'livenessProbe', 'ports', 'readinessProbe', 'resources', 'resizePolicy', 'restartPolicy', 'startupProbe'];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validate(next: any[], old: any[], pod: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>([...(pod.spec?.containers || []), ...(pod.spec?.initContainers || [])].map((c: any) => c.name));
  const regular = new Set<string>((pod.spec?.containers || []).map((c: any) => c.name));
  next.forEach((c, i) => {
    const f = `spec.ephemeralContainers[${i}]`;
    if (!c?.name) errs.push({ type: 'Required', field: `${f}.name` });
    else if (!DNS_LABEL.test(c.name) || c.name.length > 63) errs.push({ type: 'Invalid', field: `${f}.name`, value: JSON.stringify(c.name), detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" });
    else if (names.has(c.name)) errs.push({ type: 'Duplicate', field: `${f}.name`, value: JSON.stringify(c.name) });
    if (c?.name) names.add(c.name);
    if (!c?.image) errs.push({ type: 'Required', field: `${f}.image` });
    for (const k of FORBIDDEN_FIELDS) if (c?.[k] !== undefined && !(k === 'resources' && Object.keys(c[k] ?? {}).length === 0)) errs.push({ type: 'Forbidden', field: `${f}.${k}`, detail: 'cannot be set for an Ephemeral Container' });
    if (c?.targetContainerName && !regular.has(c.targetContainerName)) errs.push({ type: 'NotFound', field: `${f}.targetContainerName`, value: JSON.stringify(c.targetContainerName) });
  });
  // existing ephemeral containers may not be removed or changed
  for (const o of old) {
    const i = next.findIndex((c) => c?.name === o.name);
    if (i < 0) errs.push({ type: 'Forbidden', field: 'spec.ephemeralContainers', detail: `existing ephemeral containers ${JSON.stringify(o.name)} may not be removed\n` });
    else if (JSON.stringify(next[i]) !== JSON.stringify(o)) errs.push({ type: 'Forbidden', field: `spec.ephemeralContainers[${i}]`, detail: `existing ephemeral containers ${JSON.stringify(o.name)} may not be changed\n` });
  }
  return errs;
}

/** Write `obj`'s ephemeral containers into the stored pod (the same pod: resourceVersion checked when given). */
export function updateEphemeralContainers(c: Cluster, cur: KObject, obj: KObject): KObject {
  const name = cur.metadata!.name!;
  const rv = obj.metadata?.resourceVersion;
  if (rv && rv !== cur.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const spec = { ephemeralContainers: JSON.parse(JSON.stringify(obj.spec?.ephemeralContainers ?? [])) };
  defaultPodSpec(spec);
  const next: any[] = spec.ephemeralContainers;
  const errs = validate(next, cur.spec?.ephemeralContainers || [], cur);
  if (errs.length) throw new InvalidError('Pod', name, formatInvalid('Pod', name, errs), errs);
  const out = { ...cur, spec: { ...cur.spec } };
  if (next.length) out.spec.ephemeralContainers = next;
  else delete out.spec.ephemeralContainers;
  return c.update('pods', out, { writer: { manager: 'kubectl-debug', subresource: 'ephemeralcontainers' } });
}
