// A small POSIX-sh parser for what people type into `kubectl exec ... -- sh -c '...'`: words with
// single/double quotes and backslashes, $VAR / ${VAR} / $? expansion, command substitution ($(...)
// and `...`, also inside double quotes), assignments, redirections (> >> < 2> 2>&1), pipelines and
// the ; && || lists. No control flow (if/for/while), no globbing, no field splitting.

/** A piece of a word: literal text (single-quoted or escaped), text to expand, or a command to substitute. */
export interface WordPart { text: string; quote: 'none' | 'single' | 'double'; subst?: boolean }
export type Word = WordPart[];

export interface Redirect { fd: number; op: '>' | '>>' | '<' | '>&'; target: Word }
export interface SimpleCommand { assigns: [string, Word][]; words: Word[]; redirects: Redirect[] }
export type Pipeline = SimpleCommand[];
export interface AndOr { first: Pipeline; rest: ['&&' | '||', Pipeline][] }
export type Script = AndOr[];

export class ShellSyntaxError extends Error {}

type Tok = { kind: 'word'; word: Word } | { kind: 'op'; op: string };

const OPS = ['&&', '||', '>>', '2>&1', '1>&2', '>&2', '2>>', '2>', ';', '|', '>', '<', '&', '\n'];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const op = OPS.find((o) => src.startsWith(o, i) && (!/^[12]/.test(o) || (i === 0 || /\s/.test(src[i - 1]))));
    if (op) { toks.push({ kind: 'op', op }); i += op.length; continue; }
    // a word: runs until an unquoted blank or operator
    const word: Word = [];
    let buf = '';
    const flush = (quote: WordPart['quote']) => { if (buf || quote !== 'none') word.push({ text: buf, quote }); buf = ''; };
    /** $(...) or `...` at i (inside `quote`): the command's text as a part; the index after it */
    const substitution = (quote: WordPart['quote']): boolean => {
      if (src.startsWith('$(', i) && !src.startsWith('$((', i)) {
        const end = closingParen(src, i + 2);
        if (quote === 'none') flush('none');
        else { word.push({ text: buf, quote }); buf = ''; }
        word.push({ text: src.slice(i + 2, end), quote, subst: true });
        i = end + 1;
        return true;
      }
      if (src[i] === '`') {
        const end = src.indexOf('`', i + 1);
        if (end < 0) throw new ShellSyntaxError('Unterminated quoted string');
        if (quote === 'none') flush('none');
        else { word.push({ text: buf, quote }); buf = ''; }
        word.push({ text: src.slice(i + 1, end), quote, subst: true });
        i = end + 1;
        return true;
      }
      return false;
    };
    while (i < src.length) {
      const d = src[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === ';' || d === '|' || d === '&' || d === '>' || d === '<') break;
      // an escaped character is literal (\$HOME stays $HOME)
      if (d === '\\') { flush('none'); word.push({ text: src[i + 1] ?? '', quote: 'single' }); i += 2; continue; }
      if (substitution('none')) continue;
      if (d === "'") {
        flush('none');
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('Unterminated quoted string');
        buf = src.slice(i + 1, end);
        flush('single');
        i = end + 1;
        continue;
      }
      if (d === '"') {
        flush('none');
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\\' && '"\\$`'.includes(src[i + 1] ?? '')) { word.push({ text: buf, quote: 'double' }, { text: src[i + 1], quote: 'single' }); buf = ''; i += 2; continue; }
          if (substitution('double')) continue;
          buf += src[i++];
        }
        if (i >= src.length) throw new ShellSyntaxError('Unterminated quoted string');
        i++;
        flush('double');
        continue;
      }
      buf += d;
      i++;
    }
    flush('none');
    if (word.length) toks.push({ kind: 'word', word });
  }
  return toks;
}

/** The index of the `)` closing a `$(` whose text starts at `from` (quotes and nested parentheses skipped). */
function closingParen(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { const e = src.indexOf("'", i + 1); if (e < 0) break; i = e; continue; }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ShellSyntaxError('Unterminated quoted string');
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=/;

export function parseScript(src: string): Script {
  const toks = tokenize(src);
  let pos = 0;
  const peekOp = () => (toks[pos]?.kind === 'op' ? (toks[pos] as any).op as string : undefined);
  const unexpected = () => new ShellSyntaxError(`syntax error: unexpected "${peekOp() === '\n' ? 'newline' : peekOp() ?? 'end of file'}"`);

  function simple(): SimpleCommand {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = toks[pos];
      if (!t) break;
      if (t.kind === 'word') {
        const first = t.word[0];
        const m = cmd.words.length === 0 && first.quote === 'none' ? ASSIGN.exec(first.text) : null;
        if (m) cmd.assigns.push([m[1], [{ text: first.text.slice(m[0].length), quote: 'none' }, ...t.word.slice(1)]]);
        else cmd.words.push(t.word);
        pos++;
        continue;
      }
      const op = t.op;
      if (op === '>' || op === '>>' || op === '<' || op === '2>' || op === '2>>') {
        pos++;
        const target = toks[pos];
        if (!target || target.kind !== 'word') throw unexpected();
        pos++;
        const fd = op.startsWith('2') ? 2 : op === '<' ? 0 : 1;
        cmd.redirects.push({ fd, op: op.endsWith('>>') ? '>>' : op === '<' ? '<' : '>', target: target.word });
        continue;
      }
      if (op === '2>&1') { pos++; cmd.redirects.push({ fd: 2, op: '>&', target: [{ text: '1', quote: 'none' }] }); continue; }
      if (op === '>&2' || op === '1>&2') { pos++; cmd.redirects.push({ fd: 1, op: '>&', target: [{ text: '2', quote: 'none' }] }); continue; }
      break;
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) throw unexpected();
    return cmd;
  }

  function pipeline(): Pipeline {
    const p = [simple()];
    while (peekOp() === '|') { pos++; p.push(simple()); }
    return p;
  }

  const script: Script = [];
  while (pos < toks.length) {
    if (peekOp() === ';' || peekOp() === '\n' || peekOp() === '&') {
      if (peekOp() !== '\n' && !script.length) throw unexpected();
      pos++;
      continue;
    }
    const ao: AndOr = { first: pipeline(), rest: [] };
    for (let op = peekOp(); op === '&&' || op === '||'; op = peekOp()) {
      pos++;
      while (peekOp() === '\n') pos++;
      ao.rest.push([op, pipeline()]);
    }
    script.push(ao);
  }
  return script;
}

/**
 * $VAR, ${VAR}, $? in unquoted and double-quoted parts; a command substitution is replaced by what
 * `run` prints (its trailing newlines removed).
 */
export async function expandWord(w: Word, lookup: (name: string) => string | undefined, run?: (script: string) => Promise<string>): Promise<string> {
  let out = '';
  for (const p of w) {
    if (p.quote === 'single') { out += p.text; continue; }
    if (p.subst) { out += run ? (await run(p.text)).replace(/\n+$/, '') : ''; continue; }
    out += p.text.replace(/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)|\?|\$)/g, (_m, _a, braced, bare) => {
      const name = braced ?? bare ?? _a;
      return lookup(name) ?? '';
    });
  }
  return out;
}
