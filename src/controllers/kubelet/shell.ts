// A tiny POSIX shell: the scripts people put in `sh -c "..."` in the docs and exams (`;`, `&&`,
// `||`, `while true; do ...; done`, `for`, `if`, `[ ]`, `$VAR`, `$(date)`, `$((i+1))`, redirections
// to files). It parses a script into a small tree; the process machine (process.ts) executes it on
// virtual time.

export type Word = string; // raw shell word, expanded at run time

export type Node =
  | { t: 'simple'; words: Word[]; assigns: [string, Word][]; redirs: { op: string; target: Word }[] }
  | { t: 'list'; items: { node: Node; op: string }[] } // op: the operator after node (';' '&&' '||' '&')
  | { t: 'while'; until: boolean; cond: Node; body: Node }
  | { t: 'for'; name: string; words: Word[]; body: Node }
  | { t: 'if'; branches: { cond: Node; body: Node }[]; orelse?: Node }
  | { t: 'group'; body: Node };

export class ShellSyntaxError extends Error {}

/** Split a script into tokens: words (quotes kept, for expansion later) and operators. */
export function tokenize(src: string): { w?: string; op?: string }[] {
  const out: { w?: string; op?: string }[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (ch === '#' ) { while (i < n && src[i] !== '\n') i++; continue; }
    if (ch === '\n') { out.push({ op: ';' }); i++; continue; }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;' || two === '>>' || two === '2>' || two === '&>') {
      if (two === '2>' && src[i + 2] === '&') { out.push({ op: '2>&' }); i += 3; continue; }
      if (two === '2>' && src[i + 2] === '>') { out.push({ op: '>>' }); i += 3; continue; }
      out.push({ op: two }); i += 2; continue;
    }
    if (';&|()<>'.includes(ch)) {
      if (ch === '>' && src[i + 1] === '&') { out.push({ op: '>&' }); i += 2; continue; }
      out.push({ op: ch }); i++; continue;
    }
    // a word: until blank or operator, honouring quotes, $( ) and backquotes
    let w = '';
    while (i < n) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\n' || ';&|<>'.includes(c) || (c === '(' || c === ')')) {
        if (c === '(' && w.endsWith('$')) { /* $( ... ) handled below */ } else break;
      }
      if (c === "'") {
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShellSyntaxError("unterminated quoted string");
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (c === '"') {
        let j = i + 1;
        while (j < n && src[j] !== '"') { if (src[j] === '\\') j++; j++; }
        if (j >= n) throw new ShellSyntaxError('unterminated quoted string');
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (c === '\\') { w += src.slice(i, i + 2); i += 2; continue; }
      if (c === '(' && w.endsWith('$')) {
        let depth = 0; let j = i;
        for (; j < n; j++) { if (src[j] === '(') depth++; else if (src[j] === ')') { depth--; if (depth === 0) break; } }
        w += src.slice(i, j + 1); i = j + 1; continue;
      }
      if (c === '`') {
        const j = src.indexOf('`', i + 1);
        w += src.slice(i, j < 0 ? n : j + 1); i = j < 0 ? n : j + 1; continue;
      }
      w += c; i++;
    }
    out.push({ w });
  }
  return out;
}

const RESERVED = new Set(['do', 'done', 'then', 'fi', 'else', 'elif', 'esac', '}']);

export function parseScript(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peekW = () => toks[p]?.w;
  const isOp = (op: string) => toks[p]?.op === op;
  const skipSeps = () => { while (isOp(';') ) p++; };
  const expectW = (w: string) => {
    skipSeps();
    if (peekW() !== w) throw new ShellSyntaxError(`syntax error: unexpected ${peekW() ?? 'end of file'} (expecting "${w}")`);
    p++;
  };

  function list(stops: string[]): Node {
    const items: { node: Node; op: string }[] = [];
    for (;;) {
      skipSeps();
      if (p >= toks.length) break;
      const w = peekW();
      if (w !== undefined && stops.includes(w)) break;
      if (isOp(')')) break;
      const node = command();
      let op = ';';
      if (isOp('&&') || isOp('||') || isOp(';') || isOp('&') || isOp('|')) { op = toks[p].op!; p++; }
      items.push({ node, op });
    }
    return { t: 'list', items };
  }

  function command(): Node {
    const w = peekW();
    if (w === 'while' || w === 'until') {
      p++;
      const cond = list(['do']);
      expectW('do');
      const body = list(['done']);
      expectW('done');
      return { t: 'while', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      p++;
      const name = toks[p++]?.w ?? '';
      const words: Word[] = [];
      if (peekW() === 'in') { p++; while (toks[p]?.w !== undefined && toks[p].w !== 'do') words.push(toks[p++].w!); }
      else words.push('"$@"');
      expectW('do');
      const body = list(['done']);
      expectW('done');
      return { t: 'for', name, words, body };
    }
    if (w === 'if') {
      p++;
      const branches: { cond: Node; body: Node }[] = [];
      let orelse: Node | undefined;
      const cond = list(['then']);
      expectW('then');
      branches.push({ cond, body: list(['elif', 'else', 'fi']) });
      for (;;) {
        skipSeps();
        const k = peekW();
        if (k === 'elif') { p++; const c = list(['then']); expectW('then'); branches.push({ cond: c, body: list(['elif', 'else', 'fi']) }); continue; }
        if (k === 'else') { p++; orelse = list(['fi']); }
        expectW('fi');
        break;
      }
      return { t: 'if', branches, orelse };
    }
    if (w === '{') {
      p++;
      const body = list(['}']);
      expectW('}');
      return { t: 'group', body };
    }
    if (isOp('(')) {
      p++;
      const body = list([]);
      if (!isOp(')')) throw new ShellSyntaxError('syntax error: missing ")"');
      p++;
      return { t: 'group', body };
    }
    const words: Word[] = [];
    const assigns: [string, Word][] = [];
    const redirs: { op: string; target: Word }[] = [];
    while (p < toks.length) {
      const t = toks[p];
      if (t.op && ['>', '>>', '<', '2>', '&>', '>&', '2>&'].includes(t.op)) {
        p++;
        redirs.push({ op: t.op, target: toks[p]?.w ?? '' });
        p++;
        continue;
      }
      if (t.w === undefined) break;
      if (words.length && RESERVED.has(t.w) && false) break;
      if (!words.length && RESERVED.has(t.w)) break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(t.w);
      if (!words.length && m) assigns.push([m[1], m[2]]);
      else words.push(t.w);
      p++;
    }
    return { t: 'simple', words, assigns, redirs };
  }

  const root = list([]);
  skipSeps();
  if (p < toks.length) {
    const t = toks[p];
    throw new ShellSyntaxError(`syntax error: unexpected "${t.w ?? t.op}"`);
  }
  return root;
}

/** Does this tree contain a command that can end the loop or the shell (exit, break, return)? */
export function canLeave(n: Node): boolean {
  switch (n.t) {
    case 'simple': return ['exit', 'break', 'return', 'kill'].includes(stripQuotes(n.words[0] ?? '')) ;
    case 'list': return n.items.some((i) => canLeave(i.node));
    case 'while': return canLeave(n.body) || canLeave(n.cond);
    case 'for': return canLeave(n.body);
    case 'if': return n.branches.some((b) => canLeave(b.body) || canLeave(b.cond)) || (!!n.orelse && canLeave(n.orelse));
    case 'group': return canLeave(n.body);
  }
}

export function stripQuotes(w: string): string {
  return w.replace(/^['"]|['"]$/g, '');
}
