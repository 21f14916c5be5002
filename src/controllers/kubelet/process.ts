// The simulated container process. A container's process is a pure function of its spec (argv,
// env), its image (imageProfile) and virtual time since it started: runProcess() replays it up to a
// horizon and reports what it wrote (lines with offsets), whether and when it exited (code, OOM),
// which ports it listens on and which files exist. Nothing is stored: the kubelet asks for the
// lifetime once at start, probes and `logs` replay it lazily (a `while true; echo; sleep 1` loop over
// a virtual day costs CPU when read, never state-file bytes).
import type { ImageProfile } from '../images.js';
import { parseScript, canLeave, ShellSyntaxError, type Node } from './shell.js';
import { piDigits } from './pi.js';

export interface OutputLine {
  /** ms after the process started */
  at: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

export interface ProcessInput {
  /** the container's argv after Kubernetes' command/args over the image's ENTRYPOINT/CMD */
  argv: string[];
  profile: ImageProfile;
  /** the container's environment (resolved) */
  env: Record<string, string>;
  /** pod name (the container's hostname) */
  hostname: string;
  /** epoch ms of the start (date prints it) */
  startedAt: number;
  /** memory limit in bytes (OOM decisions) */
  memoryLimit?: number;
  podIP?: string;
}

export interface ProcessRun {
  lines: OutputLine[];
  /** ms after start when it exited; undefined while running at the horizon */
  exitAt?: number;
  exitCode?: number;
  /** OOMKilled */
  reason?: string;
  /** known never to end by itself (a server, `sleep infinity`, an endless loop) */
  forever: boolean;
  /** TCP ports listened on (servers) */
  ports: number[];
  /** the files the process made (path -> content) */
  files: Map<string, string>;
  /** the runtime refused to exec the program: containerd's message */
  startError?: string;
  /** the server's health answer to an HTTP GET at the horizon */
  httpStatus?: (path: string, at: number) => number;
}

class Stop { }
class Exit { constructor(public code: number) {} }
class Forever { }
class Break { }

const MAX_STEPS = 2_000_000;

/** containerd's error when the entrypoint is not in the image. */
export function execNotFound(cmd: string): string {
  const why = cmd.includes('/') ? 'no such file or directory' : 'executable file not found in $PATH';
  const prefix = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';
  return cmd.includes('/') ? `${prefix}exec: "${cmd}": stat ${cmd}: ${why}: unknown` : `${prefix}exec: "${cmd}": ${why}: unknown`;
}

/** Run until `horizon` ms after start (Infinity: until it ends or is known to run forever). */
export function runProcess(input: ProcessInput, horizon: number): ProcessRun {
  const m = new Machine(input, horizon);
  return m.main();
}

type Program = (m: Machine, args: string[]) => number;

function hasExe(p: ImageProfile, name: string): boolean {
  if (!p.executables) return true;
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (name.includes('/')) return p.executables.includes(name) || (/^\/(usr\/)?(local\/)?s?bin\//.test(name) && p.executables.includes(base));
  return p.executables.includes(base);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `date` as busybox/coreutils print it in a UTC container: Thu Dec  3 16:05:56 UTC 2026. */
export function unixDate(ms: number, fmt?: string): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear(); const mo = d.getUTCMonth(); const D = d.getUTCDate();
  const h = pad2(d.getUTCHours()); const mi = pad2(d.getUTCMinutes()); const s = pad2(d.getUTCSeconds());
  if (fmt === undefined) return `${DAYS[d.getUTCDay()]} ${MONTHS[mo]} ${String(D).padStart(2, ' ')} ${h}:${mi}:${s} UTC ${Y}`;
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(Y);
      case 'm': return pad2(mo + 1);
      case 'd': return pad2(D);
      case 'H': return h;
      case 'M': return mi;
      case 'S': return s;
      case 'T': return `${h}:${mi}:${s}`;
      case 'F': return `${Y}-${pad2(mo + 1)}-${pad2(D)}`;
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[mo];
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** Parse `sleep` durations: 5, 0.5, 10s, 2m, 1h, 1d, infinity. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Math.round(parseFloat(m[1]) * mult);
}

function parseBytes(s: string): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return 0;
  const mult: Record<string, number> = { '': 1, b: 1, B: 1, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 };
  return Number(m[1]) * mult[m[2]];
}

export class Machine {
  t = 0;
  steps = 0;
  vars: Record<string, string>;
  files = new Map<string, string>();
  lines: OutputLine[] = [];
  ports: number[] = [];
  status = 0;
  /** capture stack for $(...) */
  capture: string[][] = [];
  redirect: { path: string; append: boolean }[] = [];
  lifetimeOnly: boolean;
  reason?: string;
  httpStatus?: (path: string, at: number) => number;
  shellName = 'sh';

