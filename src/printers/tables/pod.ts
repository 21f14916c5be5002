// printPod (pkg/printers/internalversion/printers.go): READY, STATUS and RESTARTS exactly as
// the API server computes them, plus the wide IP/NODE/NOMINATED NODE/READINESS GATES cells.
import { translateTimestampSince, parseTime } from '../duration.js';
import { age, type Cell } from './common.js';

const isRestartableInit = (c: any) => c?.restartPolicy === 'Always';

/** printPod: READY, STATUS, RESTARTS exactly as the API server computes them. */
export function podRowCells(pod: any, now: number): Cell[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = 0; // epoch ms; 0 = zero time
  let lastRestartableInitRestartDate = 0;

  const podPhase: string = status.phase ?? '';
  let reason: string = podPhase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, any>();
  for (const ic of spec.initContainers ?? []) {
    initContainers.set(ic.name, ic);
    if (isRestartableInit(ic)) totalContainers++;
  }

  const finishedAt = (cs: any) => parseTime(cs?.lastState?.terminated?.finishedAt) ?? 0;

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) {
      const t = finishedAt(c);
      if (lastRestartDate < t) lastRestartDate = t;
    }
    const restartable = isRestartableInit(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) {
        const t = finishedAt(c);
        if (lastRestartableInitRestartDate < t) lastRestartableInitRestartDate = t;
      }
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = 'Init:' + term.reason;
      }
      initializing = true;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = 'Init:' + wait.reason;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestartDate = lastRestartableInitRestartDate;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) {
        const t = finishedAt(c);
        if (lastRestartDate < t) lastRestartDate = t;
      }
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0) {
    restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestartDate).toISOString(), now)} ago)`;
  }

  const podIP = status.podIPs?.[0]?.ip || '<none>';
  const nodeName = spec.nodeName || '<none>';
  const nominated = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates: any[] = spec.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const g of gates) {
      const cond = (status.conditions ?? []).find((c: any) => c.type === g.conditionType);
      if (cond && cond.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    age(pod, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}

