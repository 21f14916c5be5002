// The interpreter: runs an argv (a command exec'd directly) or an sh -c script inside a container,
// with the image's shell flavour deciding how errors are worded (busybox ash, Debian's dash, bash).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { parseScript, expandWord, ShellSyntaxError, type Script, type SimpleCommand, type Word } from './parse.js';
import { ContainerFS } from './fs.js';
import { containerEnv } from './env.js';
import { imageProfile, resolveExecutable, type ShellFlavour } from './images.js';
import { ExitSignal, type Command, type Container, type Proc } from './types.js';
import { BASIC } from './commands/basic.js';
import { FILES } from './commands/files.js';
import { NET } from './commands/net.js';

const COMMANDS: Record<string, Command> = { ...BASIC, ...FILES, ...NET };
/** commands every sh implements itself */
const SHELL_BUILTINS = new Set(['echo', 'exit', 'true', 'false', 'pwd', 'printenv', 'sleep', 'cat']);

export interface ExecResult { stdout: string; stderr: string; code: number }

/** The runtime could not start the process (containerd's exec error; kubectl prints it as an error). */
export class ExecStartError extends Error {
  constructor(readonly executable: string) {
    super(`exec: "${executable}": executable file not found in $PATH`);
  }
}

export interface ExecOptions {
  cluster: Cluster;
  pod: KObject;
  container: any;
  tty?: boolean;
  sleep(ms: number): Promise<void>;
  /** the exec holds the cluster for writing: its controller manager (a request from the pod to the API may write) */
  manager?: () => Promise<unknown>;
}

export function openContainer(o: ExecOptions): Container {
  return {
    cluster: o.cluster, pod: o.pod, container: o.container,
    profile: imageProfile(o.container.image || ''),
    fs: new ContainerFS(o.cluster, o.pod, o.container),
    env: new Map(containerEnv(o.cluster, o.pod, o.container)),
    tty: !!o.tty,
    sleep: o.sleep,
    manager: o.manager,
  };
}

interface Sink { out(s: string): void; err(s: string): void }

class Shell {
  vars: Map<string, string>;
  status = 0;
  line = 1;
  constructor(readonly c: Container, readonly flavour: ShellFlavour, readonly name: string) {
    this.vars = new Map(c.env);
  }

  private prefix(): string {
    if (this.flavour === 'dash') return `${this.name}: ${this.line}: `;
    if (this.flavour === 'bash') return `${this.name}: line ${this.line}: `;
    return `${this.name}: `;
  }

  notFound(cmd: string): string {
    return this.flavour === 'bash' ? `${this.prefix()}${cmd}: command not found\n` : `${this.prefix()}${cmd}: not found\n`;
  }

  cannotCreate(path: string, why: string): string {
    if (this.flavour === 'busybox') return `${this.name}: can't create ${path}: ${why}\n`;
    if (this.flavour === 'dash') return `${this.prefix()}cannot create ${path}: ${why}\n`;
    return `${this.prefix()}${path}: ${why}\n`;
  }

  syntax(e: ShellSyntaxError): string {
    return `${this.prefix()}${e.message}\n`;
  }

  lookup = (name: string) => (name === '?' ? String(this.status) : name === '$' ? '1' : this.vars.get(name));