  constructor(public input: ProcessInput, public horizon: number) {
    this.vars = { ...input.env, HOSTNAME: input.hostname, HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    this.lifetimeOnly = horizon === Infinity;
  }

  main(): ProcessRun {
    const argv = this.input.argv;
    const out = (extra: Partial<ProcessRun>): ProcessRun => ({
      lines: this.lines, ports: this.ports, files: new Map(this.files), forever: false, httpStatus: this.httpStatus, ...extra,
    });
    if (!argv.length) return out({ startError: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown' });
    const cmd = argv[0];
    if (!hasExe(this.input.profile, cmd)) return out({ startError: execNotFound(cmd) });
    try {
      const code = this.exec(argv, true);
      return out({ exitAt: this.t, exitCode: code });
    } catch (e) {
      if (e instanceof Exit) return out({ exitAt: this.t, exitCode: e.code, reason: this.reason });
      if (e instanceof Forever) return out({ forever: true });
      if (e instanceof Stop) return out({});
      throw e;
    }
  }

  // ---- output and time

  write(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const cap = this.capture[this.capture.length - 1];
    if (cap && stream === 'stdout') { cap.push(text); return; }
    const r = this.redirect[this.redirect.length - 1];
    if (r && stream === 'stdout') {
      if (r.path === '/dev/null') return;
      if (r.path === '/dev/stdout' || r.path === '/proc/1/fd/1' || r.path === '/dev/stderr') { /* falls through to the log */ } else {
        this.files.set(r.path, (this.files.get(r.path) ?? '') + text + '\n');
        return;
      }
    }
    if (this.lifetimeOnly) return;
    if (this.t > this.horizon) throw new Stop();
    this.lines.push({ at: this.t, text, stream });
  }

  err(text: string): void { this.write(text, 'stderr'); }

  sleep(ms: number): void {
    if (ms === Infinity) {
      if (this.lifetimeOnly || this.horizon === Infinity) throw new Forever();
      throw new Stop();
    }
    this.t += ms;
    if (this.t > this.horizon) throw new Stop();
  }

  /** Serve until stopped (a server's main loop). */
  serve(...ports: number[]): never {
    this.ports.push(...ports);
    throw this.lifetimeOnly ? new Forever() : new Stop();
  }

  tick(): void {
    if (++this.steps > MAX_STEPS) throw this.lifetimeOnly ? new Forever() : new Stop();
  }

  // ---- running programs

  exec(argv: string[], isMain = false): number {
    this.tick();
    const [cmd, ...args] = argv;
    const base = cmd.includes('/') ? cmd.slice(cmd.lastIndexOf('/') + 1) : cmd;
    const prog = PROGRAMS[cmd] ?? PROGRAMS[base] ?? (/^perl5/.test(base) ? PROGRAMS.perl : /^python/.test(base) ? PROGRAMS.python : undefined);
    if (!prog) {
      // kubesim: a program the catalogue does not model runs until stopped
      if (isMain) this.serve();
      return 0;
    }
    void isMain;
    return prog(this, args);
  }

  /** A command run by a shell: not found is the shell's 127. */
  execFromShell(argv: string[]): number {
    const cmd = argv[0];
    if (!hasExe(this.input.profile, cmd) && !BUILTINS[cmd]) {
      const p = this.input.profile;
      if (p.shell === 'bash' || this.shellName === 'bash') this.err(`bash: line 1: ${cmd}: command not found`);
      else if (p.shell === 'busybox') this.err(`sh: ${cmd}: not found`);
      else this.err(`sh: 1: ${cmd}: not found`);
      return 127;
    }
    return this.exec(argv);
  }

  // ---- the shell

  runScript(src: string): number {
    let tree: Node;
    try {
      tree = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.err(this.input.profile.shell === 'busybox' ? `sh: ${e.message}` : `sh: 1: ${e.message}`);
        return 2;
      }
      throw e;
    }
    return this.run(tree);
  }

  run(n: Node): number {
    this.tick();
    switch (n.t) {
      case 'list': {
        let st = 0;
        let skip: string | undefined;
        for (const { node, op } of n.items) {
          if (skip === '&&' && this.status !== 0) { skip = op === '&&' ? '&&' : op === '||' ? undefined : undefined; if (op !== '&&' && op !== '||') skip = undefined; continue; }
          if (skip === '||' && this.status === 0) { if (op !== '&&' && op !== '||') skip = undefined; continue; }
          skip = undefined;
          if (op === '&') {
            // a background job: its output is interleaved; kubesim runs it to its first wait
            st = 0;
            this.status = 0;
            continue;
          }
          st = this.run(node);
          this.status = st;
          if (op === '&&' || op === '||') skip = op;
        }
        return st;
      }
      case 'group': return this.run(n.body);
      case 'while': {
        const infinite = !canLeave(n.body) && isTrueCond(n.cond);
        if (infinite && this.lifetimeOnly) throw new Forever();
        let st = 0;
        for (;;) {
          this.tick();
          const c = this.run(n.cond);
          if ((c === 0) === n.until) break;
          const t0 = this.t;
          try { st = this.run(n.body); } catch (e) { if (e instanceof Break) break; throw e; }
          // a loop that never sleeps spins forever within one instant: stop it there
          if (this.t === t0 && infinite) throw this.lifetimeOnly ? new Forever() : new Stop();
        }
        return st;
      }
      case 'for': {
        const items = n.words.flatMap((w) => this.expandWord(w, true));
        let st = 0;
        for (const v of items) {
          this.vars[n.name] = v;
          try { st = this.run(n.body); } catch (e) { if (e instanceof Break) break; throw e; }
        }
        return st;
      }
      case 'if': {
        for (const b of n.branches) if (this.run(b.cond) === 0) return this.run(b.body);
        return n.orelse ? this.run(n.orelse) : 0;
      }
      case 'simple': {
        for (const [k, v] of n.assigns) this.vars[k] = this.expandWord(v, false).join(' ');
        if (!n.words.length) return 0;
        const argv = n.words.flatMap((w) => this.expandWord(w, true));
        if (!argv.length) return 0;
        let pushed = 0;
        for (const r of n.redirs) {
          const target = this.expandWord(r.target, false).join(' ');
          if (r.op === '>' || r.op === '>>' || r.op === '&>') {
            if (r.op === '>') this.files.set(target, '');
            this.redirect.push({ path: target, append: r.op === '>>' }); pushed++;
          }
        }
        try {
          const b = BUILTINS[argv[0]];
          return b ? b(this, argv.slice(1)) : this.execFromShell(argv);
        } finally {
          for (let i = 0; i < pushed; i++) this.redirect.pop();
        }
      }
    }
  }

  /** Expand one word: quotes, $VAR, ${VAR}, $(cmd), `cmd`, $((expr)); unquoted results split on blanks. */
  expandWord(w: string, split: boolean): string[] {
    const fields: string[] = [];
    let cur = '';
    let quotedAny = false;
    let i = 0;
    const pushSplit = (s: string, quoted: boolean) => {
      if (quoted || !split) { cur += s; return; }
      const parts = s.split(/[ \t\n]+/);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) { if (cur) fields.push(cur); cur = ''; }
        cur += parts[k];
      }
    };
    const dollar = (quoted: boolean): void => {
      // at w[i] === '$'
      if (w.startsWith('$((', i)) {
        let depth = 0; let j = i + 1;
        for (; j < w.length; j++) { if (w[j] === '(') depth++; else if (w[j] === ')') { depth--; if (depth === 0) break; } }
        const expr = w.slice(i + 3, j - 1);
        pushSplit(String(this.arith(expr)), quoted);
        i = j + 1; return;
      }
      if (w[i + 1] === '(') {
        let depth = 0; let j = i + 1;
        for (; j < w.length; j++) { if (w[j] === '(') depth++; else if (w[j] === ')') { depth--; if (depth === 0) break; } }
        pushSplit(this.commandSubst(w.slice(i + 2, j)), quoted);
        i = j + 1; return;
      }
      if (w[i + 1] === '{') {
        const j = w.indexOf('}', i);
        const inner = w.slice(i + 2, j);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/.exec(inner);
        pushSplit(m ? (this.vars[m[1]] || (m[2] ?? '')) : '', quoted);
        i = j + 1; return;
      }
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[?$#0-9@*])/.exec(w.slice(i));
      if (!m) { cur += '$'; i++; return; }
      const name = m[1];
      let v = '';
      if (name === '?') v = String(this.status);
      else if (name === '$') v = '1';
      else if (name === '#') v = '0';
      else if (name === '0') v = this.shellName;
      else v = this.vars[name] ?? '';
      pushSplit(v, quoted);
      i += m[0].length;
    };
    while (i < w.length) {
      const c = w[i];
      if (c === "'") {
        const j = w.indexOf("'", i + 1);
        cur += w.slice(i + 1, j); quotedAny = true; i = j + 1; continue;
      }
      if (c === '"') {
        quotedAny = true;
        i++;
        while (i < w.length && w[i] !== '"') {
          if (w[i] === '\\' && '"\\$`'.includes(w[i + 1])) { cur += w[i + 1]; i += 2; continue; }
          if (w[i] === '$') { dollar(true); continue; }
          if (w[i] === '`') { const j = w.indexOf('`', i + 1); cur += this.commandSubst(w.slice(i + 1, j)); i = j + 1; continue; }
          cur += w[i++];
        }
        i++;
        continue;
      }
      if (c === '\\') { cur += w[i + 1] ?? ''; i += 2; continue; }
      if (c === '$') { dollar(false); continue; }
      if (c === '`') { const j = w.indexOf('`', i + 1); pushSplit(this.commandSubst(w.slice(i + 1, j)), false); i = j + 1; continue; }
      cur += c; i++;
    }
    if (cur || quotedAny) fields.push(cur);
    return fields;
  }

  commandSubst(src: string): string {
    this.capture.push([]);
    let out: string[] = [];
    try {
      this.runScript(src);
    } finally {
      out = this.capture.pop()!;
    }
    return out.join('\n').replace(/\n+$/, '');
  }

  arith(expr: string): number {
    const e = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => String(Number(this.vars[n] ?? 0) || 0));
    if (!/^[\d\s+\-*/%()<>=!&|]*$/.test(e)) return 0;
    try {
      // integer arithmetic of a vetted expression (digits and operators only)
      const v = Function(`"use strict"; return (${e.replace(/\//g, '/')});`)();
      return Math.trunc(Number(v));
    } catch {
      return 0;
    }
  }
}

function isTrueCond(n: Node): boolean {
  if (n.t !== 'list' || n.items.length !== 1) return false;
  const c = n.items[0].node;
  if (c.t !== 'simple') return false;
  const w = c.words.join(' ');
  return w === 'true' || w === ':' || w === '[ 1 ]' || w === '[ true ]' || w === 'sleep 1';
}

// ---- shell builtins

const BUILTINS: Record<string, (m: Machine, args: string[]) => number> = {
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
};

// ---- programs (by executable basename)

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

const PROGRAMS: Record<string, Program> = {
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
    if (a.includes('-f') || a.includes('-F')) m.sleep(Infinity);
    return PROGRAMS.cat(m, a.filter((x) => !x.startsWith('-') && !/^\d+$/.test(x)));
  },
  seq: (m, a) => {
    const n = a.map(Number);
    const [from, to] = n.length >= 2 ? [n[0], n[n.length - 1]] : [1, n[0]];
    for (let i = from; i <= to; i++) m.write(String(i));
    return 0;
  },
  test: (m, a) => evalTest(m, a),
  ls: () => 0,
  wget: () => 0,
  curl: () => 0,
  nslookup: () => 0,
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
    return 0; // the REPL on an empty stdin
  },
  python: (m, a) => {
    const i = a.indexOf('-c');
    if (i >= 0 && /print\((['"])(.*)\1\)/.test(a[i + 1] ?? '')) m.write(/print\((['"])(.*)\1\)/.exec(a[i + 1])![2]);
    if (a.includes('-m') && a.includes('http.server')) m.serve(Number(a[a.indexOf('http.server') + 1]) || 8000);
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

/** Kubernetes' argv: command/args over the image's ENTRYPOINT/CMD (with $(VAR) expansion). */
export function containerArgv(c: any, profile: ImageProfile, env: Record<string, string>): string[] {
  const expand = (s: string) => String(s).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, n?: string) => (all === '$$' ? '$' : n !== undefined && n in env ? env[n] : all));
  const command: string[] | undefined = c.command?.length ? c.command.map(expand) : undefined;
  const args: string[] | undefined = c.args?.length ? c.args.map(expand) : undefined;
  if (command) return [...command, ...(args ?? [])];
  return [...profile.entrypoint, ...(args ?? profile.cmd)];
}
