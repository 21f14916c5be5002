// cat, ls, head, tail, grep, mkdir, touch, rm over the container's filesystem (src/sim/shell/fs.ts).
import type { Command, Proc } from '../types.js';
import { gnu } from '../types.js';

const ERRNO: Record<string, string> = {
  ENOENT: 'No such file or directory', EROFS: 'Read-only file system', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory',
};

function cat(p: Proc): number {
  const files = p.args.filter((a) => a !== '-' && !a.startsWith('-'));
  if (!files.length) { p.out(p.stdin); return 0; }
  let code = 0;
  for (const f of files) {
    const r = p.c.fs.read(f);
    if (r === 'ENOENT' || r === 'EISDIR' || r === 'EROFS' || r === 'ENOTDIR') {
      code = 1;
      if (gnu(p)) p.err(`cat: ${f}: ${ERRNO[r]}\n`);
      else p.err(r === 'EISDIR' ? 'cat: read error: Is a directory\n' : `cat: can't open '${f}': ${ERRNO[r]}\n`);
      continue;
    }
    p.out(r);
  }
  return code;
}

function ls(p: Proc): number {
  const flags = p.args.filter((a) => a.startsWith('-') && a !== '-').join('');
  const paths = p.args.filter((a) => !a.startsWith('-') || a === '-');
  const targets = paths.length ? paths : ['.'];
  const all = flags.includes('a');
  const long = flags.includes('l');
  let code = 0;
  const blocks: string[] = [];
  for (const t of targets) {
    const r = p.c.fs.list(t === '.' ? '/' : t);
    if (typeof r === 'string') {
      code = gnu(p) ? 2 : 1;
      p.err(gnu(p) ? `ls: cannot access '${t}': ${ERRNO[r]}\n` : `ls: ${t}: ${ERRNO[r]}\n`);
      continue;
    }
    const names = all ? ['.', '..', ...r] : r;
    const lines = long ? names.map((n) => `-rw-r--r--    1 root     root             0 ${n}`) : names;
    // not a terminal: one name per line (ls -C only on a TTY)
    const body = p.c.tty && !long ? (lines.length ? lines.join('  ') + '\n' : '') : lines.map((l) => l + '\n').join('');
    blocks.push(targets.length > 1 ? `${t}:\n${body}` : body);
  }
  p.out(blocks.join('\n'));
  return code;
}

function head(p: Proc): number {
  let n = 10;
  const files: string[] = [];
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '-n') n = Number(p.args[++i]);
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else files.push(a);
  }
  const text = files.length ? p.c.fs.read(files[0]) : p.stdin;
  if (['ENOENT', 'EISDIR', 'EROFS', 'ENOTDIR'].includes(text)) {
    p.err(gnu(p) ? `head: cannot open '${files[0]}' for reading: ${ERRNO[text]}\n` : `head: ${files[0]}: ${ERRNO[text]}\n`);
    return 1;
  }
  const lines = text.split('\n');
  p.out(lines.slice(0, n).join('\n') + (lines.length > n ? '\n' : ''));
  return 0;
}

/** tail's arguments (busybox and coreutils alike): `-n N`, `-nN`, `-N` (the last N lines), `-n +N` (from line N), `-f`. */
export function tailArgs(args: string[]): { n: number; from?: number; follow: boolean; files: string[] } {
  const out: { n: number; from?: number; follow: boolean; files: string[] } = { n: 10, follow: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const count = a === '-n' ? args[++i] ?? '' : /^-n./.test(a) ? a.slice(2) : /^-\d+$/.test(a) ? a.slice(1) : undefined;
    if (count !== undefined) { if (count.startsWith('+')) out.from = Number(count.slice(1)) || 1; else out.n = Number(count) || 0; } else if (a === '-f' || a === '-F') out.follow = true;
    else if (!a.startsWith('-') || a === '-') out.files.push(a);
  }
  return out;
}

