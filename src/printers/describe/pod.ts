// DescribePodTemplate, describeContainers, describeVolumes and describePod (describe.go).
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../labels.js';
import { translateTimestampSince } from '../duration.js';
import { PrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer.js';
import { describeVolumes, quantityString } from './volumes.js';
import { parseQuantity } from '../../api/quantity.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline, printController, describeEventsInto } from './common.js';

const portStr = (ports: any[] | undefined, host: boolean) =>
  (ports ?? [])
    // v1.32 prints no port names (later kubectl versions add " (name)")
    .map((p) => `${host ? p.hostPort ?? 0 : p.containerPort ?? 0}/${p.protocol ?? ''}`)
    .join(', ');

function describeResources(w: PrefixWriter, resources: any, level: number): void {
  if (!resources) return;
  const lim = resources.limits ?? {};
  const req = resources.requests ?? {};
  if (Object.keys(lim).length > 0) w.write(level, 'Limits:\n');
  for (const k of Object.keys(lim).sort(goStringLess)) w.write(level + 1, `${k}:\t${quantityString(lim[k])}\n`);
  if (Object.keys(req).length > 0) w.write(level, 'Requests:\n');
  for (const k of Object.keys(req).sort(goStringLess)) w.write(level + 1, `${k}:\t${quantityString(req[k])}\n`);
}

function intOrString(v: any): string {
  return v === undefined || v === null ? '' : String(v);
}

/** DescribeProbe */
export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = String(h.scheme ?? '').toLowerCase();
    const port = intOrString(h.port);
    const hostPart = port.length > 0 ? `${h.host && h.host.includes(':') ? `[${h.host}]` : h.host ?? ''}:${port}` : h.host ?? '';
    const path = h.path ?? '';
    const url = `${scheme ? scheme + ':' : ''}//${hostPart}${path && !path.startsWith('/') ? '/' : ''}${path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: PrefixWriter, name: string, state: any): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/**
 * EnvValueRetriever: the field path goes through scheme.ConvertFieldLabel first, and kubectl's
 * scheme has only the default conversion (metadata.name, metadata.namespace); every other path
 * (labels, uid, spec.nodeName, status.podIP...) fails there and prints empty, as kubectl shows it.
 */
function envValueFromField(pod: KObject | undefined, path: string): string {
  if (path === 'metadata.name') return pod?.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod?.metadata?.namespace ?? '';
  return '';
}

/** resourcehelper.ExtractContainerResourceValue: cores (rounded up) or bytes, over the divisor. */
function containerResourceValue(ref: any, c: any): string {
  const [kind, name] = String(ref.resource ?? '').split('.', 2);
  const list = kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined;
  if (!list || !['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name?.startsWith('hugepages-')) return '';
  const divisor = ref.divisor !== undefined && parseQuantity(ref.divisor).nanos !== 0n ? parseQuantity(ref.divisor) : parseQuantity('1');
  const value = parseQuantity(list[name] ?? '0');
  if (name === 'cpu') {
    const milli = (x: bigint) => (x + 999_999n) / 1_000_000n; // MilliValue rounds up
    return String(Math.ceil(Number(milli(value.nanos)) / Number(milli(divisor.nanos))));
  }
  const whole = (x: bigint) => (x + 999_999_999n) / 1_000_000_000n; // Value rounds up
  return String(Math.ceil(Number(whole(value.nanos)) / Number(whole(divisor.nanos))));
}

export function describeContainers(w: PrefixWriter, label: string, containers: any[] | undefined, statuses: any[] | undefined, pod: KObject | undefined, space: string): void {
  const cs = containers ?? [];
  const byName = new Map<string, any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${cs.length === 0 ? ' <none>' : ''}\n`);
  for (const c of cs) {
    const st = byName.get(c.name);
    const ok = st !== undefined;
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${c.name}:\n`);
    if (ok) w.write(LEVEL_2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (ok) w.write(LEVEL_2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = portStr(c.ports, false);
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${ports || '<none>'}\n`);
    const hostPorts = portStr(c.ports, true);
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostPorts || '<none>'}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    if ((c.command ?? []).length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if ((c.args ?? []).length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (ok) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(LEVEL_2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) {
      w.write(LEVEL_2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        let from = '';
        let name = '';
        let optional = false;
        if (e.configMapRef) {
          from = 'ConfigMap';
          name = e.configMapRef.name ?? '';
          optional = !!e.configMapRef.optional;
        } else if (e.secretRef) {
          from = 'Secret';
          name = e.secretRef.name ?? '';
          optional = !!e.secretRef.optional;
        }
        if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
        else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
      }
    }
    const env: any[] = c.env ?? [];
    w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        String(e.value ?? '')
          .split('\n')
          .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) {
        w.write(LEVEL_3, `${e.name}:\t${envValueFromField(pod, vf.fieldRef.fieldPath)} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
      } else if (vf.resourceFieldRef) {
        const resource = vf.resourceFieldRef.resource ?? '';
        let value = containerResourceValue(vf.resourceFieldRef, c);
        if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
        w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
      } else if (vf.secretKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
      } else if (vf.configMapKeyRef) {
        w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
      }
    }
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => goStringLess(a.mountPath ?? '', b.mountPath ?? ''));
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
    const devices: any[] = [...(c.volumeDevices ?? [])].sort((a, b) => goStringLess(a.devicePath ?? '', b.devicePath ?? ''));
    if (devices.length > 0) {
      w.write(LEVEL_2, `Devices:${mounts.length === 0 ? '\t<none>' : ''}\n`);
      for (const d of devices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

function describeTopologySpreadConstraints(w: PrefixWriter, tscs: any[] | undefined, space: string): void {
  const ts = [...(tscs ?? [])].sort((a, b) => goStringLess(a.topologyKey ?? '', b.topologyKey ?? ''));
  if (ts.length === 0) return;
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  ts.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatSel(t.labelSelector)}`;
    w.write(LEVEL_0, s + '\n');
  });
}

import { formatLabelSelector as formatSel } from '../labels.js';

/** DescribePodTemplate into a writer. */
export function describePodTemplateInto(w: PrefixWriter, template: any): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/**
 * DescribePodTemplate as text. raw=true writes without a tabwriter (literal
 * tabs), as `rollout history --revision` and `rollout undo --dry-run` do.
 */
export function describePodTemplate(template: any, raw = false): string {
  const w = new PrefixWriter(!raw);
  describePodTemplateInto(w, template);
  return w.toString();
}

const hasCpuMem = (r: any) => r && (r.cpu !== undefined || r.memory !== undefined);

/** qos.GetPodQOS: status.qosClass, else computed from requests/limits. */
export function podQOS(pod: any): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (hasCpuMem(req) || hasCpuMem(lim)) any = true;
    for (const k of ['cpu', 'memory']) {
      if (lim[k] === undefined) guaranteed = false;
      else if (req[k] !== undefined && String(req[k]) !== String(lim[k])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** describePod */
export function describePod(pod: KObject, events: KObject[] | undefined | null, now: number): string {
  const w = new PrefixWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const md = pod.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  if (md.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(md.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${md.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const sp = spec.securityContext?.seccompProfile;
  if (sp) {
    w.write(LEVEL_0, `SeccompProfile:\t${sp.type}\n`);
    if (sp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: any[] = status.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const cb = printController(pod);
  if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, spec.resources, LEVEL_1);
  }
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, pod, '');
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses, pod, '');
  if ((spec.ephemeralContainers ?? []).length > 0) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, pod, '');
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
  if (events) describeEventsInto(w, events, now);
  return w.toString();
}
