// The programs a simulated container can run, by executable basename (busybox applets, shells,
// servers with their real start-up lines, the docs' one-shot jobs), and the shell's builtins. Each
// runs on the process machine (process.ts): it writes lines, sleeps on virtual time, listens, exits.
import { Break, Exit, Forever, Stop, DAYS, MONTHS, absolutePath, pad2, parseBytes, sleepMs, unixDate, type Machine, type Program } from './process.js';
import { appendsTo } from './volumes.js';
import { piDigits } from './pi.js';
import { runReplayed } from '../../sim/shell/replay.js';
import { tailArgs, tailLines } from '../../sim/shell/commands/files.js';

// ---- shell builtins

export const BUILTINS: Record<string, (m: Machine, args: string[]) => number> = {
  exit: (m, a) => { throw new Exit(a.length ? (Number(a[0]) & 255) : m.status); },
  true: () => 0,
  ':': () => 0,
  false: () => 1,
  break: () => { throw new Break(); },
  export: (m, a) => { for (const x of a) { const i = x.indexOf('='); if (i > 0) m.vars[x.slice(0, i)] = x.slice(i + 1); } return 0; },
  cd: () => 0,
  set: () => 0,
  trap: () => 0,
  wait: () => 0,
  source: () => 0,
  '.': () => 0,
  exec: (m, a) => (a.length ? m.execFromShell(a) : 0),
  echo: (m, a) => PROGRAMS.echo(m, a),
  printf: (m, a) => PROGRAMS.printf(m, a),
  test: (m, a) => PROGRAMS.test(m, a),
  '[': (m, a) => PROGRAMS.test(m, a[a.length - 1] === ']' ? a.slice(0, -1) : a),
  read: () => 1,
  pwd: (m, a) => network(m, 'pwd', a),
};

// ---- programs (by executable basename)

/** wget, curl, nslookup, redis-cli, whoami, id, pwd, uname, head: the exec shell's commands (src/sim/shell), their output as log lines. */
function network(m: Machine, name: string, args: string[]): number {
  if (!m.input.net) return 0;
  const seq = ['wget', 'curl', 'nslookup', 'redis-cli'].includes(name) ? m.requests++ : m.requests;
  const r = runReplayed({ ...m.input.net, at: m.input.startedAt + m.t }, name, args, m.vars, m.files, seq);
  const emit = (text: string, stream: 'stdout' | 'stderr') => {
    if (!text) return;
    const lines = text.replace(/\n$/, '').split('\n');
    for (const l of lines) m.write(l, stream);
  };
  emit(r.stderr, 'stderr');
  emit(r.stdout, 'stdout');
  return r.code;
}

function shell(name: string): Program {
  return (m, args) => {
    m.shellName = name;
    const i = args.indexOf('-c');
    if (i >= 0 && args[i + 1] !== undefined) {
      const code = m.runScript(args[i + 1]);
      throw new Exit(code);
    }
    const script = args.find((a) => !a.startsWith('-'));
    if (script) {
      m.err(`${name}: can't open '${script}': No such file or directory`);
      return 127;
    }
    // no script and no terminal on stdin: the shell reads end of file and exits 0
    return 0;
  };
}

function server(ports: number[], lines: (m: Machine) => string[] | void, stream: 'stdout' | 'stderr' = 'stdout'): Program {
  return (m) => {
    const ls = lines(m);
    for (const l of ls || []) m.write(l, stream);
    return m.serve(...ports);
  };
}

const nginxEntrypointLines = (v: string): string[] => {
  const minor = Number(v.split('.')[1]);
  const out = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  ];
  if (minor >= 25) out.push('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh');
  out.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh');
  if (minor >= 21) out.push('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh');
  out.push('/docker-entrypoint.sh: Configuration complete; ready for start up');
  return out;
};

function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function nginxNoticeLines(m: Machine): string[] {
  const p = m.input.profile;
  const v = p.version ?? '1.27.3';
  if (Number(v.split('.')[1]) < 19) return [];
  const ts = nginxTime(m.input.startedAt + m.t);
  const gcc = p.alpine ? 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14) ';
  return [
    `${ts} [notice] 1#1: using the "epoll" event method`,
    `${ts} [notice] 1#1: nginx/${v}`,
    `${ts} [notice] 1#1: ${gcc}`,
    `${ts} [notice] 1#1: OS: Linux 6.8.0-49-generic`,
    `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${ts} [notice] 1#1: start worker processes`,
    `${ts} [notice] 1#1: start worker process 29`,
    `${ts} [notice] 1#1: start worker process 30`,
  ];
}

