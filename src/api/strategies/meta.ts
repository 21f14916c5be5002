// ObjectMeta, label and annotation, and label selector validation (apimachinery's
// api/validation/objectmeta.go and apis/meta/v1/validation).
import { goQuote } from '../gofmt.js';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameFunc } from '../names.js';
import { type Errs, arr, forbidden, invalid, isObj, nonNegative, num, required, sortedKeys, str, tooLong } from './field.js';

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

export function validateObjectMeta(meta: any, requiresNamespace: boolean, nameFn: NameFunc, field = 'metadata'): Errs {
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
  for (const f of arr(m.finalizers)) for (const msg of isQualifiedName(str(f))) errs.push(invalid(`${field}.finalizers`, goQuote(str(f)), msg));
  return errs;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(sel: any, field: string): Errs {
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

/** path.ValidatePathSegmentName: the rule for RBAC object names (and HPA target references). */
export const nameIsPathSegment = (name: string, prefix: boolean): string[] => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) errs.push(`may not contain '${c}'`);
  return errs;
};
