// Create/update validation with the API server's field paths, order, details and value renderings
// (pkg/apis/apps/validation, pkg/apis/core/validation, apimachinery's ObjectMeta/label checks), and kubectl's
// rendering of the resulting 422 Invalid StatusError (kubectl cmd/util/helpers.go checkErr).
import { isDeepStrictEqual } from 'node:util';
import type { FieldError, KObject } from './types.js';
import { applyDefaults, defaultingSource } from './defaults.js';
import { StatusError } from './errors.js';
import { goIntOrString, goLabelSelector, goMapStringString, goQuote } from './gofmt.js';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isQualifiedName, isRelaxedEnvVarName, isValidLabelValue,
  isValidPercent, isValidPortName, isValidPortNum, nameFuncForKind, nameIsDNSSubdomain, type NameFunc,
} from './names.js';
import { compareQuantity, formatQuantity, parseQuantity, QuantityError } from './quantity.js';
import { labelSelectorAsSelector, matches, SelectorError, type Selector } from './selectors.js';

type Errs = FieldError[];

// field.Error constructors; `value` is already rendered (goQuote for strings, bare numbers, %#v for the rest)
const invalid = (field: string, value: string, detail: string): FieldError => ({ type: 'Invalid', field, value, detail });
const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, detail });
const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
const duplicate = (field: string, value: string): FieldError => ({ type: 'Duplicate', field, value });
const notFound = (field: string, value: string): FieldError => ({ type: 'NotFound', field, value });
const notSupported = (field: string, value: string, valid: string[]): FieldError => ({
  type: 'Unsupported', field, value, detail: valid.length ? 'supported values: ' + valid.map(goQuote).join(', ') : '',
});
const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: any): any[] => (Array.isArray(v) ? v : []);
const num = (v: any): number => (typeof v === 'number' ? v : 0);
const str = (v: any): string => (typeof v === 'string' ? v : '');
const sortedKeys = (m: any): string[] => (isObj(m) ? Object.keys(m).sort() : []);

const IS_NEGATIVE = 'must be greater than or equal to 0';

function nonNegative(v: number, field: string): Errs {
  return v < 0 ? [invalid(field, String(v), IS_NEGATIVE)] : [];
}

// --- ObjectMeta ---------------------------------------------------------------------------------------------------