/** The lines tail shows of `lines`. */
export function tailLines(lines: string[], t: { n: number; from?: number }): string[] {
  return t.from !== undefined ? lines.slice(t.from - 1) : t.n > 0 ? lines.slice(-t.n) : [];
}

/** tail FILE in an exec: the last lines (-f has nothing more to follow in an exec). */
function tail(p: Proc): number {
  const t = tailArgs(p.args);
  const files = t.files;
  const text = files.length ? p.c.fs.read(files[0]) : p.stdin;
  if (['ENOENT', 'EISDIR', 'EROFS', 'ENOTDIR'].includes(text)) {
    p.err(gnu(p) ? `tail: cannot open '${files[0]}' for reading: ${ERRNO[text]}\n` : `tail: can't open '${files[0]}': ${ERRNO[text]}\n`);
    return 1;
  }
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text ? text.split('\n') : [];
  p.out(tailLines(lines, t).map((l) => l + '\n').join(''));
  return 0;
}

/** A basic regular expression (grep without -E) as a JavaScript one: \( \) \| \{ \} \+ \? are the operators, ( ) | { } + ? literal. */
function basicRegExp(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += '()|{}+?'.includes(n) ? n : `\\${n}`;
    } else out += '()|{}+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** grep [-icvqnEFw] PATTERN [FILE...]: 0 when a line matched, 1 when none did, 2 on trouble. */
function grep(p: Proc): number {
  const flags = new Set<string>();
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '-e') pattern = p.args[++i];
    else if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) {
    p.err(gnu(p) ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    return 2;
  }
  let source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pattern : basicRegExp(pattern);
  if (flags.has('w')) source = `\\b(?:${source})\\b`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.has('i') ? 'i' : '');
  } catch {
    p.err(`grep: Invalid regular expression\n`);
    return 2;
  }
  let matched = false;
  let trouble = false;
  const inputs: [string, string][] = files.length ? [] : [['(standard input)', p.stdin]];
  for (const f of files) {
    const r = p.c.fs.read(f);
    if (r === 'ENOENT' || r === 'EISDIR' || r === 'EROFS' || r === 'ENOTDIR') { trouble = true; if (!flags.has('s')) p.err(`grep: ${f}: ${ERRNO[r]}\n`); continue; }
    inputs.push([f, r]);
  }
  for (const [name, text] of inputs) {
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text ? text.split('\n') : [];
    let count = 0;
    lines.forEach((line, n) => {
      if (re.test(line) === flags.has('v')) return;
      count++;
      matched = true;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      p.out(`${files.length > 1 ? `${name}:` : ''}${flags.has('n') ? `${n + 1}:` : ''}${line}\n`);
    });
    if (flags.has('q')) continue;
    if (flags.has('c')) p.out(`${files.length > 1 ? `${name}:` : ''}${count}\n`);
    else if (flags.has('l') && count) p.out(`${name}\n`);
  }
  if (flags.has('q') && matched) return 0;
  return trouble ? 2 : matched ? 0 : 1;
}

function writeEach(p: Proc, verb: string, fn: (f: string) => string | undefined): number {
  let code = 0;
  for (const f of p.args.filter((a) => !a.startsWith('-'))) {
    const e = fn(f);
    if (e) { code = 1; p.err(gnu(p) ? `${verb}: cannot ${verb === 'rm' ? 'remove' : verb === 'touch' ? 'touch' : 'create directory'} '${f}': ${ERRNO[e]}\n` : `${verb}: ${f}: ${ERRNO[e]}\n`); }
  }
  return code;
}

export const FILES: Record<string, Command> = {
  cat,
  ls,
  head,
  tail,
  grep,
  mkdir: (p) => writeEach(p, 'mkdir', (f) => p.c.fs.mkdir(f)),
  touch: (p) => writeEach(p, 'touch', (f) => (p.c.fs.exists(f) ? undefined : p.c.fs.write(f, '', true))),
  rm: (p) => writeEach(p, 'rm', (f) => p.c.fs.remove(f)),
};
