// apps/v1 ReplicaSet: SetDefaults_ReplicaSet, ValidateReplicaSet, ValidateReplicaSetUpdate.
import { goLabelSelector } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { selectorAndTemplate } from './apps-util.js';
import { type Errs, immutable, isObj, nonNegative, num, specOf } from './field.js';
import { validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import type { Strategy } from './types.js';

function validate(rs: any): Errs {
  const spec = isObj(rs.spec) ? rs.spec : {};
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  errs.push(...selectorAndTemplate(spec));
  return errs;
}

export const replicaSetStrategy: Strategy = {
  goType: 'v1.ReplicaSet',
  defaults(rs) {
    const spec = specOf(rs);
    if (spec.replicas == null) spec.replicas = 1;
    defaultTemplate(spec.template);
  },
  validate,
  validateUpdate: (rs, old) => [...validate(rs), ...immutable(rs.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector)],
};
