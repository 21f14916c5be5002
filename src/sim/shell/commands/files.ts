// cat, ls, head, mkdir, touch, rm over the container's filesystem (src/sim/shell/fs.ts).
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
  mkdir: (p) => writeEach(p, 'mkdir', (f) => p.c.fs.mkdir(f)),
  touch: (p) => writeEach(p, 'touch', (f) => (p.c.fs.exists(f) ? undefined : p.c.fs.write(f, '', true))),
  rm: (p) => writeEach(p, 'rm', (f) => p.c.fs.remove(f)),
};
