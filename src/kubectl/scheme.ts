// What kubectl's own scheme knows: commands that decode objects into Go types (set, rollout, expose) fail on a custom
// resource with the scheme's error, as kubectl v1.32 does against a real API server.
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';

/** runtime.notRegisteredErr for a custom resource's kind. */
export function requireSchemeKind(info: ResourceInfo, obj: KObject): void {
  if (!info.crd) return;
  throw new UserError(`error: no kind "${obj.kind}" is registered for version "${obj.apiVersion}" in scheme "pkg/scheme/scheme.go:28"`);
}
