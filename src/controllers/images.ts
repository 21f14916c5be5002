// The simulated image registry: which images exist, their size and digest, and what containerd
// says when a pull fails. Images the catalogue does not know are assumed pullable (kubesim cannot
// know every image); an unknown tag of a known repository, or any name containing "doesnotexist",
// fails to pull.
import { createHash } from 'node:crypto';
import { IMAGE_CONTENTS, UNKNOWN_CONTENTS, BUSYBOX_APPLETS, type ImageContents } from './imagedata.js';

interface Repo {
  /** tag -> compressed size in bytes (what containerd reports as "Image size") */
  tags: Record<string, number>;
}

const NGINX_SIZE = 72195292;

function tags(list: string[], size: number, overrides: Record<string, number> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of list) out[t] = overrides[t] ?? size;
  return out;
}

// nginx releases published as image tags: minor -> last patch (1.14.0 ... 1.14.2 ...)
const NGINX_PATCHES: Record<number, number> = {
  14: 2, 15: 12, 16: 1, 17: 10, 18: 0, 19: 10, 20: 2, 21: 6, 22: 1, 23: 4, 24: 0, 25: 5, 26: 3, 27: 5, 28: 0, 29: 0,
};
const nginxVersions: string[] = ['latest', 'stable', 'mainline', 'perl', 'bookworm', 'stable-perl', 'mainline-perl'];
for (const [minor, last] of Object.entries(NGINX_PATCHES)) {
  nginxVersions.push(`1.${minor}`);
  for (let p = 0; p <= last; p++) nginxVersions.push(`1.${minor}.${p}`);
}
nginxVersions.push('1');
const nginxAlpine = ['alpine', 'stable-alpine', 'mainline-alpine', 'alpine-slim', 'stable-alpine-slim', 'mainline-alpine-slim', 'alpine-perl',
  ...nginxVersions.filter((v) => /^\d/.test(v) && v !== '1.14.0').flatMap((v) => [`${v}-alpine`, `${v}-alpine-slim`, `${v}-alpine-perl`]),
];
const nginxPerl = nginxVersions.filter((v) => /^\d/.test(v)).flatMap((v) => [`${v}-perl`, `${v}-bookworm`]);

/** Keyed by the normalized repository name (docker.io/library/nginx). */
const CATALOGUE: Record<string, Repo> = {
  'docker.io/library/nginx': { tags: { ...tags(nginxVersions, NGINX_SIZE), ...tags(nginxPerl, NGINX_SIZE), ...tags(nginxAlpine, 20_453_217), 'latest': NGINX_SIZE } },
  'docker.io/library/busybox': { tags: tags(['latest', 'stable', 'musl', 'glibc', 'uclibc', '1.27', '1.27.2', '1.28', '1.28.4', '1.29', '1.30', '1.31', '1.31.1', '1.32', '1.33', '1.34', '1.35', '1.36', '1.36.1', '1.37', '1.37.0'], 2_156_000) },
  'docker.io/library/httpd': { tags: { ...tags(['latest', '2', '2.4', '2.4.58', '2.4.62', '2.4.63'], 58_374_212), ...tags(['alpine', '2-alpine', '2.4-alpine'], 22_915_404) } },
  'docker.io/library/redis': { tags: { ...tags(['latest', '6', '6.2', '7', '7.0', '7.2', '7.4', '7.4.1'], 45_009_148), ...tags(['alpine', '6-alpine', '7-alpine', '7.2-alpine'], 17_237_501) } },
  'docker.io/library/alpine': { tags: tags(['latest', '3', '3.17', '3.18', '3.19', '3.20', '3.21'], 3_623_807) },
  'docker.io/library/ubuntu': { tags: tags(['latest', '20.04', '22.04', '24.04', 'focal', 'jammy', 'noble'], 29_754_086) },
  'docker.io/library/debian': { tags: tags(['latest', '11', '12', 'bullseye', 'bookworm', 'bookworm-slim'], 48_494_272) },
  'docker.io/library/httpbin': { tags: tags(['latest'], 193_000_000) },
  'docker.io/library/memcached': { tags: tags(['latest', '1.6', 'alpine'], 32_190_000) },
  'docker.io/library/postgres': { tags: tags(['latest', '15', '16', '17', 'alpine'], 158_000_000) },
  'docker.io/library/mysql': { tags: tags(['latest', '8', '8.0', '8.4', '9'], 170_000_000) },
  'docker.io/library/python': { tags: tags(['latest', '3', '3.11', '3.12', '3.13', 'slim', 'alpine'], 385_000_000) },
  'docker.io/library/node': { tags: tags(['latest', '18', '20', '22', 'alpine', 'lts'], 400_000_000) },
  'docker.io/luksa/kubia': { tags: tags(['latest', 'v1', 'v2', 'v3', 'v4'], 262_300_000) },
  'docker.io/library/perl': { tags: tags(['latest', '5', '5.34', '5.34.0', '5.36', '5.38', '5.40', 'slim'], 332_000_000) },
  'docker.io/polinux/stress': { tags: tags(['latest', '1.0.4'], 4_041_000) },
  'registry.k8s.io/liveness': { tags: tags(['latest'], 2_100_000) },
  'registry.k8s.io/pause': { tags: tags(['3.9', '3.10'], 320_368) },
  'registry.k8s.io/busybox': { tags: tags(['latest', '1.27.2'], 1_144_547) },
};

