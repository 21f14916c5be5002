// The replica-count normalisation of pkg/controller/podautoscaler/horizontal.go: stabilisation
// windows (the 5-minute downscale window without a behavior; per-direction windows with one), the
// classic scale-up limit max(2x, 4), and behavior policies over the recorded scale events.
export interface Rec { replicas: number; at: number }
export interface ScaleEvent { change: number; at: number; outdated: boolean }

/** --horizontal-pod-autoscaler-downscale-stabilization */
export const downscaleStabilisationWindow = 300_000;

export interface Limited { replicas: number; reason: string; message: string }

/** stabilizeRecommendation (no behavior): the highest recommendation of the window. */
export function stabilizeRecommendation(recs: Rec[], desired: number, now: number): number {
  let max = desired;
  let oldIndex = -1;
  const cutoff = now - downscaleStabilisationWindow;
  recs.forEach((r, i) => {
    if (r.at < cutoff) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  });
  if (oldIndex >= 0) recs[oldIndex] = { replicas: desired, at: now };
  else recs.push({ replicas: desired, at: now });
  return max;
}

/** convertDesiredReplicasWithRules. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = Math.max(2 * current, 4);
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** stabilizeRecommendationWithBehaviors. */
export function stabilizeRecommendationWithBehaviors(recs: Rec[], behavior: any, current: number, desired: number, now: number): Limited {
  const upCutoff = now - (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (behavior.scaleDown?.stabilizationWindowSeconds ?? 300) * 1000;
  let up = desired;
  let down = desired;
  let oldIndex = -1;
  recs.forEach((r, i) => {
    if (r.at > upCutoff) up = Math.min(r.replicas, up);
    if (r.at > downCutoff) down = Math.max(r.replicas, down);
    if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
  });
  let rec = current;
  if (rec < up) rec = up;
  if (rec > down) rec = down;
  if (oldIndex >= 0) recs[oldIndex] = { replicas: desired, at: now };
  else recs.push({ replicas: desired, at: now });
  return desired >= current
    ? { replicas: rec, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas: rec, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let n = 0;
  for (const e of events) if (e.at > cutoff) n += e.change;
  return n;
}

function scaleUpLimitWithRules(current: number, up: ScaleEvent[], down: ScaleEvent[], rules: any, now: number): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies || []) {
    const start = current - changeInPeriod(p.periodSeconds, up, now) + changeInPeriod(p.periodSeconds, down, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = select === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

function scaleDownLimitWithRules(current: number, up: ScaleEvent[], down: ScaleEvent[], rules: any, now: number): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies || []) {
    const start = current - changeInPeriod(p.periodSeconds, up, now) + changeInPeriod(p.periodSeconds, down, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = select === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** convertDesiredReplicasWithBehaviorRate. */
export function convertDesiredReplicasWithBehaviorRate(
  behavior: any, current: number, desired: number, min: number, max: number, up: ScaleEvent[], down: ScaleEvent[], now: number,
): Limited {
  if (desired > current) {
    let limit = scaleUpLimitWithRules(current, up, down, behavior.scaleUp, now);
    if (limit < current) limit = current;
    let maximumAllowed = max;
    let reason = 'TooManyReplicas';
    let message = 'the desired replica count is more than the maximum replica count';
    if (maximumAllowed > limit) {
      maximumAllowed = limit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  } else if (desired < current) {
    let limit = scaleDownLimitWithRules(current, up, down, behavior.scaleDown, now);
    if (limit > current) limit = current;
    let minimumAllowed = min;
    let reason = 'TooFewReplicas';
    let message = 'the desired replica count is less than the minimum replica count';
    if (minimumAllowed < limit) {
      minimumAllowed = limit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (desired < minimumAllowed) return { replicas: minimumAllowed, reason, message };
  }
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** storeScaleEvent: replace an outdated sample (older than the direction's longest policy period) or append. */
export function storeScaleEvent(events: ScaleEvent[], rules: any, change: number, now: number): void {
  let longest = 0;
  for (const p of rules?.policies || []) longest = Math.max(longest, p.periodSeconds);
  for (const e of events) if (e.at < now - longest * 1000) e.outdated = true;
  const i = events.findIndex((e) => e.outdated);
  if (i >= 0) events[i] = { change, at: now, outdated: false };
  else events.push({ change, at: now, outdated: false });
}
