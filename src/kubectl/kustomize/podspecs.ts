// Where each workload kind keeps its pod spec (images and name references live there).
import type { KObject } from '../../api/types.js';

const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function podSpecOf(obj: KObject): any | undefined {
  const path = POD_SPEC_PATH[String(obj.kind)];
  if (!path) return undefined;
  let cur: any = obj;
  for (const k of path) { cur = cur?.[k]; if (cur === undefined || cur === null) return undefined; }
  return typeof cur === 'object' ? cur : undefined;
}

export function containersOf(spec: any): any[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((k) => (Array.isArray(spec?.[k]) ? spec[k] : []));
}
