// apps/v1 ControllerRevision: ValidateControllerRevision(Update) (data required and immutable, revision >= 0).
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, invalid, nonNegative, num, required, semanticEqual } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

function validate(cr: any): Errs {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain);
  if (cr.data == null) errs.push(required('data'));
  errs.push(...nonNegative(num(cr.revision), 'revision'));
  return errs;
}

export const controllerRevisionStrategy: Strategy = {
  noStatus: true,
  validate,
  validateUpdate: (cr, old) => {
    const errs = validate(cr);
    if (!semanticEqual(cr.data, old.data)) errs.push(invalid('data', 'runtime.RawExtension{Raw:[]uint8(nil), Object:runtime.Object(nil)}', 'field is immutable'));
    return errs;
  },
};