const nginx: Program = (m, args) => {
  if (args.includes('-v')) { m.err(`nginx version: nginx/${m.input.profile.version ?? '1.27.3'}`); return 0; }
  if (args.includes('-t')) {
    m.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok');
    m.err('nginx: configuration file /etc/nginx/nginx.conf test is successful');
    return 0;
  }
  for (const l of nginxNoticeLines(m)) m.err(l);
  return m.serve(80);
};

function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

function apacheTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000 ${d.getUTCFullYear()}`;
}

export const PROGRAMS: Record<string, Program> = {
  sh: shell('sh'), ash: shell('sh'), dash: shell('sh'), bash: shell('bash'),
  sleep: (m, a) => {
    const ms = sleepMs(a[0]);
    if (ms === undefined) { m.err(`sleep: invalid number '${a[0] ?? ''}'`); return 1; }
    m.sleep(ms);
    return 0;
  },
  echo: (m, a) => {
    let nl = true;
    let args = a;
    while (args[0] === '-n' || args[0] === '-e') { if (args[0] === '-n') nl = false; args = args.slice(1); }
    const text = args.join(' ');
    for (const l of text.split('\n')) m.write(l);
    void nl;
    return 0;
  },
  printf: (m, a) => {
    if (!a.length) return 1;
    let i = 1;
    const s = a[0].replace(/%[sd]/g, () => a[i++] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    const parts = s.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (const l of parts) m.write(l);
    return 0;
  },
  date: (m, a) => {
    const f = a.find((x) => x.startsWith('+'));
    m.write(unixDate(m.input.startedAt + m.t, f?.slice(1)));
    return 0;
  },
  true: () => 0,
  false: () => 1,
  hostname: (m) => { m.write(m.input.hostname); return 0; },
  env: (m) => { for (const [k, v] of Object.entries(m.vars)) m.write(`${k}=${v}`); return 0; },
  printenv: (m, a) => {
    if (!a.length) return PROGRAMS.env(m, a);
    let st = 0;
    for (const k of a) { if (k in m.vars) m.write(m.vars[k]); else st = 1; }
    return st;
  },
  touch: (m, a) => { for (const f of a) if (!m.files.has(f)) m.files.set(f, ''); return 0; },
  mkdir: () => 0,
  rm: (m, a) => {
    let st = 0;
    const force = a.some((x) => /^-[a-zA-Z]*f/.test(x));
    for (const f of a.filter((x) => !x.startsWith('-'))) {
      if (m.files.has(f)) m.files.delete(f);
      else if (!force) { m.err(`rm: can't remove '${f}': No such file or directory`); st = 1; }
    }
    return st;
  },
  cat: (m, a) => {
    let st = 0;
    for (const f of a.filter((x) => !x.startsWith('-') || x === '-')) {
      if (f === '/dev/null') continue;
      const c = m.files.get(f);
      if (c === undefined && m.input.net) {
        // not a file the process made or a mounted key: the container's filesystem (/etc/hosts, the token ...)
        st = network(m, 'cat', [f]) || st;
        continue;
      }
      if (c === undefined) {
        m.err(m.input.profile.shell === 'busybox' ? `cat: can't open '${f}': No such file or directory` : `cat: ${f}: No such file or directory`);
        st = 1;
        continue;
      }
      for (const l of c.replace(/\n$/, '').split('\n')) if (c) m.write(l);
    }
    return st;
  },
  tail: (m, a) => {
    // tail [-n N | -n +N | -N] [-f|-F] FILE...: the last N lines (10) or from line N on, then, following, the lines the
    // pod's processes append
    const t = tailArgs(a);
    const { files, follow } = t;
    if (follow && m.lifetimeOnly) m.sleep(Infinity);
    let st = 0;
    for (const f of files) {
      const captured: string[] = [];
      m.capture.push(captured);
      let code: number;
      try { code = PROGRAMS.cat(m, [f]); } finally { m.capture.pop(); }
      st = code || st;
      for (const l of tailLines(captured, t)) m.write(l);
    }
    if (follow && files.length === 1 && m.input.net) {
      const start = m.input.startedAt;
      const now = start + m.t;
      const { cluster, pod, container } = m.input.net;
      for (const w of appendsTo(cluster, pod, container, absolutePath(files[0]), now, start + m.horizon)) {
        m.t = w.at - start;
        for (const l of w.text.replace(/\n$/, '').split('\n')) m.write(l);
      }
    }
    if (follow) m.sleep(Infinity);
    return st;
  },
  seq: (m, a) => {
    const n = a.map(Number);
    const [from, to] = n.length >= 2 ? [n[0], n[n.length - 1]] : [1, n[0]];
    for (let i = from; i <= to; i++) m.write(String(i));
    return 0;
  },
  test: (m, a) => evalTest(m, a),
  ls: (m, a) => {
    // the mounted files under the directories asked for
    for (const dir of a.filter((x) => !x.startsWith('-'))) {
      const prefix = dir.replace(/\/$/, '') + '/';
      const names = [...m.files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]);
      for (const n of [...new Set(names)].sort()) m.write(n);
    }
    return 0;
  },
  wget: (m, a) => network(m, 'wget', a),
  curl: (m, a) => network(m, 'curl', a),
  nslookup: (m, a) => network(m, 'nslookup', a),
  'redis-cli': (m, a) => network(m, 'redis-cli', a),
  whoami: (m, a) => network(m, 'whoami', a),
  id: (m, a) => network(m, 'id', a),
  pwd: (m, a) => network(m, 'pwd', a),
  uname: (m, a) => network(m, 'uname', a),
  head: (m, a) => network(m, 'head', a),
  ping: (m) => { m.sleep(Infinity); return 0; },
  top: (m) => { m.sleep(Infinity); return 0; },
  watch: (m) => { m.sleep(Infinity); return 0; },
  yes: (m, a) => { for (;;) { m.tick(); m.write(a.join(' ') || 'y'); } },
  kill: () => 0,
  nc: (m, a) => { if (a.includes('-l') || a.includes('-lk')) m.serve(Number(a[a.length - 1]) || 0); return 1; },
  timeout: (m, a) => {
    const ms = sleepMs(a[0]) ?? 0;
    const t0 = m.t;
    const saved = m.horizon;
    try {
      m.horizon = Math.min(saved, t0 + ms);
      return m.exec(a.slice(1));
    } catch (e) {
      if ((e instanceof Stop || e instanceof Forever) && t0 + ms <= saved) { m.horizon = saved; m.t = t0 + ms; return 124; }
      throw e;
    } finally {
      m.horizon = saved;
    }
  },
  '/docker-entrypoint.sh': (m, a) => {
    // nginx's entrypoint: configuration scripts, then exec the command
    if (a[0] === 'nginx' || a[0] === 'nginx-debug') for (const l of nginxEntrypointLines(m.input.profile.version ?? '1.27.3')) m.write(l);
    return a.length ? m.execFromShell(a) : 0;
  },
  'docker-entrypoint.sh': (m, a) => (a.length ? m.execFromShell(a) : 0),
  'docker-entrypoint': (m, a) => (a.length ? m.execFromShell(a) : 0),
  nginx,
  'nginx-debug': nginx,
  'httpd-foreground': server([80], (m) => {
    const ip = m.input.podIP ?? '127.0.0.1';
    const ts = apacheTime(m.input.startedAt + m.t);
    const v = m.input.profile.version ?? '2.4.62';
    const ah = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
    return [ah, ah,
      `[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`,
      `[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`];
  }, 'stderr'),
  httpd: (m, a) => (a.includes('-DFOREGROUND') || a.includes('FOREGROUND') ? PROGRAMS['httpd-foreground'](m, []) : 0),
  'redis-server': server([6379], (m) => {
    const ts = redisTime(m.input.startedAt + m.t);
    const v = m.input.profile.version ?? '7.4.1';
    return [
      `1:C ${ts} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
      `1:C ${ts} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${ts} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${ts} * monotonic clock: POSIX clock_gettime`,
      `1:M ${ts} * Running mode=standalone, port=6379.`,
      `1:M ${ts} * Server initialized`,
      `1:M ${ts} * Ready to accept connections tcp`,
    ];
  }),
  memcached: server([11211], () => []),
  postgres: (m) => {
    if (!m.vars.POSTGRES_PASSWORD && m.vars.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      for (const l of [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
      ]) m.err(l);
      return 1;
    }
    const ts = `${unixDate(m.input.startedAt + m.t, '%F %T')}.000 UTC`;
    m.write(`${ts} [1] LOG:  database system is ready to accept connections`);
    return m.serve(5432);
  },
  mysqld: (m) => {
    if (!m.vars.MYSQL_ROOT_PASSWORD && !m.vars.MYSQL_ALLOW_EMPTY_PASSWORD && !m.vars.MYSQL_RANDOM_ROOT_PASSWORD) {
      const ts = `${unixDate(m.input.startedAt + m.t, '%F %T')}+00:00`;
      m.write(`${ts} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`);
      m.write(`${ts} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`);
      m.write('    You need to specify one of the following as an environment variable:');
      m.write('    - MYSQL_ROOT_PASSWORD');
      m.write('    - MYSQL_ALLOW_EMPTY_PASSWORD');
      m.write('    - MYSQL_RANDOM_ROOT_PASSWORD');
      return 1;
    }
    return m.serve(3306);
  },
  gunicorn: server([80], () => []),
  node: (m, a) => {
    if (a[0] === 'app.js' && m.input.profile.repo === 'docker.io/luksa/kubia') {
      m.write('Kubia server starting...');
      return m.serve(8080);
    }
    const script = a.find((x) => !x.startsWith('-'));
    if (script && !a.includes('-e')) {
      const path = script.startsWith('/') ? script : `/${script}`;
      for (const l of ['node:internal/modules/cjs/loader:1228', '  throw err;', '  ^', '', `Error: Cannot find module '${path}'`]) m.err(l);
      return 1;
    }
    return 0; // the REPL on an empty stdin
  },
  python: (m, a) => {
    const i = a.indexOf('-c');
    if (i >= 0 && /print\((['"])(.*)\1\)/.test(a[i + 1] ?? '')) m.write(/print\((['"])(.*)\1\)/.exec(a[i + 1])![2]);
    if (a.includes('-m') && a.includes('http.server')) m.serve(Number(a[a.indexOf('http.server') + 1]) || 8000);
    const script = a.find((x) => !x.startsWith('-'));
    if (script && !a.includes('-c') && !a.includes('-m')) {
      m.err(`python3: can't open file '/${script.replace(/^\/+/, '')}': [Errno 2] No such file or directory`);
      return 2;
    }
    return 0;
  },
  perl: (m, a) => {
    const script = a[a.indexOf(a.find((x) => x.startsWith('-') && x.includes('e')) ?? '') + 1] ?? a[a.length - 1] ?? '';
    const bpi = /bpi\((\d+)\)/.exec(script);
    if (bpi) {
      // the docs' pi Job: bignum takes a few seconds for 2,000 digits
      const n = Number(bpi[1]);
      m.sleep(Math.max(200, Math.round((n / 2000) ** 2 * 5000)));
      m.write(piDigits(n));
      return 0;
    }
    const pr = /print\s*\(?\s*(["'])(.*?)\1/.exec(script);
    if (pr) m.write(pr[2].replace(/\\n$/, ''));
    return 0;
  },
  stress: (m, a) => {
    const vmBytes = a.indexOf('--vm-bytes');
    const bytes = vmBytes >= 0 ? parseBytes(a[vmBytes + 1] ?? '') : 256 * 1024 ** 2;
    const vm = a.indexOf('--vm') >= 0 ? Number(a[a.indexOf('--vm') + 1]) || 1 : 0;
    const cpu = a.indexOf('--cpu') >= 0 ? Number(a[a.indexOf('--cpu') + 1]) || 1 : 0;
    if (!vm && !cpu && !a.includes('--io') && !a.includes('--hdd')) {
      m.write('`stress\' imposes certain types of compute stress on your system');
      return 1;
    }
    m.write(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd`);
    const limit = m.input.memoryLimit;
    if (vm && limit && bytes * vm > limit) {
      m.sleep(100);
      m.reason = 'OOMKilled';
      throw new Exit(137);
    }
    const timeoutIdx = a.indexOf('--timeout');
    if (timeoutIdx >= 0) {
      m.sleep(sleepMs(a[timeoutIdx + 1]) ?? 0);
      m.write(`stress: info: [1] successful run completed in ${Math.round((sleepMs(a[timeoutIdx + 1]) ?? 0) / 1000)}s`);
      return 0;
    }
    m.sleep(Infinity);
    return 0;
  },
  '/pause': (m) => { m.sleep(Infinity); return 0; },
  pause: (m) => { m.sleep(Infinity); return 0; },
  '/server': (m) => {
    // registry.k8s.io/liveness: /healthz answers 200 for 10 s, then 500
    m.httpStatus = (_path, at) => (at < 10_000 ? 200 : 500);
    return m.serve(8080);
  },
  server: (m, a) => PROGRAMS['/server'](m, a),
  '<app>': (m) => m.serve(),
};

function evalTest(m: Machine, a: string[]): number {
  if (a[0] === '!') return evalTest(m, a.slice(1)) === 0 ? 1 : 0;
  if (a.length === 0) return 1;
  if (a.length === 1) return a[0] ? 0 : 1;
  if (a.length === 2) {
    const [op, x] = a;
    switch (op) {
      case '-z': return x === '' ? 0 : 1;
      case '-n': return x !== '' ? 0 : 1;
      case '-f': case '-e': case '-s': case '-r': return m.files.has(x) ? 0 : 1;
      case '-d': return x === '/' || x === '/tmp' ? 0 : 1;
    }
    return 1;
  }
  const [x, op, y] = a;
  const nx = Number(x); const ny = Number(y);
  switch (op) {
    case '=': case '==': return x === y ? 0 : 1;
    case '!=': return x !== y ? 0 : 1;
    case '-eq': return nx === ny ? 0 : 1;
    case '-ne': return nx !== ny ? 0 : 1;
    case '-lt': return nx < ny ? 0 : 1;
    case '-le': return nx <= ny ? 0 : 1;
    case '-gt': return nx > ny ? 0 : 1;
    case '-ge': return nx >= ny ? 0 : 1;
  }
  return 2;
}
