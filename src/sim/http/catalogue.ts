// Image repository -> the workload family that runs in it. Images not listed run no server
// (busybox, alpine, curl: shells and one-shot commands): requests to them are refused.
import { normalizeImage } from '../../controllers/images.js';
import type { WorkloadFamily } from './types.js';
import { NGINX } from './families/nginx.js';
import { HTTPD } from './families/httpd.js';
import { KUBIA, KUBIA_UNHEALTHY } from './families/kubia.js';
import { REDIS, MEMCACHED } from './families/redis.js';

const FAMILIES: WorkloadFamily[] = [NGINX, HTTPD, KUBIA, KUBIA_UNHEALTHY, REDIS, MEMCACHED];

const BY_REPO = new Map<string, WorkloadFamily>();
for (const f of FAMILIES) for (const r of f.repos) BY_REPO.set(r, f);

export interface ImageFamily { family?: WorkloadFamily; repo: string; tag: string }

export function familyOf(image: string): ImageFamily {
  const n = normalizeImage(image);
  return { family: BY_REPO.get(n.repo), repo: n.repo, tag: n.tag ?? 'latest' };
}

/** What a tally shows for an image: the family's version (1.27.4, v2), else the tag. */
export function imageVersion(image: string): string {
  const f = familyOf(image);
  return f.family ? f.family.version(f.tag) : f.tag;
}

/** Whether the image's HTTP answers change over its life (kubia v3): its readiness probe keeps running once Ready. */
export function answersChange(image: string): boolean {
  const f = familyOf(image);
  return !!f.family?.degrades?.(f.tag);
}
