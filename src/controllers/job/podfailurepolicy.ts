// pod_failure_policy.go: which rule of spec.podFailurePolicy a failed pod matches, and what it means
// for the Job (its failure message, whether the failure counts towards backoffLimit).
import type { KObject } from '../../api/types.js';
import { hasJobTrackingFinalizer } from './util.js';

export type PolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

function matchExitCodes(statuses: any[] | undefined, req: any): any | undefined {
  for (const cs of statuses || []) {
    const t = cs.state?.terminated;
    if (!t) continue; // still terminating: no exit code to match
    if (req.containerName != null && req.containerName !== cs.name) continue;
    const code = t.exitCode ?? 0;
    if (code === 0) continue;
    const inValues = (req.values || []).includes(code);
    if ((req.operator === 'In' && inValues) || (req.operator === 'NotIn' && !inValues)) return cs;
  }
  return undefined;
}

function matchPodConditions(status: any, patterns: any[]): any | undefined {
  for (const c of status?.conditions || []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? 'True')) return c;
  }
  return undefined;
}

/** matchPodFailurePolicy -> [FailJob message, counts as a failure, action]. */
export function matchPodFailurePolicy(policy: any, pod: KObject): [string | undefined, boolean, PolicyAction | undefined] {
  if (!policy) return [undefined, true, undefined];
  const rules: any[] = policy.rules || [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    let msg: (() => string) | undefined;
    if (rule.onExitCodes) {
      const cs = matchExitCodes(pod.status?.containerStatuses, rule.onExitCodes) ?? matchExitCodes(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!cs) continue;
      msg = () => `Container ${cs.name} for pod ${pod.metadata!.namespace}/${pod.metadata!.name} failed with exit code ${cs.state.terminated.exitCode} matching ${rule.action} rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const c = matchPodConditions(pod.status, rule.onPodConditions);
      if (!c) continue;
      msg = () => `Pod ${pod.metadata!.namespace}/${pod.metadata!.name} has condition ${c.type} matching ${rule.action} rule at index ${i}`;
    } else continue;
    switch (rule.action) {
      case 'Ignore': return [undefined, false, 'Ignore'];
      case 'FailIndex': return [undefined, true, 'FailIndex'];
      case 'Count': return [undefined, true, 'Count'];
      case 'FailJob': return [msg(), true, 'FailJob'];
    }
  }
  return [undefined, true, undefined];
}

/** getFailJobMessage: the message of the first failed, uncounted pod matching a FailJob rule. */
export function getFailJobMessage(job: KObject, pods: KObject[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (p.status?.phase === 'Failed' && hasJobTrackingFinalizer(p)) {
      const [msg, , action] = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
      if (action === 'FailJob' && msg) return msg;
    }
  }
  return undefined;
}