  async runScript(src: string, stdin: string, io: Sink): Promise<number> {
    let script: Script;
    try {
      script = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) { io.err(this.syntax(e)); return 2; }
      throw e;
    }
    for (const ao of script) {
      let code = await this.runPipeline(ao.first, stdin, io);
      for (const [op, pl] of ao.rest) {
        if ((op === '&&' && code === 0) || (op === '||' && code !== 0)) code = await this.runPipeline(pl, stdin, io);
      }
      this.status = code;
    }
    return this.status;
  }

  private async runPipeline(pl: SimpleCommand[], stdin: string, io: Sink): Promise<number> {
    let input = stdin;
    let code = 0;
    for (let i = 0; i < pl.length; i++) {
      const last = i === pl.length - 1;
      let buf = '';
      const sink: Sink = last ? io : { out: (s) => { buf += s; }, err: io.err };
      code = await this.runSimple(pl[i], input, sink);
      input = buf;
    }
    return code;
  }

  /** $(...): the script in a subshell (its variables stay there), its output captured, its errors shown. */
  private substitute(io: Sink): (script: string) => Promise<string> {
    return async (script) => {
      const sub = new Shell(this.c, this.flavour, this.name);
      sub.vars = new Map(this.vars);
      sub.line = this.line;
      let out = '';
      try {
        this.status = await sub.runScript(script, '', { out: (s) => { out += s; }, err: io.err });
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        this.status = e.code;
      }
      return out;
    };
  }

  private async runSimple(cmd: SimpleCommand, stdin: string, io: Sink): Promise<number> {
    const subst = this.substitute(io);
    const expand = (w: Word) => expandWord(w, this.lookup, subst);
    const words: string[] = [];
    for (const w of cmd.words) words.push(await expand(w));
    const assigns: [string, string][] = [];
    for (const [k, w] of cmd.assigns) assigns.push([k, await expand(w)]);
    if (!words.length) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      // X=$(cmd) has cmd's status
      return cmd.assigns.some(([, w]) => w.some((p) => p.subst)) ? this.status : 0;
    }
    let out = '';
    let err = '';
    let input = stdin;
    const redirected = { out: false, err: false, errToOut: false, outToErr: false };
    for (const r of cmd.redirects) {
      if (r.op === '<') {
        const f = await expand(r.target);
        const v = this.c.fs.read(f);
        if (v === 'ENOENT' || v === 'EISDIR' || v === 'EROFS' || v === 'ENOTDIR') { io.err(this.cannotCreate(f, 'nonexistent directory').replace('cannot create', "can't open")); return 1; }
        input = v;
      } else if (r.op === '>&') {
        if (r.fd === 2) redirected.errToOut = true;
        else redirected.outToErr = true;
      }
      else if (r.fd === 1) redirected.out = true;
      else redirected.err = true;
    }
    const sink: Sink = {
      out: (s) => { if (redirected.outToErr && !redirected.errToOut) sink.err(s); else if (redirected.out) out += s; else io.out(s); },
      err: (s) => { if (redirected.errToOut) sink.out(s); else if (redirected.err) err += s; else io.err(s); },
    };
    const code = await this.runWords(words, assigns, input, sink);
    // the redirections' files are written when the command is done
    for (const r of cmd.redirects) {
      if (r.op === '<' || r.op === '>&') continue;
      const f = await expand(r.target);
      if (f === '/dev/null') continue;
      const e = this.c.fs.write(f, r.fd === 1 ? out : err, r.op === '>>');
      if (e) {
        io.err(this.cannotCreate(f, e === 'EROFS' ? 'Read-only file system' : e === 'EISDIR' ? 'Is a directory' : 'nonexistent directory'));
        return this.flavour === 'dash' ? 2 : 1;
      }
    }
    return code;
  }

  private async runWords(words: string[], assigns: [string, string][], stdin: string, io: Sink): Promise<number> {
    const [name, ...args] = words;
    if (name === 'export') {
      for (const a of args) {
        const i = a.indexOf('=');
        if (i > 0) this.vars.set(a.slice(0, i), a.slice(i + 1));
        const k = i > 0 ? a.slice(0, i) : a;
        const v = this.vars.get(k);
        if (v !== undefined) this.c.env.set(k, v);
      }
      return 0;
    }
    if (name === ':' || name === 'cd') return 0;
    // the shell's own builtins run whatever the image has on its PATH
    const exe = SHELL_BUILTINS.has(name) ? name : resolveExecutable(this.c.profile, name);
    if (!exe) { io.err(this.notFound(name)); return 127; }
    // VAR=value cmd: in the command's environment only
    const saved = new Map(this.c.env);
    for (const [k, v] of assigns) this.c.env.set(k, v);
    try {
      if (exe === 'sh' || exe === 'bash') return await runShell(this.c, exe === 'bash' ? 'bash' : this.c.profile.shell, exe === 'bash' ? 'bash' : name, args, stdin, io);
      return await runCommand(this.c, exe, args, stdin, io, this.flavour);
    } finally {
      if (assigns.length) this.c.env = saved;
    }
  }
}

