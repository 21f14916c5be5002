// Core (v1) handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { accessModesString, storageClassOf } from '../storageutil.js';
import { translateTimestampSince, parseTime } from '../duration.js';
import { formatLabels, goStringLess } from '../labels.js';
import { podRowCells } from './pod.js';
import {
  age, ageCol, col, joinHostPort, layoutContainerCells, name, nameCol, quantityString, wide,
  type HandlerGroup,
} from './common.js';

/** loadBalancerStatusStringer: unique IPs (else hostnames), sorted; cut to 16 bytes unless wide. */
export function loadBalancerStatusStringer(ingress: any[] | undefined, isWide: boolean): string {
  const set = new Set<string>();
  for (const ing of ingress ?? []) {
    if (ing?.ip) set.add(ing.ip);
    else if (ing?.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort(goStringLess).join(',');
  if (!isWide && r.length > 16) r = r.slice(0, 13) + '...';
  return r;
}

/** getServiceExternalIP */
export function getServiceExternalIP(svc: any, isWide: boolean): string {
  const spec = svc.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusStringer(svc.status?.loadBalancer?.ingress, isWide);
      if (ext.length > 0) return [...(lb.length > 0 ? lb.split(',') : []), ...ext].join(',');
      return lb.length > 0 ? lb : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString */
export function makePortString(ports: any[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

/** formatEndpoints(endpoints, nil): up to 3 ip:port pairs, then " + N more...". */
export function formatEndpoints(ep: any): string {
  const subsets: any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (ports.length === 0) {
      // headless services may have no ports
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip ?? '');
      }
      continue;
    }
    for (const port of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip ?? '', port.port ?? 0));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function nodeRoles(node: any): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role.length > 0) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(goStringLess);
}

function nodeAddress(node: any, type: string): string {
  const a = (node.status?.addresses ?? []).find((x: any) => x.type === type);
  return a ? a.address : '<none>';
}

/** formatEventSource: component (or reportingComponent, the JSON name of Go's ReportingController), then ", host" when known. */
export function formatEventSource(ev: any): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** printEvent over a core/v1 Event (events.k8s.io/v1 ones are converted first, see events.ts). */
export function eventRowCells(ev: any, now: number): (string | number)[] {
  let first = translateTimestampSince(ev.firstTimestamp, now);
  if (!parseTime(ev.firstTimestamp)) first = translateTimestampSince(ev.eventTime, now);
  let last = translateTimestampSince(ev.lastTimestamp, now);
  if (!parseTime(ev.lastTimestamp)) last = first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events have no count in the new API
  }
  const io = ev.involvedObject ?? {};
  const kind = String(io.kind ?? '').toLowerCase();
  const target = io.name ? `${kind}/${io.name}` : kind;
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    io.fieldPath ?? '',
    formatEventSource(ev),
    String(ev.message ?? '').trim(),
    first,
    count,
    ev.metadata?.name ?? '',
  ];
}

export const eventColumns = [
  col('Last Seen'),
  col('Type'),
  col('Reason'),
  col('Object'),
  wide('Subobject'),
  wide('Source'),
  col('Message'),
  wide('First Seen'),
  wide('Count'),
  col('Name', 'string', 1, 'name'),
];

/** printResourceQuota: "name: used/hard" per hard resource (byte order), limits.* in the LIMIT column. */
function resourceQuotaCells(rq: any): [string, string] {
  const hard: Record<string, any> = rq.status?.hard ?? {};
  const used: Record<string, any> = rq.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const r of Object.keys(hard).sort(goStringLess)) {
    const pieces = r.split('.');
    const into = pieces.length > 1 && pieces[0] === 'limits' ? lim : req;
    into.push(`${r}: ${quantityString(used[r])}/${quantityString(hard[r])}`);
  }
  return [req.join(', '), lim.join(', ')];
}

/** printComponentStatus: the Healthy condition's status, message and error. */
function componentStatusCells(cs: any): [string, string, string] {
  for (const c of cs.conditions ?? []) {
    if (c.type === 'Healthy') return [c.status === 'True' ? 'Healthy' : 'Unhealthy', c.message ?? '', c.error ?? ''];
  }
  return ['Unknown', '', ''];
}

/** len(Secret.Data) after v1 -> internal conversion, which folds stringData into data. */
function secretDataCount(s: any): number {
  return new Set([...Object.keys(s.data ?? {}), ...Object.keys(s.stringData ?? {})]).size;
}

