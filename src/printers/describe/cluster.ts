// describeNode, describeService, describeNamespace, describeConfigMap and a generic fallback.
import type { KObject } from '../../api/types.js';
import { parseQuantity, formatQuantity, type Quantity } from '../../api/quantity.js';
import { formatLabels, goStringLess } from '../labels.js';
import { translateTimestampSince } from '../duration.js';
import { PrefixWriter, LEVEL_0, LEVEL_1 } from './writer.js';
import { endpointSlicesFor, type DescribeContext } from './context.js';
import { formatEndpointSlices } from './network.js';
import { describeResourceQuotasInto, describeLimitRangesInto } from './policy.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';

function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort(goStringLess);
}

const q = (s: any): Quantity => parseQuantity(s ?? '0');
const zero = (): Quantity => ({ nanos: 0n, format: 'DecimalSI' });
function add(a: Quantity | undefined, b: Quantity): Quantity {
  return a ? { nanos: a.nanos + b.nanos, format: a.format } : { ...b };
}

/** resourcehelper.PodRequests/PodLimits: sum of containers, at least the largest init container. */
function podResources(pod: any, kind: 'requests' | 'limits'): Map<string, Quantity> {
  const sum = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) sum.set(k, add(sum.get(k), q(v)));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
      const iq = q(v);
      const cur = sum.get(k);
      if (!cur || cur.nanos < iq.nanos) sum.set(k, iq);
    }
  }
  return sum;
}

const milli = (x: Quantity | undefined) => (x ? Number(x.nanos / 1_000_000n) : 0);
const value = (x: Quantity | undefined) => (x ? Number(x.nanos / 1_000_000_000n) : 0);
const qs = (x: Quantity | undefined) => formatQuantity(x ?? zero());
const pct = (a: number, b: number) => (b === 0 ? 0 : Math.trunc((a / b) * 100));

export interface DescribeNodeOptions {
  /** the node's Lease (kube-node-lease); when absent the Lease block uses the node name and Ready heartbeat */
  lease?: KObject;
}

/** describeNode: `pods` are the pods bound to the node (terminal ones are skipped). */
export function describeNode(node: KObject, pods: KObject[], events: KObject[] | undefined | null, now: number, opts: DescribeNodeOptions = {}): string {
  const w = new PrefixWriter();
  const md = node.metadata ?? {};
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  const taints: any[] = [...(spec.taints ?? [])].sort((a, b) => goStringLess(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  w.write(LEVEL_0, 'Taints:\t');
  if (taints.length === 0) w.writeLine('<none>');
  taints.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`);
  });
  w.write(LEVEL_0, `Unschedulable:\t${!!spec.unschedulable}\n`);
  const lease = opts.lease;
  if (lease) {
    // describeNodeLease
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    // the GET of kube-node-lease/NAME failed (a cluster made before kubesim kept leases, or the lease deleted)
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${md.name ?? ''}" not found\n`);
  }
  if ((st.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (l: Record<string, any>) => {
    for (const k of Object.keys(l).sort(goStringLess)) w.write(LEVEL_0, `  ${k}:\t${formatQuantity(q(l[k]))}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(st.allocatable);
  }
  const ni = st.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${ni.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${ni.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);

  const live = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc: Record<string, any> = Object.keys(st.allocatable ?? {}).length > 0 ? st.allocatable : st.capacity ?? {};
  const aCpu = alloc.cpu !== undefined ? q(alloc.cpu) : undefined;
  const aMem = alloc.memory !== undefined ? q(alloc.memory) : undefined;
  const aEph = alloc['ephemeral-storage'] !== undefined ? q(alloc['ephemeral-storage']) : undefined;
  w.write(LEVEL_0, `Non-terminated Pods:\t(${live.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totReq = new Map<string, Quantity>();
  const totLim = new Map<string, Quantity>();
  for (const p of live) {
    const req = podResources(p, 'requests');
    const lim = podResources(p, 'limits');
    for (const [k, v] of req) totReq.set(k, add(totReq.get(k), v));
    for (const [k, v] of lim) totLim.set(k, add(totLim.get(k), v));
    const cr = req.get('cpu');
    const cl = lim.get('cpu');
    const mr = req.get('memory');
    const ml = lim.get('memory');
    w.write(
      LEVEL_1,
      `${p.metadata?.namespace ?? ''}\t${p.metadata?.name ?? ''}\t\t${qs(cr)} (${pct(milli(cr), milli(aCpu))}%)\t${qs(cl)} (${pct(milli(cl), milli(aCpu))}%)\t${qs(mr)} (${pct(value(mr), value(aMem))}%)\t${qs(ml)} (${pct(value(ml), value(aMem))}%)\t${translateTimestampSince(p.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const line = (name: string, r: Quantity | undefined, l: Quantity | undefined, a: Quantity | undefined, v: (x: Quantity | undefined) => number) =>
    w.write(LEVEL_1, `${name}\t${qs(r)} (${pct(v(r), v(a))}%)\t${qs(l)} (${pct(v(l), v(a))}%)\n`);
  line('cpu', totReq.get('cpu'), totLim.get('cpu'), aCpu, milli);
  line('memory', totReq.get('memory'), totLim.get('memory'), aMem, value);
  line('ephemeral-storage', totReq.get('ephemeral-storage'), totLim.get('ephemeral-storage'), aEph, value);
  const keys = Object.keys(alloc).sort(goStringLess);
  for (const k of keys.filter((k) => k.startsWith('hugepages-'))) line(k, totReq.get(k), totLim.get(k), q(alloc[k]), value);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  for (const k of keys.filter((k) => !k.startsWith('hugepages-') && !standard.has(k) && k.includes('/'))) {
    w.write(LEVEL_1, `${k}\t${qs(totReq.get(k))}\t${qs(totLim.get(k))}\n`);
  }
  if (events) describeEventsInto(w, events, now);
  return w.toString();
}

/** describeService: endpoints from the Service's EndpointSlices, as kubectl v1.32 reads them. */
export function describeService(svc: KObject, ctx: DescribeContext): string {
  const slices = endpointSlicesFor(ctx.view, svc.metadata?.namespace, svc.metadata?.name ?? '');
  const w = new PrefixWriter();
  const md = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ing: any[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ing.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ing.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : i.hostname)).join(', ')}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? sp.port}/${sp.protocol ?? ''}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol ?? ''}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? '']))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describeNamespace: its conditions, resource quotas and limit ranges (no events). */
export function describeNamespace(ns: KObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const md = ns.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: any[] = ns.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type ?? ''}\t${c.status ?? ''}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, '\n');
  describeResourceQuotasInto(w, ctx.view.list('resourcequotas', md.name));
  w.write(LEVEL_0, '\n');
  describeLimitRangesInto(w, ctx.view.list('limitranges', md.name));
  return w.toString();
}

/** ConfigMapDescriber */
export function describeConfigMap(cm: KObject, events: KObject[] | undefined | null, now: number): string {
  const w = new PrefixWriter();
  const md = cm.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const k of Object.keys(data).sort(goStringLess)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin: Record<string, string> = cm.binaryData ?? {};
  for (const k of Object.keys(bin).sort(goStringLess)) w.write(LEVEL_0, `${k}: ${Buffer.from(bin[k], 'base64').length} bytes\n`);
  w.write(LEVEL_0, '\n');
  if (events) describeEventsInto(w, events, now);
  return w.toString();
}
