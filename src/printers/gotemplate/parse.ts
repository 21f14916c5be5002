// text/template/parse (Go 1.23): the parse tree and its String forms, which Go
// prints in execution errors ("executing \"output\" at <.data.a.b>: ...").
import { I, Lexer, type Item } from './lex.js';
import { goQuote, sprintf } from './fmt.js';
import { GV, T } from './value.js';

export class ParseError extends Error {}

export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode;

abstract class Base {
  constructor(public pos: number, public tree: Tree) {}
  abstract str(): string;
}

export class ListNode extends Base {
  readonly type = 'list';
  nodes: Node[] = [];
  str(): string {
    return this.nodes.map((n) => n.str()).join('');
  }
}
export class TextNode extends Base {
  readonly type = 'text';
  constructor(pos: number, tree: Tree, public text: string) {
    super(pos, tree);
  }
  str(): string {
    return this.text;
  }
}
export class ActionNode extends Base {
  readonly type = 'action';
  constructor(pos: number, tree: Tree, public line: number, public pipe: PipeNode) {
    super(pos, tree);
  }
  str(): string {
    return `{{${this.pipe.str()}}}`;
  }
}
export class PipeNode extends Base {
  readonly type = 'pipe';
  isAssign = false;
  decl: VariableNode[] = [];
  cmds: CommandNode[] = [];
  constructor(pos: number, tree: Tree, public line: number) {
    super(pos, tree);
  }
  str(): string {
    let s = '';
    if (this.decl.length > 0) s += this.decl.map((d) => d.str()).join(', ') + (this.isAssign ? ' = ' : ' := ');
    return s + this.cmds.map((c) => c.str()).join(' | ');
  }
}
export class CommandNode extends Base {
  readonly type = 'command';
  args: Node[] = [];
  str(): string {
    return this.args.map((a) => (a.type === 'pipe' ? `(${a.str()})` : a.str())).join(' ');
  }
}
export class IdentifierNode extends Base {
  readonly type = 'identifier';
  constructor(pos: number, tree: Tree, public ident: string) {
    super(pos, tree);
  }
  str(): string {
    return this.ident;
  }
}
export class VariableNode extends Base {
  readonly type = 'variable';
  ident: string[];
  constructor(pos: number, tree: Tree, name: string) {
    super(pos, tree);
    this.ident = name.split('.');
  }
  str(): string {
    return this.ident.join('.');
  }
}
export class DotNode extends Base {
  readonly type = 'dot';
  str(): string {
    return '.';
  }
}
export class NilNode extends Base {
  readonly type = 'nil';
  str(): string {
    return 'nil';
  }
}
export class FieldNode extends Base {
  readonly type = 'field';
  ident: string[];
  constructor(pos: number, tree: Tree, name: string) {
    super(pos, tree);
    this.ident = name.slice(1).split('.');
  }
  str(): string {
    return this.ident.map((i) => '.' + i).join('');
  }
}
export class ChainNode extends Base {
  readonly type = 'chain';
  field: string[] = [];
  constructor(pos: number, tree: Tree, public node: Node) {
    super(pos, tree);
  }
  add(field: string): void {
    if (field.length === 0 || field[0] !== '.') throw new Error('no dot in field');
    field = field.slice(1);
    if (field === '') throw new Error('empty field');
    this.field.push(field);
  }
  str(): string {
    const head = this.node.type === 'pipe' ? `(${this.node.str()})` : this.node.str();
    return head + this.field.map((f) => '.' + f).join('');
  }
}
export class BoolNode extends Base {
  readonly type = 'bool';
  constructor(pos: number, tree: Tree, public value: boolean) {
    super(pos, tree);
  }
  str(): string {
    return this.value ? 'true' : 'false';
  }
}
export class NumberNode extends Base {
  readonly type = 'number';
  isInt = false;
  isUint = false;
  isFloat = false;
  isComplex = false;
  int64 = 0;
  uint64 = 0;
  float64 = 0;
  constructor(pos: number, tree: Tree, public text: string) {
    super(pos, tree);
  }
  str(): string {
    return this.text;
  }
}
export class StringNode extends Base {
  readonly type = 'string';
  constructor(pos: number, tree: Tree, public quoted: string, public text: string) {
    super(pos, tree);
  }
  str(): string {
    return this.quoted;
  }
}
export class EndNode extends Base {
  readonly type = 'end';
  str(): string {
    return '{{end}}';
  }
}
export class ElseNode extends Base {
  readonly type = 'else';
  constructor(pos: number, tree: Tree, public line: number) {
    super(pos, tree);
  }
  str(): string {
    return '{{else}}';
  }
}
export class BranchNode extends Base {
  readonly type = 'branch';
  constructor(pos: number, tree: Tree, public kind: 'if' | 'range' | 'with', public line: number, public pipe: PipeNode, public list: ListNode, public elseList: ListNode | null) {
    super(pos, tree);
  }
  str(): string {
    let s = `{{${this.kind} ${this.pipe.str()}}}${this.list.str()}`;
    if (this.elseList) s += '{{else}}' + this.elseList.str();
    return s + '{{end}}';
  }
}
export class TemplateNode extends Base {
  readonly type = 'template';
  constructor(pos: number, tree: Tree, public line: number, public name: string, public pipe: PipeNode | null) {
    super(pos, tree);
  }
  str(): string {
    return this.pipe ? `{{template ${goQuote(this.name)} ${this.pipe.str()}}}` : `{{template ${goQuote(this.name)}}}`;
  }
}
export class BreakNode extends Base {
  readonly type = 'break';
  str(): string {
    return '{{break}}';
  }
}
export class ContinueNode extends Base {
  readonly type = 'continue';
  str(): string {
    return '{{continue}}';
  }
}

