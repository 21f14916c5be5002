// core/v1 ServiceAccount: ValidateServiceAccount (the name is a DNS subdomain; no defaults).
import { nameIsDNSSubdomain } from '../names.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

export const serviceAccountStrategy: Strategy = {
  noStatus: true,
  validate: (sa) => validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain),
};
