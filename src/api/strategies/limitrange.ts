// core/v1 LimitRange: ValidateLimitRange (types, names, min <= defaultRequest <= default <= max).
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { compareQuantity, formatQuantity, parseQuantity } from '../quantity.js';
import { type Errs, arr, duplicate, invalid, isObj, required, sortedKeys, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import { validateResourceQuantity } from './resourcequota.js';
import type { Strategy } from './types.js';

const q = (v: any) => { try { return formatQuantity(parseQuantity(v)); } catch { return String(v); } };
const cmp = (a: any, b: any) => { try { return compareQuantity(a, b); } catch { return 0; } };

function validate(lr: any): Errs {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain);
  const seen = new Set<string>();
  arr(lr.spec?.limits).forEach((l: any, i: number) => {
    const f = `spec.limits[${i}]`;
    const type = str(l?.type);
    if (!type) errs.push(required(`${f}.type`));
    if (seen.has(type)) errs.push(duplicate(`${f}.type`, goQuote(type)));
    seen.add(type);
    const maps: Record<string, any> = {};
    for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      maps[k] = isObj(l?.[k]) ? l[k] : {};
      for (const r of sortedKeys(maps[k])) errs.push(...validateResourceQuantity(r, maps[k][r], `${f}.${k}[${r}]`));
    }
    if (type === 'Pod' && Object.keys(maps.default).length) errs.push(...sortedKeys(maps.default).map((r) => invalid(`${f}.default[${r}]`, goQuote(q(maps.default[r])), 'may not be specified when `type` is \'Pod\'')));
    const names = new Set([...Object.keys(maps.max), ...Object.keys(maps.min), ...Object.keys(maps.default), ...Object.keys(maps.defaultRequest)]);
    for (const r of [...names].sort()) {
      const mx = maps.max[r]; const mn = maps.min[r]; const d = maps.default[r]; const dr = maps.defaultRequest[r];
      if (mn != null && mx != null && cmp(mn, mx) > 0) errs.push(invalid(`${f}.min[${r}]`, goQuote(q(mn)), `min value ${q(mn)} is greater than max value ${q(mx)}`));
      if (dr != null && mn != null && cmp(mn, dr) > 0) errs.push(invalid(`${f}.defaultRequest[${r}]`, goQuote(q(dr)), `min value ${q(mn)} is greater than default request value ${q(dr)}`));
      if (dr != null && mx != null && cmp(dr, mx) > 0) errs.push(invalid(`${f}.defaultRequest[${r}]`, goQuote(q(dr)), `default request value ${q(dr)} is greater than max value ${q(mx)}`));
      if (dr != null && d != null && cmp(dr, d) > 0) errs.push(invalid(`${f}.defaultRequest[${r}]`, goQuote(q(dr)), `default request value ${q(dr)} is greater than default limit value ${q(d)}`));
      if (d != null && mn != null && cmp(mn, d) > 0) errs.push(invalid(`${f}.default[${r}]`, goQuote(q(d)), `min value ${q(mn)} is greater than default value ${q(d)}`));
      if (d != null && mx != null && cmp(d, mx) > 0) errs.push(invalid(`${f}.default[${r}]`, goQuote(q(d)), `default value ${q(d)} is greater than max value ${q(mx)}`));
    }
  });
  return errs;
}

/** SetDefaults_LimitRangeItem: a Container item's default from max, defaultRequest from default, then from min. */
function defaults(lr: any) {
  for (const l of arr(lr.spec?.limits)) {
    if (!isObj(l) || l.type !== 'Container') continue;
    const d = (l.default = isObj(l.default) ? l.default : {});
    const dr = (l.defaultRequest = isObj(l.defaultRequest) ? l.defaultRequest : {});
    for (const [k, v] of Object.entries(l.max ?? {})) if (!(k in d)) d[k] = v;
    for (const [k, v] of Object.entries(d)) if (!(k in dr)) dr[k] = v;
    for (const [k, v] of Object.entries(l.min ?? {})) if (!(k in dr)) dr[k] = v;
    if (Object.keys(d).length === 0) delete l.default;
    if (Object.keys(dr).length === 0) delete l.defaultRequest;
  }
}

export const limitRangeStrategy: Strategy = { noStatus: true, defaults, validate };