/** item.String() as the parser quotes tokens in "unexpected X in Y". */
function itemString(i: Item): string {
  if (i.typ === I.EOF) return 'EOF';
  if (i.typ === I.Error) return i.val;
  if (i.typ > I.Keyword) return `<${i.val}>`;
  if ([...i.val].length > 10) return sprintf('%.10q...', [new GV(T.string, i.val)]);
  return goQuote(i.val);
}

export type TreeSet = Map<string, Tree>;

export class Tree {
  root: ListNode | null = null;
  text = '';
  private lex!: Lexer;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = [];
  private treeSet!: TreeSet;
  private actionLine = 0;
  private rangeDepth = 0;
  private funcs!: (name: string) => boolean;

  constructor(public name: string, public parseName = name) {}

  // ---- token buffer (three-token lookahead) ----
  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let token: Item;
    for (;;) {
      token = this.next();
      if (token.typ !== I.Space) break;
    }
    return token;
  }
  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  errorf(msg: string): never {
    this.root = null;
    throw new ParseError(`template: ${this.parseName}:${this.token[0]?.line ?? 1}: ${msg}`);
  }

  private expect(expected: I, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }
  private expectOneOf(e1: I, e2: I, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === I.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private startParse(funcs: (name: string) => boolean, lex: Lexer, treeSet: TreeSet): void {
    this.root = null;
    this.lex = lex;
    this.vars = ['$'];
    this.funcs = funcs;
    this.treeSet = treeSet;
  }

  /** Parse the template text; definitions land in treeSet. */
  parse(text: string, treeSet: TreeSet, funcs: (name: string) => boolean): void {
    this.parseName = this.name;
    const lexer = new Lexer(text);
    this.startParse(funcs, lexer, treeSet);
    this.text = text;
    this.parseTop();
    this.add();
  }

  private add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  private newList(pos: number): ListNode {
    return new ListNode(pos, this);
  }

  private parseTop(): void {
    this.root = this.newList(this.peek().pos);
    while (this.peek().typ !== I.EOF) {
      if (this.peek().typ === I.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === I.Define) {
          const newT = new Tree('definition', this.parseName);
          newT.text = this.text;
          newT.startParse(this.funcs, this.lex, this.treeSet);
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${n.str()}`);
      else this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(I.String, I.RawString, context);
    this.name = this.unquote(name.val);
    this.expect(I.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${end.str()} in ${context}`);
    this.add();
  }

  private itemList(): [ListNode, Node] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== I.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Text:
        return new TextNode(token.pos, this, token.val);
      case I.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Block:
        return this.blockControl();
      case I.Break:
        return this.breakControl(token.pos);
      case I.Continue:
        return this.continueControl(token.pos);
      case I.Else:
        return this.elseControl();
      case I.End:
        return this.endControl();
      case I.If:
        return this.parseControl('if');
      case I.Range:
        return this.parseControl('range');
      case I.Template:
        return this.templateControl();
      case I.With:
        return this.parseControl('with');
    }
    this.backup();
    const t = this.peek();
    return new ActionNode(t.pos, this, t.line, this.pipeline('command', I.RightDelim));
  }

  private breakControl(pos: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== I.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(pos, this);
  }

  private continueControl(pos: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== I.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(pos, this);
  }

  private pipeline(context: string, end: I): PipeNode {
    const token = this.peekNonSpace();
    const pipe = new PipeNode(token.pos, this, token.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === I.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === I.Assign || next.typ === I.Declare) {
          pipe.isAssign = next.typ === I.Assign;
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, this, v.val));
          this.vars.push(v.val);
        } else if (next.typ === I.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, this, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === I.Variable || p === I.RightDelim || p === I.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === I.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case I.Bool:
        case I.CharConstant:
        case I.Complex:
        case I.Dot:
        case I.Field:
        case I.Identifier:
        case I.Number:
        case I.Nil:
        case I.RawString:
        case I.String:
        case I.Variable:
        case I.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, I.RightDelim);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().typ === I.If) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.parseControl('if'));
        } else if (context === 'with' && this.peek().typ === I.With) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.parseControl('with'));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${next.str()}`);
        }
      }
      return new BranchNode(pipe.pos, this, context, pipe.line, pipe, list, elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private endControl(): Node {
    return new EndNode(this.expect(I.RightDelim, 'end').pos, this);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === I.If || peek.typ === I.With) return new ElseNode(peek.pos, this, peek.line);
    const token = this.expect(I.RightDelim, 'else');
    return new ElseNode(token.pos, this, token.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, I.RightDelim);
    const block = new Tree(name, this.parseName);
    block.text = this.text;
    block.startParse(this.funcs, this.lex, this.treeSet);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${end.str()} in ${context}`);
    block.add();
    return new TemplateNode(token.pos, this, token.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== I.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, I.RightDelim);
    }
    return new TemplateNode(token.pos, this, token.line, name, pipe);
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === I.String || token.typ === I.RawString) return this.unquote(token.val);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.peekNonSpace().pos, this);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === I.Space) continue;
      if (token.typ === I.RightDelim || token.typ === I.RightParen) this.backup();
      else if (token.typ !== I.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === I.Field) {
      const chain = new ChainNode(this.peek().pos, this, node);
      while (this.peek().typ === I.Field) chain.add(this.next().val);
      switch (node.type) {
        case 'field':
          node = new FieldNode(chain.pos, this, chain.str());
          break;
        case 'variable':
          node = new VariableNode(chain.pos, this, chain.str());
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(node.str())}`);
        // eslint-disable-next-line no-fallthrough
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Identifier:
        if (!this.funcs(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return new IdentifierNode(token.pos, this, token.val);
      case I.Dot:
        return new DotNode(token.pos, this);
      case I.Nil:
        return new NilNode(token.pos, this);
      case I.Variable:
        return this.useVar(token.pos, token.val);
      case I.Field:
        return new FieldNode(token.pos, this, token.val);
      case I.Bool:
        return new BoolNode(token.pos, this, token.val === 'true');
      case I.CharConstant:
      case I.Complex:
      case I.Number:
        return this.newNumber(token.pos, token.val, token.typ);
      case I.LeftParen:
        return this.pipeline('parenthesized pipeline', I.RightParen);
      case I.String:
      case I.RawString:
        return new StringNode(token.pos, this, token.val, this.unquote(token.val));
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): Node {
    const v = new VariableNode(pos, this, name);
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
  }

  private unquote(s: string): string {
    const r = unquote(s);
    if (r === undefined) this.errorf('invalid syntax');
    return r;
  }

  private newNumber(pos: number, text: string, typ: I): NumberNode {
    const n = new NumberNode(pos, this, text);
    if (typ === I.CharConstant) {
      const r = unquoteChar(text.slice(1), "'");
      if (!r) this.errorf('invalid syntax');
      if (r.tail !== "'") this.errorf(`malformed character constant: ${text}`);
      n.int64 = n.uint64 = n.float64 = r.value;
      n.isInt = n.isUint = n.isFloat = true;
      return n;
    }
    if (typ === I.Complex || text.endsWith('i')) {
      // kubesim: complex constants parse but cannot be printed
      n.isComplex = true;
      return n;
    }
    const u = parseGoInt(text, false);
    if (u !== undefined) {
      n.isUint = true;
      n.uint64 = Number(u);
    }
    const i = parseGoInt(text, true);
    if (i !== undefined) {
      n.isInt = true;
      n.int64 = Number(i);
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = Number(u ?? 0n);
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = n.int64;
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = n.uint64;
    } else {
      const f = parseGoFloat(text);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
          n.isInt = true;
          n.int64 = f;
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = f;
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return n;
  }
}

export function isEmptyTree(n: Node | null): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

// ---- strconv helpers ----

function validUnderscores(body: string): boolean {
  return !/^_|_$|__/.test(body);
}

/** strconv.ParseInt/ParseUint(s, 0, 64) */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let neg = false;
  let body = s;
  if (signed && (body[0] === '+' || body[0] === '-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  if (body === '') return undefined;
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
    prefixed = true;
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
    prefixed = true;
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
    prefixed = true;
  } else if (body.length > 1 && body[0] === '0') {
    base = 8;
    body = body.slice(1);
    prefixed = true;
  }
  if (body.includes('_')) {
    if (!validUnderscores(prefixed && base !== 8 ? '0' + body : body)) return undefined;
    body = body.replace(/_/g, '');
  }
  if (body === '') return undefined;
  const digits = '0123456789abcdef'.slice(0, base);
  let v = 0n;
  for (const c of body.toLowerCase()) {
    const d = digits.indexOf(c);
    if (d < 0) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  if (neg) v = -v;
  if (signed ? v < -(2n ** 63n) || v >= 2n ** 63n : v >= 2n ** 64n) return undefined;
  return v;
}

function parseGoFloat(s: string): number | undefined {
  let t = s;
  if (t.includes('_')) t = t.replace(/_/g, '');
  if (/^[+-]?0[xX]/.test(t)) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const f = Number(t);
  return Number.isFinite(f) ? f : undefined;
}

const SIMPLE_ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** strconv.UnquoteChar: one (possibly escaped) character and the rest. */
function unquoteChar(s: string, quote: string): { value: number; tail: string } | undefined {
  if (s === '') return undefined;
  const c = s[0];
  if (c === quote && (quote === "'" || quote === '"')) return undefined;
  if (c !== '\\') {
    const cp = s.codePointAt(0)!;
    return { value: cp, tail: s.slice(String.fromCodePoint(cp).length) };
  }
  if (s.length <= 1) return undefined;
  const e = s[1];
  let rest = s.slice(2);
  if (e in SIMPLE_ESC) return { value: SIMPLE_ESC[e].charCodeAt(0), tail: rest };
  if (e === "'" || e === '"') {
    if (e !== quote) return undefined;
    return { value: e.charCodeAt(0), tail: rest };
  }
  let n = 0;
  if (e === 'x') n = 2;
  else if (e === 'u') n = 4;
  else if (e === 'U') n = 8;
  if (n > 0) {
    const hex = rest.slice(0, n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = parseInt(hex, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) return undefined;
    return { value: v, tail: rest.slice(n) };
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    rest = s.slice(4);
    return { value: v, tail: rest };
  }
  return undefined;
}

/** strconv.Unquote for "..." and `...` literals. */
export function unquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (q !== '"') return undefined;
  if (body.includes('\n')) return undefined;
  let out = '';
  let rest = body;
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('latin1');
      bytes.length = 0;
    }
  };
  while (rest.length > 0) {
    const r = unquoteChar(rest, '"');
    if (!r) return undefined;
    const escapedByte = rest[0] === '\\' && (rest[1] === 'x' || (rest[1] >= '0' && rest[1] <= '7'));
    if (escapedByte && r.value >= 0x80) bytes.push(r.value);
    else {
      flush();
      out += String.fromCodePoint(r.value);
    }
    rest = r.tail;
  }
  flush();
  return out;
}