export const CORE: HandlerGroup = {
  group: '',
  handlers: {
    pods: {
      columns: [
        nameCol, col('Ready'), col('Status'), col('Restarts'), ageCol,
        wide('IP'), wide('Node'), wide('Nominated Node'), wide('Readiness Gates'),
      ],
      row: podRowCells,
    },
    podtemplates: {
      // no AGE column upstream
      columns: [nameCol, col('Containers'), col('Images'), col('Pod Labels')],
      row: (o) => {
        const [names, images] = layoutContainerCells(o.template?.spec?.containers);
        return [name(o), names, images, formatLabels(o.template?.metadata?.labels)];
      },
    },
    replicationcontrollers: {
      columns: [
        nameCol, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), ageCol,
        wide('Containers'), wide('Images'), wide('Selector'),
      ],
      row: (o, now) => {
        const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
        return [
          name(o), o.spec?.replicas ?? 0, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o, now),
          names, images, formatLabels(o.spec?.selector),
        ];
      },
    },
    services: {
      columns: [nameCol, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), ageCol, wide('Selector')],
      row: (svc, now) => {
        const ips: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
        const ports = makePortString(svc.spec?.ports);
        return [
          name(svc),
          svc.spec?.type ?? '',
          ips.length > 0 ? ips[0] : '<none>',
          // the API server always generates with Wide on, so the LoadBalancer list is never cut
          getServiceExternalIP(svc, true),
          ports.length > 0 ? ports : '<none>',
          age(svc, now),
          formatLabels(svc.spec?.selector),
        ];
      },
    },
    endpoints: {
      columns: [nameCol, col('Endpoints'), ageCol],
      row: (o, now) => [name(o), formatEndpoints(o), age(o, now)],
    },
    nodes: {
      columns: [
        nameCol, col('Status'), col('Roles'), ageCol, col('Version'),
        wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime'),
      ],
      row: (node, now) => {
        const status: string[] = [];
        const conds: any[] = node.status?.conditions ?? [];
        // conditionMap keeps the last condition of each type
        const ready = conds.filter((c: any) => c.type === 'Ready').pop();
        if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
        if (status.length === 0) status.push('Unknown');
        if (node.spec?.unschedulable) status.push('SchedulingDisabled');
        const roles = nodeRoles(node).join(',');
        const info = node.status?.nodeInfo ?? {};
        return [
          name(node),
          status.join(','),
          roles.length > 0 ? roles : '<none>',
          age(node, now),
          info.kubeletVersion ?? '',
          nodeAddress(node, 'InternalIP'),
          nodeAddress(node, 'ExternalIP'),
          info.osImage || '<unknown>',
          info.kernelVersion || '<unknown>',
          info.containerRuntimeVersion || '<unknown>',
        ];
      },
    },
    events: { columns: eventColumns, row: eventRowCells },
    namespaces: {
      columns: [nameCol, col('Status'), ageCol],
      row: (ns, now) => [name(ns), ns.status?.phase ?? '', age(ns, now)],
    },
    secrets: {
      columns: [nameCol, col('Type'), col('Data'), ageCol],
      row: (s, now) => [name(s), s.type ?? '', secretDataCount(s), age(s, now)],
    },
    serviceaccounts: {
      columns: [nameCol, col('Secrets'), ageCol],
      row: (sa, now) => [name(sa), (sa.secrets ?? []).length, age(sa, now)],
    },
    persistentvolumes: {
      columns: [
        nameCol, col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'),
        col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), ageCol, wide('VolumeMode'),
      ],
      row: (pv, now) => {
        const ref = pv.spec?.claimRef;
        const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
        const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
        return [
          name(pv),
          quantityString(pv.spec?.capacity?.storage),
          accessModesString(pv.spec?.accessModes),
          pv.spec?.persistentVolumeReclaimPolicy ?? '',
          phase,
          claim,
          storageClassOf(pv),
          pv.spec?.volumeAttributesClassName ?? '<unset>',
          pv.status?.reason ?? '',
          age(pv, now),
          pv.spec?.volumeMode ?? '<unset>',
        ];
      },
    },
    persistentvolumeclaims: {
      columns: [
        nameCol, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'),
        col('VolumeAttributesClass'), ageCol, wide('VolumeMode'),
      ],
      row: (pvc, now) => {
        const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
        const volumeName: string = pvc.spec?.volumeName ?? '';
        // capacity and access modes only once bound to a volume
        const capacity = volumeName ? quantityString(pvc.status?.capacity?.storage) : '';
        const modes = volumeName ? accessModesString(pvc.status?.accessModes) : '';
        return [
          name(pvc), phase, volumeName, capacity, modes, storageClassOf(pvc),
          pvc.spec?.volumeAttributesClassName ?? '<unset>', age(pvc, now), pvc.spec?.volumeMode ?? '<unset>',
        ];
      },
    },
    componentstatuses: {
      columns: [nameCol, col('Status'), col('Message'), col('Error')],
      row: (cs) => [name(cs), ...componentStatusCells(cs)],
    },
    configmaps: {
      columns: [nameCol, col('Data'), ageCol],
      row: (cm, now) => [name(cm), Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm, now)],
    },
    resourcequotas: {
      columns: [nameCol, col('Request'), col('Limit'), ageCol],
      row: (rq, now) => [name(rq), ...resourceQuotaCells(rq), age(rq, now)],
    },
  },
};
