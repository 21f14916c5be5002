// kubectl get --subresource=status|scale NAME: the builder asks the server for the subresource of each named object.
import { StatusError, UserError } from '../../api/errors.js';
import type { Request } from '../../kubectl/builder.js';
import type { Found } from '../../kubectl/query.js';
import { SCALE_INFO, scaleOf, servesSubresource } from '../../server/scale.js';

/**
 * The part of the request the server can answer: resource.Builder fetches a subresource by name only, and a resource
 * without it has no such path (404 for each name, before any lookup of the object).
 */
export function subresourceRequest(req: Request, sub: string): { req: Request; errors: Error[] } {
  if (req.targets.some((t) => !t.names.length)) throw new UserError('error: subresource cannot be used when bulk resources are specified');
  const errors: Error[] = [];
  for (const t of req.targets) {
    if (!servesSubresource(t.info, sub)) for (const _ of t.names) errors.push(new StatusError(404, 'NotFound', 'the server could not find the requested resource'));
  }
  return { req: { ...req, targets: req.targets.filter((t) => servesSubresource(t.info, sub)) }, errors };
}

/** What the server answered: a status GET the object itself, a scale GET its autoscaling/v1 Scale. */
export function subresourceView(found: Found[], sub: string): Found[] {
  if (sub !== 'scale') return found;
  return found.map((f) => ({ ...f, info: { ...SCALE_INFO, namespaced: f.info.namespaced }, objects: f.objects.map((o) => scaleOf(o, f.info)) }));
}
