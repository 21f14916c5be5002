// PodSpec and PodTemplateSpec validation (pkg/apis/core/validation/validation.go: ValidatePodSpec and the
// container, volume, probe, resource and toleration checks it calls), shared by every kind that carries pods.
import { goQuote, goMapStringString } from '../gofmt.js';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isQualifiedName, isRelaxedEnvVarName,
  isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from '../names.js';
import { compareQuantity, formatQuantity, parseQuantity, QuantityError } from '../quantity.js';
import { matches, type Selector } from '../selectors.js';
import {
  type Errs, arr, duplicate, forbidden, invalid, isObj, IS_NEGATIVE, nonNegative, notFound, notSupported, num, required, sortedKeys, str,
} from './field.js';
import { validateAnnotations, validateLabels } from './meta.js';

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validatePortNumOrName(port: any, field: string): Errs {
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

export function validatePodTemplateSpecForReplicaSet(tpl: any, selector: Selector, replicas: number, field: string): Errs {
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

