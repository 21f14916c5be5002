// What the catalogue knows about each image's contents (docker inspect's Entrypoint and Cmd, the
// programs on $PATH), keyed by normalized repository. Versioned details (nginx's entrypoint
// scripts) are resolved by tag in images.ts imageProfile().

const BUSYBOX = ('sh ash sleep echo date cat ls env printenv true false tail head wget nc nslookup ping hostname touch rm mkdir ' +
  'seq printf test [ expr id whoami ps top kill sed grep awk cut sort uniq wc tee yes watch vi du df free uptime ip ifconfig ' +
  'netstat telnet traceroute dd find xargs basename dirname chmod chown cp mv ln stat md5sum sha256sum base64 nohup timeout ' +
  'busybox less more tr which uname').split(' ');
const DEBIAN = ('sh bash dash sleep echo date cat ls env printenv true false tail head touch rm mkdir seq printf test [ expr id ' +
  'whoami sed grep cut sort uniq wc tee yes hostname kill du df dd find xargs basename dirname chmod chown cp mv ln stat ' +
  'md5sum sha256sum base64 nohup timeout tr which awk mawk perl uname').split(' ');

export interface ImageContents {
  entrypoint: string[];
  cmd: string[];
  /** programs on $PATH (basenames, or absolute paths for scripts); undefined: unknown, anything runs */
  executables?: string[];
  /** the shell whose wording errors take (busybox ash, bash, dash) */
  shell: 'busybox' | 'bash' | 'dash' | 'none';
}

const nginxDebian = [...DEBIAN, 'nginx', 'curl', 'envsubst', '/docker-entrypoint.sh'];

export const IMAGE_CONTENTS: Record<string, ImageContents> = {
  'docker.io/library/nginx': { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], executables: nginxDebian, shell: 'dash' },
  'docker.io/library/busybox': { entrypoint: [], cmd: ['sh'], executables: BUSYBOX, shell: 'busybox' },
  'registry.k8s.io/busybox': { entrypoint: [], cmd: ['sh'], executables: BUSYBOX, shell: 'busybox' },
  'docker.io/library/alpine': { entrypoint: [], cmd: ['/bin/sh'], executables: BUSYBOX, shell: 'busybox' },
  'docker.io/library/ubuntu': { entrypoint: [], cmd: ['/bin/bash'], executables: DEBIAN, shell: 'dash' },
  'docker.io/library/debian': { entrypoint: [], cmd: ['bash'], executables: DEBIAN, shell: 'dash' },
  'docker.io/library/httpd': { entrypoint: [], cmd: ['httpd-foreground'], executables: [...DEBIAN, 'httpd', 'httpd-foreground', 'apachectl'], shell: 'dash' },
  'docker.io/library/redis': { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], executables: [...DEBIAN, 'redis-server', 'redis-cli', 'docker-entrypoint.sh'], shell: 'dash' },
  'docker.io/library/postgres': { entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], executables: [...DEBIAN, 'postgres', 'psql', 'pg_ctl', 'docker-entrypoint.sh'], shell: 'dash' },
  'docker.io/library/mysql': { entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], executables: [...DEBIAN, 'mysqld', 'mysql', 'docker-entrypoint.sh'], shell: 'bash' },
  'docker.io/library/memcached': { entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], executables: [...DEBIAN, 'memcached', 'docker-entrypoint.sh'], shell: 'dash' },
  'docker.io/library/httpbin': { entrypoint: [], cmd: ['gunicorn', '-b', '0.0.0.0:80', 'httpbin:app'], executables: [...DEBIAN, 'python', 'python3', 'gunicorn'], shell: 'dash' },
  'docker.io/library/python': { entrypoint: [], cmd: ['python3'], executables: [...DEBIAN, 'python', 'python3', 'pip', 'curl', 'wget'], shell: 'dash' },
  'docker.io/library/node': { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], executables: [...DEBIAN, 'node', 'npm', 'curl', 'wget', 'docker-entrypoint.sh'], shell: 'dash' },
  'docker.io/library/perl': { entrypoint: [], cmd: ['perl5.34.0', '-de0'], executables: [...DEBIAN, 'perl5.34.0', 'curl', 'wget'], shell: 'dash' },
  'docker.io/luksa/kubia': { entrypoint: ['node', 'app.js'], cmd: [], executables: [...DEBIAN, 'node', 'npm', 'curl', 'wget'], shell: 'dash' },
  'docker.io/polinux/stress': { entrypoint: [], cmd: ['stress', '--help'], executables: [...BUSYBOX, 'stress'], shell: 'busybox' },
  'registry.k8s.io/pause': { entrypoint: ['/pause'], cmd: [], executables: ['/pause'], shell: 'none' },
  'registry.k8s.io/liveness': { entrypoint: [], cmd: ['/server'], executables: ['/server'], shell: 'none' },
};

/** Images kubesim does not know: a Debian-like image with a shell that runs its command. */
// (kubesim: its own program is assumed to be a server that runs until stopped)
export const UNKNOWN_CONTENTS: ImageContents = { entrypoint: [], cmd: ['<app>'], shell: 'dash' };

export const BUSYBOX_APPLETS = BUSYBOX;
