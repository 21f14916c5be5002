// The simulated container process. A container's process is a pure function of its spec (argv,
// env), its image (imageProfile) and virtual time since it started: runProcess() replays it up to a
// horizon and reports what it wrote (lines with offsets), whether and when it exited (code, OOM),
// which ports it listens on and which files exist. Nothing is stored: the kubelet asks for the
// lifetime once at start, probes and `logs` replay it lazily (a `while true; echo; sleep 1` loop over
// a virtual day costs CPU when read, never state-file bytes).
import type { ReplayContext } from '../../sim/shell/replay.js';
import type { ImageProfile } from '../images.js';
import { parseScript, canLeave, ShellSyntaxError, type Node } from './shell.js';
import { BUILTINS, PROGRAMS } from './programs.js';

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
  /** files the container sees at start (mounted ConfigMaps and Secrets): path -> content */
  files?: Record<string, string>;
  /** the pod and its cluster, for the network commands (wget, curl, nslookup) the process runs */
  net?: ReplayContext;
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
  /** its writes to files, in order: ms after start, path, text (or a truncation, `>`) */
  writes: { at: number; path: string; text: string; truncate?: boolean }[];
  /** the runtime refused to exec the program: containerd's message */
  startError?: string;
  /** the server's health answer to an HTTP GET at the horizon */
  httpStatus?: (path: string, at: number) => number;
}

/** the replay reached its horizon */
export class Stop { }
/** the process (or its shell) exited */
export class Exit { constructor(public code: number) {} }
/** the process is known to run until stopped */
export class Forever { }
/** `break` out of a shell loop */
export class Break { }

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

export type Program = (m: Machine, args: string[]) => number;

/** A path written by a process whose working directory is / (`a//b/./c` -> `/a/b/c`). */
export function absolutePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop(); else parts.push(p);
  }
  return '/' + parts.join('/');
}

function hasExe(p: ImageProfile, name: string): boolean {
  if (!p.executables) return true;
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (name.includes('/')) return p.executables.includes(name) || (/^\/(usr\/)?(local\/)?s?bin\//.test(name) && p.executables.includes(base));
  return p.executables.includes(base);
}

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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
export function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Math.round(parseFloat(m[1]) * mult);
}

export function parseBytes(s: string): number {
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
  writes: ProcessRun['writes'] = [];
  lifetimeOnly: boolean;
  reason?: string;
  httpStatus?: (path: string, at: number) => number;
  shellName = 'sh';
  /** network requests made so far (each replay takes a Service's endpoints in the same turn) */
  requests = 0;

  constructor(public input: ProcessInput, public horizon: number) {
    this.vars = { ...input.env, HOSTNAME: input.hostname, HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
    this.lifetimeOnly = horizon === Infinity;
    for (const [f, content] of Object.entries(input.files ?? {})) this.files.set(f, content);
  }

  main(): ProcessRun {
    const argv = this.input.argv;
    const out = (extra: Partial<ProcessRun>): ProcessRun => ({
      lines: this.lines, ports: this.ports, files: new Map(this.files), writes: this.writes, forever: false, httpStatus: this.httpStatus, ...extra,
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
        if (this.t <= this.horizon) this.writes.push({ at: this.t, path: absolutePath(r.path), text: text + '\n' });
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
            if (r.op === '>') {
              this.files.set(target, '');
              if (this.t <= this.horizon) this.writes.push({ at: this.t, path: absolutePath(target), text: '', truncate: true });
            }
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

/** Kubernetes' argv: command/args over the image's ENTRYPOINT/CMD (with $(VAR) expansion). */
export function containerArgv(c: any, profile: ImageProfile, env: Record<string, string>): string[] {
  const expand = (s: string) => String(s).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, n?: string) => (all === '$$' ? '$' : n !== undefined && n in env ? env[n] : all));
  const command: string[] | undefined = c.command?.length ? c.command.map(expand) : undefined;
  const args: string[] | undefined = c.args?.length ? c.args.map(expand) : undefined;
  if (command) return [...command, ...(args ?? [])];
  return [...profile.entrypoint, ...(args ?? profile.cmd)];
}
