// What each image's filesystem offers an exec'd command: its shell flavour (busybox ash, Debian's dash,
// bash only), the executables on its PATH, its image-config environment and its user. Data per image
// family; images we do not know are treated as Debian-based.
import { normalizeImage } from '../../controllers/images.js';

export type ShellFlavour = 'busybox' | 'dash' | 'bash' | 'none';

export interface ImageProfile {
  shell: ShellFlavour;
  /** executables besides the shell (names as typed; /bin/x and /usr/bin/x resolve to x) */
  commands: string[];
  env: [string, string][];
  /** uid, user name, gid, group name */
  user: [number, string, number, string];
  home: string;
  /** supplementary groups of the image's user, as `id` lists them after the primary group */
  groups?: [number, string][];
}

const PATH: [string, string] = ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
const BASIC = ['echo', 'env', 'printenv', 'cat', 'ls', 'hostname', 'whoami', 'id', 'sleep', 'date', 'true', 'false', 'pwd', 'mkdir', 'touch', 'rm', 'head', 'tail', 'grep', 'uname'];
const BUSYBOX = [...BASIC, 'wget', 'nslookup', 'ping', 'nc', 'ps', 'top', 'vi'];
const ROOT: ImageProfile['user'] = [0, 'root', 0, 'root'];

const busybox = (extra: string[] = [], env: [string, string][] = []): ImageProfile => ({ shell: 'busybox', commands: [...BUSYBOX, ...extra], env: [PATH, ...env], user: ROOT, home: '/root', groups: [[10, 'wheel']] });
const ALPINE_ROOT_GROUPS: [number, string][] = [[1, 'bin'], [2, 'daemon'], [3, 'sys'], [4, 'adm'], [6, 'disk'], [10, 'wheel'], [11, 'floppy'], [20, 'dialout'], [26, 'tape'], [27, 'video']];
const debian = (extra: string[] = [], env: [string, string][] = []): ImageProfile => ({ shell: 'dash', commands: ['bash', ...BASIC, ...extra], env: [PATH, ...env], user: ROOT, home: '/root' });

const PROFILES: Record<string, (tag: string) => ImageProfile> = {
  'docker.io/library/busybox': () => busybox(),
  'registry.k8s.io/busybox': () => busybox(),
  'docker.io/library/alpine': () => ({ ...busybox(), groups: ALPINE_ROOT_GROUPS }),
  'docker.io/curlimages/curl': () => ({ ...busybox(['curl'], [['CURL_CA_BUNDLE', '/cacert.pem']]), user: [100, 'curl_user', 101, 'curl_group'], home: '/home/curl_user' }),
  'docker.io/library/nginx': (tag) => (tag.includes('alpine') ? busybox(['curl', 'nginx'], [['NGINX_VERSION', '1.27.4']]) : debian(['curl', 'nginx'], [['NGINX_VERSION', '1.27.4'], ['NJS_VERSION', '0.8.9'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm']])),
  'docker.io/library/httpd': () => debian(['httpd'], [['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.63']]),
  'docker.io/library/redis': () => debian(['redis-cli', 'redis-server'], [['GOSU_VERSION', '1.17'], ['REDIS_VERSION', '7.4.1']]),
  'docker.io/luksa/kubia': () => debian(['curl', 'wget', 'node'], [['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '7.10.1']]),
  // Kubernetes in Action's curl image (Ubuntu with curl)
  'docker.io/tutum/curl': () => debian(['curl']),
  'docker.io/library/ubuntu': () => debian(),
  'docker.io/library/debian': () => debian(),
  'docker.io/library/python': () => debian(['curl', 'wget', 'python', 'python3', 'pip'], [['LANG', 'C.UTF-8']]),
  'docker.io/library/node': () => debian(['curl', 'wget', 'node', 'npm']),
  'docker.io/library/postgres': () => debian(['psql'], [['PG_MAJOR', '17']]),
  'docker.io/library/mysql': () => ({ ...debian(['mysql']), shell: 'bash' }),
};

export function imageProfile(image: string): ImageProfile {
  const n = normalizeImage(image);
  const f = PROFILES[n.repo];
  return f ? f(n.tag ?? 'latest') : debian();
}

/** The executable an argv[0] names (`/bin/sh` -> sh), or undefined when the image has none. */
export function resolveExecutable(profile: ImageProfile, name: string): string | undefined {
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (name.includes('/') && !/^\/(usr\/)?(local\/)?s?bin\//.test(name)) return undefined;
  if (['sh', 'ash'].includes(base)) return profile.shell === 'none' || (profile.shell === 'bash' && base === 'ash') ? undefined : 'sh';
  if (base === 'bash') return profile.shell === 'bash' || profile.commands.includes('bash') ? 'bash' : undefined;
  return profile.commands.includes(base) ? base : undefined;
}
