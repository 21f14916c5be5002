// core/v1 Node: ValidateNode (name, taints) and the registry's PrepareForUpdate (status kept).
import { goQuote } from '../gofmt.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, invalid, notSupported, required, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validate(node: any): Errs {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  arr(node.spec?.taints).forEach((t: any, i: number) => {
    const f = `spec.taints[${i}]`;
    for (const m of isQualifiedName(str(t?.key))) errs.push(invalid(`${f}.key`, goQuote(str(t?.key)), m));
    if (str(t?.value)) for (const m of isValidLabelValue(t.value)) errs.push(invalid(`${f}.value`, goQuote(t.value), m));
    const eff = str(t?.effect);
    if (!eff) errs.push(required(`${f}.effect`));
    else if (!EFFECTS.includes(eff)) errs.push(notSupported(`${f}.effect`, goQuote(eff), EFFECTS));
  });
  return errs;
}

export const nodeStrategy: Strategy = {
  goType: 'v1.Node',
  prepareForUpdate(node, old) { node.status = old.status; },
  validate,
};