export interface ResolvedImage {
  /** what the container spec says (nginx:1.14.2) */
  image: string;
  /** normalized reference with default tag (docker.io/library/nginx:1.14.2) */
  ref: string;
  /** normalized repository (docker.io/library/nginx) */
  repo: string;
  pullable: boolean;
  size: number;
  /** "docker.io/library/nginx@sha256:..." as the container status reports imageID */
  imageID: string;
  /** the CRI error text when not pullable */
  error?: string;
}

/** reference.ParseNormalizedNamed + TagNameOnly: short names become docker.io/library/NAME:latest. */
export function normalizeImage(image: string): { repo: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const first = rest.split('/')[0];
  let repo: string;
  if (!rest.includes('/')) repo = `docker.io/library/${rest}`;
  else if (first.includes('.') || first.includes(':') || first === 'localhost') repo = rest;
  else repo = `docker.io/${rest}`;
  if (!tag && !digest) tag = 'latest';
  return { repo, tag, digest };
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

const resolved = new Map<string, ResolvedImage>();

export function resolveImage(image: string): ResolvedImage {
  let r = resolved.get(image);
  if (!r) {
    if (resolved.size > 1024) resolved.clear();
    resolved.set(image, (r = resolveUncached(image)));
  }
  return r;
}

function resolveUncached(image: string): ResolvedImage {
  const n = normalizeImage(image);
  const ref = n.repo + (n.tag ? `:${n.tag}` : '') + (n.digest ? `@${n.digest}` : '');
  const known = CATALOGUE[n.repo];
  const digest = n.digest ?? `sha256:${sha('kubesim-image:' + n.repo + ':' + n.tag)}`;
  const base = { image, ref, repo: n.repo, imageID: `${n.repo}@${digest}` };
  if (known && n.tag && !n.digest && !(n.tag in known.tags)) {
    return {
      ...base, pullable: false, size: 0,
      error: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
    };
  }
  if (image.includes('doesnotexist')) {
    // Docker Hub answers unknown repositories with an authorization failure
    return {
      ...base, pullable: false, size: 0,
      error: `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  const size = known && n.tag ? known.tags[n.tag] ?? NGINX_SIZE : 50_000_000 + (parseInt(sha(ref).slice(0, 6), 16) % 100_000_000);
  return { ...base, pullable: true, size };
}

/** The full image name a running container's status reports (docker.io/library/nginx:1.14.2). */
export function statusImageName(image: string): string {
  return resolveImage(image).ref;
}

// ---- what is inside an image (for the kubelet's process model and, later, exec)

export interface ImageProfile extends ImageContents {
  /** normalized repository */
  repo: string;
  tag?: string;
  /** the version the image's main program reports (nginx/1.27.3), when the catalogue knows it */
  version?: string;
  /** alpine-based variant (busybox tools, musl) */
  alpine: boolean;
  /** the catalogue knows this image's contents */
  known: boolean;
}

/** nginx's version per floating tag in the v1.32 era (December 2024). */
const NGINX_FLOATING: Record<string, string> = { latest: '1.27.3', mainline: '1.27.3', stable: '1.26.2', '1': '1.27.3', perl: '1.27.3', bookworm: '1.27.3' };

function nginxVersionOf(tag: string): string {
  const base = tag.replace(/-(alpine|alpine-slim|alpine-perl|perl|bookworm)$/, '').replace(/^(stable|mainline)-.*/, '$1');
  if (base === 'alpine' || base === 'alpine-slim' || base === 'alpine-perl') return NGINX_FLOATING.latest;
  if (NGINX_FLOATING[base]) return NGINX_FLOATING[base];
  const m = /^1\.(\d+)(?:\.(\d+))?$/.exec(base);
  if (!m) return NGINX_FLOATING.latest;
  const minor = Number(m[1]);
  return m[2] !== undefined ? base : `1.${minor}.${NGINX_PATCHES[minor] ?? 0}`;
}

const profiles = new Map<string, ImageProfile>();

/** What an image holds and runs: entrypoint/cmd, executables, shell flavour, version. */
export function imageProfile(image: string): ImageProfile {
  let p = profiles.get(image);
  if (p) return p;
  const n = normalizeImage(image);
  const tag = n.tag ?? 'latest';
  const contents = IMAGE_CONTENTS[n.repo];
  const alpine = /alpine/.test(tag) || n.repo === 'docker.io/library/alpine' || n.repo === 'docker.io/library/busybox';
  p = { ...(contents ?? UNKNOWN_CONTENTS), repo: n.repo, tag: n.tag, alpine, known: !!contents };
  if (n.repo === 'docker.io/library/nginx') {
    const v = nginxVersionOf(tag);
    p.version = v;
    const minor = Number(v.split('.')[1]);
    // the entrypoint scripts arrived with 1.19; before, the image ran nginx directly
    if (minor < 19) p.entrypoint = [];
    if (alpine) {
      p.executables = [...BUSYBOX_APPLETS, 'nginx', 'envsubst', '/docker-entrypoint.sh', ...(/slim/.test(tag) ? [] : ['curl'])];
      p.shell = 'busybox';
    }
  } else if (alpine && contents && n.repo !== 'docker.io/library/alpine' && n.repo !== 'docker.io/library/busybox') {
    p.executables = [...BUSYBOX_APPLETS, ...(contents.executables ?? []).filter((e) => !BUSYBOX_APPLETS.includes(e) && !['bash', 'dash', 'perl', 'mawk'].includes(e))];
    p.shell = 'busybox';
  }
  if (n.repo === 'docker.io/library/perl' && /^5\.\d+\.\d+$/.test(tag)) {
    p.cmd = [`perl${tag}`, '-de0'];
    p.executables = [...(p.executables ?? []), `perl${tag}`];
  }
  if (n.repo === 'docker.io/library/redis') p.version = /^\d+\.\d+\.\d+/.test(tag) ? tag : '7.4.1';
  if (n.repo === 'docker.io/library/httpd') p.version = /^\d+\.\d+\.\d+/.test(tag) ? tag : '2.4.62';
  if (profiles.size > 1024) profiles.clear();
  profiles.set(image, p);
  return p;
}
