// The API server's warning for a request to a deprecated API (k8s.io/apiserver/pkg/endpoints/deprecation:
// "%s %s is deprecated in v%d.%d+"), from the types' APILifecycleDeprecated. Of the APIs a v1.32 server serves by
// default only ComponentStatus carries one.
import type { ResourceInfo } from './resources.js';

/** "group/version/resource" -> the release that deprecated it */
const DEPRECATED: Record<string, string> = {
  '/v1/componentstatuses': '1.19',
};

/** The Warning header text for a request to this resource, if it is deprecated. */
export function deprecationWarning(info: ResourceInfo): string | undefined {
  const since = DEPRECATED[`${info.group}/${info.version}/${info.resource}`];
  if (!since) return undefined;
  return `${info.group ? `${info.group}/` : ''}${info.version} ${info.kind} is deprecated in v${since}+`;
}