// Go iterates maps in random order; kubesim uses key order so messages are stable.
export function validateLabels(labels: any, field: string): Errs {
  const errs: Errs = [];
  for (const k of sortedKeys(labels)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, goQuote(k), m));
    for (const m of isValidLabelValue(str(labels[k]))) errs.push(invalid(field, goQuote(str(labels[k])), m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(ann: any, field: string): Errs {
  const errs: Errs = [];
  let size = 0;
  for (const k of sortedKeys(ann)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, goQuote(k), m));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(ann[k]));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateObjectMeta(meta: any, requiresNamespace: boolean, nameFn: NameFunc, field = 'metadata'): Errs {
  const errs: Errs = [];
  const m = isObj(meta) ? meta : {};
  if (str(m.generateName)) for (const msg of nameFn(m.generateName, true)) errs.push(invalid(`${field}.generateName`, goQuote(m.generateName), msg));
  if (!str(m.name)) errs.push(required(`${field}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(`${field}.name`, goQuote(m.name), msg));
  if (requiresNamespace) {
    // kubesim: the namespace comes from the request; an object without one is validated as if it had it
    if (str(m.namespace)) for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid(`${field}.namespace`, goQuote(m.namespace), msg));
  } else if (str(m.namespace)) errs.push(forbidden(`${field}.namespace`, 'not allowed on this type'));
  errs.push(...nonNegative(num(m.generation), `${field}.generation`));
  errs.push(...validateLabels(m.labels, `${field}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${field}.annotations`));
  arr(m.finalizers).forEach((f: any, i: number) => {
    for (const msg of isQualifiedName(str(f))) errs.push(invalid(`${field}.finalizers`, goQuote(str(f)), msg));
    void i;
  });
  return errs;
}

// --- label selectors ----------------------------------------------------------------------------------------------

function validateLabelSelector(sel: any, field: string): Errs {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  arr(sel.matchExpressions).forEach((e: any, i: number) => {
    const p = `${field}.matchExpressions[${i}]`;
    const op = str(e?.operator);
    const values = arr(e?.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else errs.push(invalid(`${p}.operator`, goQuote(op), 'not a valid selector operator'));
    for (const m of isQualifiedName(str(e?.key))) errs.push(invalid(`${p}.key`, goQuote(str(e?.key)), m));
    values.forEach((v: any, j: number) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalid(`${p}.values[${j}]`, goQuote(str(v)), m));
    });
  });
  return errs;
}

// --- pod spec -----------------------------------------------------------------------------------------------------

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePortNumOrName(port: any, field: string): Errs {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, goQuote(port), m));
  return isValidPortNum(num(port)).map((m) => invalid(field, String(num(port)), m));
}

function validateHandler(h: any, field: string, kinds: string[]): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const k of kinds) {
    if (h[k] === undefined || h[k] === null) continue;
    if (n++ > 0) { errs.push(forbidden(`${field}.${k}`, 'may not specify more than 1 handler type')); continue; }
    const p = `${field}.${k}`;
    const v = h[k];
    if (k === 'exec') { if (arr(v.command).length === 0) errs.push(required(`${p}.command`)); }
    else if (k === 'httpGet') {
      if (!str(v.path)) errs.push(required(`${p}.path`));
      errs.push(...validatePortNumOrName(v.port, `${p}.port`));
      if (!['HTTP', 'HTTPS'].includes(str(v.scheme))) errs.push(notSupported(`${p}.scheme`, goQuote(str(v.scheme)), ['HTTP', 'HTTPS']));
    } else if (k === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, `${p}.port`));
    else if (k === 'grpc') errs.push(...isValidPortNum(num(v.port)).map((m) => invalid(`${p}.port`, String(num(v.port)), m)));
    else if (k === 'sleep') {
      if (num(v.seconds) < 0) errs.push(invalid(`${p}.seconds`, String(num(v.seconds)), 'must be non-negative'));
    }
  }
  if (n === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: any, field: string, kind: 'liveness' | 'readiness' | 'startup'): Errs {
  if (!isObj(probe)) return [];
  const errs: Errs = [];
  if (kind !== 'readiness' && num(probe.successThreshold) !== 1) errs.push(invalid(`${field}.successThreshold`, String(num(probe.successThreshold)), 'must be 1'));
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds != null) errs.push(invalid(`${field}.terminationGracePeriodSeconds`, String(probe.terminationGracePeriodSeconds), 'must not be set for readinessProbes'));
  errs.push(...validateHandler(probe, field, ['exec', 'httpGet', 'tcpSocket', 'grpc']));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(num(probe[k]), `${field}.${k}`));
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, String(probe.terminationGracePeriodSeconds), 'must be greater than 0'));
  }
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (n: string) => n.startsWith('hugepages-');
// helper.IsOvercommitAllowed: native (no domain, or *kubernetes.io/) and not hugepages
const overcommitAllowed = (n: string) => (!n.includes('/') || n.includes('kubernetes.io/')) && !isHugePages(n);

function quantityString(v: any): string {
  try { return formatQuantity(parseQuantity(v)); } catch { return String(v); }
}

function validateResourceName(name: string, field: string): Errs {
  const errs = isQualifiedName(name).map((m) => invalid(field, goQuote(name), m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(field, goQuote(name), 'must be a standard resource for containers')];
  }
  return [];
}

function validateQuantity(name: string, q: any, field: string): Errs {
  let nanos: bigint;
  try { nanos = parseQuantity(q).nanos; } catch (e) { if (e instanceof QuantityError) return []; throw e; }
  const errs: Errs = [];
  if (nanos < 0n) errs.push(invalid(field, goQuote(quantityString(q)), IS_NEGATIVE));
  // IsIntegerResourceName: everything but cpu/memory/ephemeral-storage/hugepages must be whole
  if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name) && nanos % 1_000_000_000n !== 0n) errs.push(invalid(field, goQuote(quantityString(q)), 'must be an integer'));
  return errs;
}

function validateResources(res: any, field: string): Errs {
  const errs: Errs = [];
  const lim = isObj(res?.limits) ? res.limits : {};
  const req = isObj(res?.requests) ? res.requests : {};
  for (const k of sortedKeys(lim)) {
    errs.push(...validateResourceName(k, `${field}.limits[${k}]`));
    errs.push(...validateQuantity(k, lim[k], `${field}.limits[${k}]`));
  }
  for (const k of sortedKeys(req)) {
    errs.push(...validateResourceName(k, `${field}.requests[${k}]`));
    errs.push(...validateQuantity(k, req[k], `${field}.requests[${k}]`));
    if (k in lim) {
      let c = 0;
      try { c = compareQuantity(req[k], lim[k]); } catch { continue; }
      if (c !== 0 && !overcommitAllowed(k)) errs.push(invalid(`${field}.requests`, goQuote(quantityString(req[k])), `must be equal to ${k} limit of ${quantityString(lim[k])}`));
      else if (c > 0) errs.push(invalid(`${field}.requests`, goQuote(quantityString(req[k])), `must be less than or equal to ${k} limit of ${quantityString(lim[k])}`));
    } else if (!overcommitAllowed(k)) {
      errs.push(required(`${field}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

function validateEnv(env: any, field: string): Errs {
  const errs: Errs = [];
  arr(env).forEach((e: any, i: number) => {
    const p = `${field}[${i}]`;
    const name = str(e?.name);
    if (!name) errs.push(required(`${p}.name`));
    for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(`${p}.name`, goQuote(name), m));
    const vf = e?.valueFrom;
    if (isObj(vf)) {
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => vf[k] != null);
      if (sources.length === 0) errs.push(invalid(`${p}.valueFrom`, '""', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (sources.length > 1) errs.push(invalid(`${p}.valueFrom`, '""', 'may not have more than one field specified at a time'));
      if (str(e?.value) && sources.length) errs.push(invalid(`${p}.valueFrom`, '""', 'may not be specified when `value` is not empty'));
      for (const k of ['configMapKeyRef', 'secretKeyRef']) {
        if (!isObj(vf[k])) continue;
        if (!str(vf[k].name)) errs.push(required(`${p}.valueFrom.${k}.name`));
        if (!str(vf[k].key)) errs.push(required(`${p}.valueFrom.${k}.key`));
        else for (const m of isConfigMapKey(vf[k].key)) errs.push(invalid(`${p}.valueFrom.${k}.key`, goQuote(vf[k].key), m));
      }
    }
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainerCommon(c: any, p: string, volumes: Set<string>): Errs {
  const errs: Errs = [];
  const name = str(c?.name);
  if (!name) errs.push(required(`${p}.name`));
  else errs.push(...isDNS1123Label(name).map((m) => invalid(`${p}.name`, goQuote(name), m)));
  if (!str(c?.image)) errs.push(required(`${p}.image`));
  const tmp = str(c?.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${p}.terminationMessagePolicy`));
  else if (!['File', 'FallbackToLogsOnError'].includes(tmp)) errs.push(notSupported(`${p}.terminationMessagePolicy`, goQuote(tmp), ['File', 'FallbackToLogsOnError']));
  // ports
  const portNames = new Set<string>();
  arr(c?.ports).forEach((port: any, i: number) => {
    const pp = `${p}.ports[${i}]`;
    const pn = str(port?.name);
    if (pn) {
      const msgs = isValidPortName(pn);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${pp}.name`, goQuote(pn), m));
      else if (portNames.has(pn)) errs.push(duplicate(`${pp}.name`, goQuote(pn)));
      else portNames.add(pn);
    }
    const cp = num(port?.containerPort);
    if (cp === 0) errs.push(required(`${pp}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(`${pp}.containerPort`, String(cp), m));
    const hp = num(port?.hostPort);
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(`${pp}.hostPort`, String(hp), m));
    const proto = str(port?.protocol);
    if (!proto) errs.push(required(`${pp}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${pp}.protocol`, goQuote(proto), PORT_PROTOCOLS));
  });
  errs.push(...validateEnv(c?.env, `${p}.env`));
  // volume mounts
  const mountPaths = new Set<string>();
  arr(c?.volumeMounts).forEach((m: any, i: number) => {
    const mp = `${p}.volumeMounts[${i}]`;
    const n = str(m?.name);
    if (!n) errs.push(required(`${mp}.name`));
    else if (!volumes.has(n)) errs.push(notFound(`${mp}.name`, goQuote(n)));
    const path = str(m?.mountPath);
    if (!path) errs.push(required(`${mp}.mountPath`));
    else if (mountPaths.has(path)) errs.push(invalid(`${mp}.mountPath`, goQuote(path), 'must be unique'));
    mountPaths.add(path);
  });
  const pp = str(c?.imagePullPolicy);
  if (!pp) errs.push(required(`${p}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pp)) errs.push(notSupported(`${p}.imagePullPolicy`, goQuote(pp), PULL_POLICIES));
  errs.push(...validateResources(c?.resources, `${p}.resources`));
  return errs;
}

function validateVolumes(vols: any, field: string): { errs: Errs; names: Set<string> } {
  const errs: Errs = [];
  const names = new Set<string>();
  arr(vols).forEach((v: any, i: number) => {
    const p = `${field}[${i}]`;
    const n = str(v?.name);
    if (!n) errs.push(required(`${p}.name`));
    else {
      errs.push(...isDNS1123Label(n).map((m) => invalid(`${p}.name`, goQuote(n), m)));
      if (names.has(n)) errs.push(duplicate(`${p}.name`, goQuote(n)));
      names.add(n);
    }
    if (isObj(v?.configMap) && !str(v.configMap.name)) errs.push(required(`${p}.configMap.name`));
    if (isObj(v?.secret) && !str(v.secret.secretName)) errs.push(required(`${p}.secret.secretName`));
    if (isObj(v?.persistentVolumeClaim) && !str(v.persistentVolumeClaim.claimName)) errs.push(required(`${p}.persistentVolumeClaim.claimName`));
    if (isObj(v?.hostPath) && !str(v.hostPath.path)) errs.push(required(`${p}.hostPath.path`));
  });
  return { errs, names };
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export function validatePodSpec(spec: any, field: string): Errs {
  const s = isObj(spec) ? spec : {};
  const errs: Errs = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const { errs: volErrs, names: volumes } = validateVolumes(s.volumes, `${field}.volumes`);
  errs.push(...volErrs);
  // containers
  const containers = arr(s.containers);
  if (containers.length === 0) errs.push(required(`${field}.containers`));
  else {
    const names = new Set<string>();
    containers.forEach((c: any, i: number) => {
      const p = `${field}.containers[${i}]`;
      errs.push(...validateContainerCommon(c, p, volumes));
      const n = str(c?.name);
      if (names.has(n)) errs.push(duplicate(`${p}.name`, goQuote(n)));
      else names.add(n);
      if (isObj(c?.lifecycle)) {
        for (const k of ['postStart', 'preStop']) if (isObj(c.lifecycle[k])) errs.push(...validateHandler(c.lifecycle[k], `${p}.lifecycle.${k}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
      }
      errs.push(...validateProbe(c?.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c?.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c?.startupProbe, `${p}.startupProbe`, 'startup'));
      if (c?.restartPolicy != null) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    });
  }
  // init containers: names must be unique across init and regular containers
  const all = new Set(containers.map((c: any) => str(c?.name)));
  arr(s.initContainers).forEach((c: any, i: number) => {
    const p = `${field}.initContainers[${i}]`;
    errs.push(...validateContainerCommon(c, p, volumes));
    const n = str(c?.name);
    if (all.has(n)) errs.push(duplicate(`${p}.name`, goQuote(n)));
    else all.add(n);
    const rp = c?.restartPolicy;
    if (rp != null && rp !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, goQuote(String(rp)), ['Always']));
    if (rp === 'Always') {
      errs.push(...validateProbe(c?.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c?.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c?.startupProbe, `${p}.startupProbe`, 'startup'));
    } else {
      if (c?.lifecycle != null) errs.push(forbidden(`${p}.lifecycle`, 'may not be set for init containers without restartPolicy=Always'));
      if (c?.livenessProbe != null) errs.push(forbidden(`${p}.livenessProbe`, 'may not be set for init containers without restartPolicy=Always'));
      if (c?.readinessProbe != null) errs.push(forbidden(`${p}.readinessProbe`, 'may not be set for init containers without restartPolicy=Always'));
      if (c?.startupProbe != null) errs.push(forbidden(`${p}.startupProbe`, 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  const rp = str(s.restartPolicy);
  if (!rp) errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(`${field}.restartPolicy`, goQuote(rp), RESTART_POLICIES));
  const dp = str(s.dnsPolicy);
  if (!dp) errs.push(required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(`${field}.dnsPolicy`, goQuote(dp), DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, `${field}.nodeSelector`));
  if (str(s.serviceAccountName)) for (const m of nameIsDNSSubdomain(s.serviceAccountName, false)) errs.push(invalid(`${field}.serviceAccountName`, goQuote(s.serviceAccountName), m));
  if (str(s.nodeName)) for (const m of nameIsDNSSubdomain(s.nodeName, false)) errs.push(invalid(`${field}.nodeName`, goQuote(s.nodeName), m));
  if (s.activeDeadlineSeconds != null) {
    const v = num(s.activeDeadlineSeconds);
    if (v < 1 || v > 2147483647) errs.push(invalid(`${field}.activeDeadlineSeconds`, String(v), inclusiveRangeError(1, 2147483647)));
  }
  if (str(s.hostname)) errs.push(...isDNS1123Label(s.hostname).map((m) => invalid(`${field}.hostname`, goQuote(s.hostname), m)));
  if (str(s.subdomain)) errs.push(...isDNS1123Label(s.subdomain).map((m) => invalid(`${field}.subdomain`, goQuote(s.subdomain), m)));
  arr(s.tolerations).forEach((t: any, i: number) => {
    const p = `${field}.tolerations[${i}]`;
    if (str(t?.key)) for (const m of isQualifiedName(t.key)) errs.push(invalid(`${p}.key`, goQuote(t.key), m));
    const op = str(t?.operator);
    if (!str(t?.key) && op !== 'Exists') errs.push(invalid(`${p}.operator`, goQuote(op), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t?.tolerationSeconds != null && str(t?.effect) !== 'NoExecute') errs.push(invalid(`${p}.effect`, goQuote(str(t?.effect)), 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    if (op && op !== 'Equal' && op !== 'Exists') errs.push(notSupported(`${p}.operator`, goQuote(op), ['Equal', 'Exists']));
    else if (op === 'Exists' && str(t?.value)) errs.push(invalid(`${p}.operator`, goQuote(str(t.value)), 'value must be empty when `operator` is \'Exists\''));
    const eff = str(t?.effect);
    if (eff && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(eff)) errs.push(notSupported(`${p}.effect`, goQuote(eff), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

export function validatePodTemplateSpec(tpl: any, field: string): Errs {
  const t = isObj(tpl) ? tpl : {};
  const errs: Errs = [];
  errs.push(...validateLabels(t.metadata?.labels, `${field}.labels`));
  errs.push(...validateAnnotations(t.metadata?.annotations, `${field}.annotations`));
  errs.push(...validatePodSpec(t.spec, `${field}.spec`));
  if (arr(t.spec?.ephemeralContainers).length > 0) errs.push(forbidden(`${field}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

function validatePodTemplateSpecForReplicaSet(tpl: any, selector: Selector, replicas: number, field: string): Errs {
  const errs: Errs = [];
  if (!isObj(tpl)) return [required(field)];
  const labels = tpl.metadata?.labels;
  const emptySelector = !selector.nothing && selector.requirements.length === 0;
  if (!emptySelector && !matches(selector, labels ?? {})) {
    errs.push(invalid(`${field}.metadata.labels`, goMapStringString(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, field));
  void replicas;
  const rp = str(tpl.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported(`${field}.spec.restartPolicy`, goQuote(rp), ['Always']));
  if (tpl.spec?.activeDeadlineSeconds != null) errs.push(forbidden(`${field}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}

// --- apps ---------------------------------------------------------------------------------------------------------

function selectorAndTemplate(spec: any): Errs {
  const errs: Errs = [];
  if (spec.selector === undefined || spec.selector === null) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    const n = Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length;
    if (n === 0) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for deployment'));
  }
  let selector: Selector;
  try { selector = labelSelectorAsSelector(spec.selector); } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return errs;
  }
  errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, selector, num(spec.replicas), 'spec.template'));
  return errs;
}

function percentValue(v: any): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return parseInt(v.slice(0, -1), 10);
}

// intstr.IntValue(): a string parses with Atoi (0 on error)
function intOrStringValue(v: any): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'string') return /^[+-]?[0-9]+$/.test(v) ? parseInt(v, 10) : 0;
  return num(v);
}

function validatePositiveIntOrPercent(v: any, field: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  return nonNegative(num(v), field);
}

function validateDeploymentStrategy(st: any, field: string): Errs {
  const s = isObj(st) ? st : {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate != null ? [forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!isObj(ru)) return [required(`${field}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const p = `${field}.rollingUpdate`;
      const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
      if (intOrStringValue(ru.maxUnavailable) === 0 && intOrStringValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      const pv = percentValue(ru.maxUnavailable);
      if (pv !== undefined && pv > 100) errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
      return errs;
    }
    default: {
      // kubesim: Go prints the internal struct with a pointer address for a set rollingUpdate; we print nil
      const v = `apps.DeploymentStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
      return [notSupported(field, v, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateDeployment(d: KObject): Errs {
  const spec = isObj(d.spec) ? d.spec : {};
  const errs = validateObjectMeta(d.metadata, true, nameFuncForKind('Deployment'));
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...selectorAndTemplate(spec));
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (spec.revisionHistoryLimit != null) errs.push(...nonNegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...nonNegative(num(spec.progressDeadlineSeconds), 'spec.progressDeadlineSeconds'));
    if (num(spec.progressDeadlineSeconds) <= num(spec.minReadySeconds)) {
      errs.push(invalid('spec.progressDeadlineSeconds', String(num(spec.progressDeadlineSeconds)), 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateReplicaSet(rs: KObject): Errs {
  const spec = isObj(rs.spec) ? rs.spec : {};
  const errs = validateObjectMeta(rs.metadata, true, nameFuncForKind('ReplicaSet'));
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  errs.push(...selectorAndTemplate(spec));
  return errs;
}

// --- core ---------------------------------------------------------------------------------------------------------

function validatePod(pod: KObject): Errs {
  const errs = validateObjectMeta(pod.metadata, true, nameFuncForKind('Pod'));
  errs.push(...validatePodSpec(pod.spec, 'spec'));
  return errs;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function validateService(svc: KObject): Errs {
  const spec = isObj(svc.spec) ? svc.spec : {};
  const errs = validateObjectMeta(svc.metadata, true, nameFuncForKind('Service'));
  const headless = spec.clusterIP === 'None';
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'ExternalName') {
    if (!str(spec.externalName)) errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => {
    const f = `spec.ports[${i}]`;
    const n = str(p?.name);
    if (ports.length > 1 && !n) errs.push(required(`${f}.name`));
    else if (n) {
      errs.push(...isDNS1123Label(n).map((m) => invalid(`${f}.name`, goQuote(n), m)));
      if (names.has(n)) errs.push(duplicate(`${f}.name`, goQuote(n)));
      else names.add(n);
    }
    for (const m of isValidPortNum(num(p?.port))) errs.push(invalid(`${f}.port`, String(num(p?.port)), m));
    const proto = str(p?.protocol);
    if (!proto) errs.push(required(`${f}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${f}.protocol`, goQuote(proto), PORT_PROTOCOLS));
    errs.push(...validatePortNumOrName(p?.targetPort, `${f}.targetPort`));
  });
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = str(spec.sessionAffinity);
  if (!aff) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(aff)) errs.push(notSupported('spec.sessionAffinity', goQuote(aff), ['ClientIP', 'None']));
  const type = str(spec.type);
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', goQuote(type), SERVICE_TYPES));
  if (type === 'ClusterIP' || type === 'ExternalName') {
    ports.forEach((p: any, i: number) => {
      if (num(p?.nodePort) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, `may not be used when \`type\` is '${type}'`));
    });
  }
  return errs;
}

const MAX_CONFIGMAP_SIZE = 1024 * 1024;

function validateConfigMap(cm: KObject): Errs {
  const errs = validateObjectMeta(cm.metadata, true, nameFuncForKind('ConfigMap'));
  let size = 0;
  const binary = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const k of sortedKeys(cm.data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, goQuote(k), m));
    if (k in binary) errs.push(invalid(`data[${k}]`, goQuote(k), 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(str(cm.data[k]));
  }
  for (const k of sortedKeys(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, goQuote(k), m));
    size += Buffer.from(str(binary[k]), 'base64').length;
  }
  if (size > MAX_CONFIGMAP_SIZE) errs.push(tooLong('', MAX_CONFIGMAP_SIZE));
  return errs;
}

function validateNamespace(ns: KObject): Errs {
  const errs = validateObjectMeta(ns.metadata, false, nameFuncForKind('Namespace'));
  arr(ns.spec?.finalizers).forEach((f: any) => {
    for (const m of isQualifiedName(str(f))) errs.push(invalid('spec.finalizers', goQuote(str(f)), m));
  });
  return errs;
}

// --- entry points -------------------------------------------------------------------------------------------------

const VALIDATORS: Record<string, (o: KObject) => Errs> = {
  Deployment: validateDeployment,
  ReplicaSet: validateReplicaSet,
  Pod: validatePod,
  Service: validateService,
  ConfigMap: validateConfigMap,
  Namespace: validateNamespace,
};

// Validate what the decoder produced (empty maps kept); if obj came from applyDefaults and is unchanged since,
// start from its input, which still has them.
function forValidation(obj: KObject): KObject {
  const src = defaultingSource(obj);
  if (src && isDeepStrictEqual(applyDefaults(src), obj)) return applyDefaults(src, { keepEmpty: true });
  return applyDefaults(obj, { keepEmpty: true });
}

/**
 * Create validation. Pass the object as received: defaults are applied here first (idempotently, keeping empty
 * maps/lists as the decoder does), so an already defaulted object gives the same result.
 */
export function validateObject(obj: KObject): FieldError[] {
  const v = obj.kind ? VALIDATORS[obj.kind] : undefined;
  if (!v) return [];
  return v(forValidation(obj));
}

/** Update validation: the create rules plus what may not change (apps/v1 selectors, ...). */
export function validateObjectUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObject(obj);
  const n = forValidation(obj);
  const o = forValidation(old);
  if ((obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') && !semanticEqual(n.spec?.selector, o.spec?.selector)) {
    errs.push(invalid('spec.selector', goLabelSelector(n.spec?.selector), 'field is immutable'));
  }
  if (obj.kind === 'Service' && str(o.spec?.clusterIP) && str(n.spec?.clusterIP) && n.spec.clusterIP !== o.spec.clusterIP) {
    errs.push(invalid('spec.clusterIPs[0]', goQuote(n.spec.clusterIP), 'may not change once set'));
  }
  return errs;
}

// apiequality.Semantic.DeepEqual treats nil and empty maps/slices alike only through the round trip; compare JSON
function semanticEqual(a: any, b: any): boolean {
  const norm = (v: any): any => {
    if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
    if (isObj(v)) {
      const out: Record<string, any> = {};
      for (const k of Object.keys(v).sort()) { const x = norm(v[k]); if (x !== undefined) out[k] = x; }
      return Object.keys(out).length ? out : undefined;
    }
    return v === null ? undefined : v;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

const TYPE_STRINGS: Record<FieldError['type'], string> = {
  NotFound: 'Not found', Required: 'Required value', Duplicate: 'Duplicate value', Invalid: 'Invalid value',
  Unsupported: 'Unsupported value', Forbidden: 'Forbidden', TooLong: 'Too long', TooMany: 'Too many', InternalError: 'Internal error',
};

const CAUSE_TYPES: Record<FieldError['type'], string> = {
  NotFound: 'FieldValueNotFound', Required: 'FieldValueRequired', Duplicate: 'FieldValueDuplicate', Invalid: 'FieldValueInvalid',
  Unsupported: 'FieldValueNotSupported', Forbidden: 'FieldValueForbidden', TooLong: 'FieldValueTooLong', TooMany: 'FieldValueTooMany', InternalError: 'InternalError',
};

/** field.Error.ErrorBody(). */
export function errorBody(e: FieldError): string {
  let s = TYPE_STRINGS[e.type];
  const omitValue = e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'InternalError';
  if (!omitValue && e.value !== undefined) s += ': ' + e.value;
  if (e.detail) s += ': ' + e.detail;
  return s;
}

/** field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * kubectl's rendering of a 422 Invalid StatusError (checkErr + MultilineError; duplicate causes dropped), without
 * the final newline: `The Deployment "x" is invalid: spec.replicas: ...` or, for several,
 * `The Deployment "x" is invalid: \n* a\n* b`.
 */
export function formatInvalid(kind: string, name: string, errs: FieldError[]): string {
  const head = kind || name ? `The ${kind} ${goQuote(name)} is invalid` : 'The request is invalid';
  const msgs = [...new Set(errs.map(fieldErrorString))];
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n` + msgs.map((m) => `* ${m}`).join('\n');
}

/** The API server's StatusError for invalid objects (apierrors.NewInvalid): `Deployment.apps "x" is invalid: [...]`. */
export function invalidStatusError(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const qualified = group ? `${kind}.${group}` : kind;
  const msgs = [...new Set(errs.map(fieldErrorString))];
  const agg = msgs.length === 0 ? '' : msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  const message = agg ? `${qualified} ${goQuote(name)} is invalid: ${agg}` : `${qualified} ${goQuote(name)} is invalid`;
  return new StatusError(422, 'Invalid', message, {
    name, group, kind,
    causes: errs.map((e) => ({ reason: CAUSE_TYPES[e.type], message: errorBody(e), field: e.field })),
  });
}