async function runCommand(c: Container, exe: string, args: string[], stdin: string, io: Sink, shell: ShellFlavour): Promise<number> {
  const fn = COMMANDS[exe];
  if (!fn) {
    // an executable the image has whose behaviour is not simulated (nginx, node ...): it runs and says nothing
    return 0;
  }
  const p: Proc = { args, name: exe, stdin, out: io.out, err: io.err, c, shell };
  return await fn(p);
}

/** sh [-c SCRIPT [NAME [ARGS]]] or sh reading its script from stdin. */
async function runShell(c: Container, flavour: ShellFlavour, name: string, args: string[], stdin: string, io: Sink): Promise<number> {
  const sh = new Shell(c, flavour === 'none' ? 'dash' : flavour, name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name);
  const ci = args.findIndex((a) => a === '-c' || /^-[a-z]*c$/.test(a));
  try {
    if (ci >= 0) {
      const script = args[ci + 1];
      if (script === undefined) { io.err(`${sh.name}: -c requires an argument\n`); return 2; }
      return await sh.runScript(script, stdin, io);
    }
    return await sh.runScript(stdin, '', io);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    throw e;
  }
}

/**
 * Run argv in the container, as the CRI exec does: argv[0] must be an executable of the image
 * (else ExecStartError); a shell runs its script. Returns what the process wrote and its status.
 */
export async function execArgv(c: Container, argv: string[], stdin: string, io?: Sink): Promise<ExecResult> {
  let stdout = '';
  let stderr = '';
  const sink: Sink = io ?? { out: (s) => { stdout += s; }, err: (s) => { stderr += s; } };
  const exe = resolveExecutable(c.profile, argv[0]);
  if (!exe) throw new ExecStartError(argv[0]);
  let code: number;
  try {
    if (exe === 'sh' || exe === 'bash') code = await runShell(c, exe === 'bash' ? 'bash' : c.profile.shell, exe === 'bash' ? 'bash' : 'sh', argv.slice(1), stdin, sink);
    else code = await runCommand(c, exe, argv.slice(1), stdin, sink, 'none');
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code;
    else throw e;
  }
  return { stdout, stderr, code };
}

/**
 * An interactive shell session (exec -it ... sh): one line at a time. The container is opened afresh
 * for each line (each line is its own transaction on the cluster); variables carry over.
 */
export class InteractiveShell {
  private vars: Map<string, string> | undefined;
  private line = 1;
  exited: number | undefined;
  constructor(readonly exe: 'sh' | 'bash') {}

  private shell(c: Container): Shell {
    const sh = new Shell(c, this.exe === 'bash' ? 'bash' : c.profile.shell, this.exe);
    if (this.vars) sh.vars = this.vars;
    sh.line = this.line;
    return sh;
  }

  /** the prompt the image's shell shows (busybox: `/ # `, dash: `# `, bash: `root@host:/# `) */
  prompt(c: Container): string {
    const root = c.profile.user[0] === 0 && !(c.pod.spec?.securityContext?.runAsUser || c.container.securityContext?.runAsUser);
    const flavour = this.exe === 'bash' ? 'bash' : c.profile.shell;
    if (flavour === 'busybox') return root ? '/ # ' : '/ $ ';
    if (flavour === 'bash') return `${root ? 'root' : 'I have no name!'}@${c.env.get('HOSTNAME')}:/${root ? '#' : '$'} `;
    return root ? '# ' : '$ ';
  }

  async run(c: Container, src: string, io: Sink): Promise<void> {
    const sh = this.shell(c);
    try {
      await sh.runScript(src, '', io);
    } catch (e) {
      if (e instanceof ExitSignal) this.exited = e.code;
      else throw e;
    }
    this.vars = sh.vars;
    this.line++;
  }
}
