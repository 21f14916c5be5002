// text/template's executor (exec.go, Go 1.23) over the value model in value.ts.
import { GV, T, type GoType, type Val, typeName, indirect, indirectInterface, sortedEntries, toAny, zeroOf } from './value.js';
import { sprint } from './fmt.js';
import { goQuote } from './fmt.js';
import { FUNCS, BUILTIN_NAMES, FuncError, isTrue, truth, type GoFunc } from './funcs.js';
import type { Node, Tree, TreeSet, PipeNode, CommandNode, FieldNode, ChainNode, VariableNode, IdentifierNode, NumberNode, BranchNode, TemplateNode, ListNode } from './parse.js';

export class ExecError extends Error {}

class Break {}
class Continue {}
const BREAK = new Break();
const CONTINUE = new Continue();

/** The "no final argument" marker of evalCall (Go's missingVal). */
const MISSING = new GV(T.string, '<missing>');
const isMissing = (v: Val) => v === MISSING;

const MAX_EXEC_DEPTH = 100000;

export interface ExecOptions {
  /** missingkey=error (kubectl's --allow-missing-template-keys=false) */
  missingKeyError: boolean;
}

interface Variable {
  name: string;
  value: Val;
}

/** ErrorContext: "output:LINE:COL" (byte columns, 0-based) and the node's text. */
function errorContext(node: Node): { location: string; context: string } {
  const tree = node.tree;
  const text = tree.text.slice(0, node.pos);
  const nl = text.lastIndexOf('\n');
  const byteNum = nl === -1 ? Buffer.byteLength(text) : Buffer.byteLength(text.slice(nl + 1));
  const lineNum = 1 + (text.split('\n').length - 1);
  return { location: `${tree.parseName}:${lineNum}:${byteNum}`, context: node.str() };
}

class State {
  node: Node | null = null;
  vars: Variable[];
  depth = 0;
  constructor(public tmpl: Tree, public out: string[], public treeSet: TreeSet, public opts: ExecOptions, dot: Val) {
    this.vars = [{ name: '$', value: dot }];
  }

  errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const { location, context } = errorContext(this.node);
    throw new ExecError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`);
  }

  at(node: Node): void {
    this.node = node;
  }
  mark(): number {
    return this.vars.length;
  }
  pop(mark: number): void {
    this.vars.length = mark;
  }
  push(name: string, value: Val): void {
    this.vars.push({ name, value });
  }
  setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: Val): void {
    this.vars[this.vars.length - n].value = value;
  }
  varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Val, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'branch':
        if (node.kind === 'range') return this.walkRange(dot, node);
        return this.walkIfOrWith(node.kind, dot, node.pipe, node.list, node.elseList);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${node.str()}`);
    }
  }

  walkIfOrWith(kind: 'if' | 'with', dot: Val, pipe: PipeNode, list: ListNode, elseList: ListNode | null): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, pipe);
      const { truth: t, ok } = isTrue(indirectInterface(val));
      if (!ok) this.errorf(`if/with can't use ${sprint([val])}`);
      if (t) this.walk(kind === 'with' ? val : dot, list);
      else if (elseList) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: Val, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const pv = this.evalPipeline(dot, r.pipe);
      const val = pv ? indirect(pv).v : undefined;
      const mark = this.mark();
      const oneIteration = (index: GV, elem: Val) => {
        const decl = r.pipe.decl;
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      try {
        if (val && val.t.k === 'slice') {
          const elems: GV[] = val.v ?? [];
          if (elems.length > 0) {
            elems.forEach((e, i) => oneIteration(new GV(T.int, i), e));
            return;
          }
        } else if (val && val.t.k === 'map') {
          const entries = sortedEntries(val.v);
          if (entries.length > 0) {
            const keyT = val.t.key;
            for (const [k, v] of entries) oneIteration(new GV(keyT, k), v);
            return;
          }
        } else if (val && !(val.t.k === 'iface' && val.v === null)) {
          this.errorf(`range can't iterate over ${sprint([val])}`);
        }
      } catch (e) {
        if (e === BREAK) return;
        throw e;
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  walkTemplate(dot: Val, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.treeSet.get(t.name);
    if (!tmpl || !tmpl.root) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    dot = this.evalPipeline(dot, t.pipe);
    const ns = new State(tmpl, this.out, this.treeSet, this.opts, dot);
    ns.depth = this.depth + 1;
    try {
      ns.walk(dot, tmpl.root!);
    } catch (e) {
      // kubesim: JS runs out of stack long before Go's 100000 nested templates; report Go's error
      if (e instanceof RangeError) {
        this.at(t);
        this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      }
      throw e;
    }
  }

  evalPipeline(dot: Val, pipe: PipeNode | null): Val {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Val = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value && value.t.k === 'iface') value = value.v ?? undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.push(v.ident[0], value);
    }
    return value;
  }

  notAFunction(args: Node[] | null, final: Val): void {
    if ((args && args.length > 1) || !isMissing(final)) this.errorf(`can't give argument to non-function ${args![0].str()}`);
  }

  evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return new GV(T.bool, first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return new GV(T.string, first.text);
    }
    this.errorf(`can't evaluate command ${goQuote(first.str())}`);
  }

  idealConstant(c: NumberNode): Val {
    this.at(c);
    if (c.isComplex) this.errorf('kubesim: complex constants are not supported');
    if (c.isFloat && !/^0[xX]/.test(c.text) && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) return new GV(T.float64, c.float64);
    if (c.isInt) return new GV(T.int, c.int64);
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: Val, field: FieldNode, args: Node[] | null, final: Val): Val {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: Val, chain: ChainNode, args: Node[] | null, final: Val): Val {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${chain.str()}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Val, variable: VariableNode, args: Node[] | null, final: Val): Val {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  evalFieldChain(dot: Val, receiver: Val, node: Node, ident: string[], args: Node[] | null, final: Val): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  evalFunction(dot: Val, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Val): Val {
    this.at(node);
    const name = node.ident;
    const fn = FUNCS[name];
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, BUILTIN_NAMES.has(name), cmd, name, args, final);
  }

  evalField(dot: Val, fieldName: string, node: Node, args: Node[] | null, final: Val, receiver: Val): Val {
    void dot;
    if (!receiver) {
      if (this.opts.missingKeyError) this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const typ = receiver.t;
    const ind = indirect(receiver);
    if (ind.isNil) this.errorf(`nil pointer evaluating ${typeName(typ)}.${fieldName}`);
    const r = ind.v;
    const hasArgs = (args !== null && args.length > 1) || !isMissing(final);
    if (r.t.k === 'map' && r.t.key.k === 'string') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const result: GV | undefined = r.v?.get(fieldName);
      if (!result && this.opts.missingKeyError) this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      return result;
    }
    void node;
    this.errorf(`can't evaluate field ${fieldName} in type ${typeName(typ)}`);
  }

  evalCall(dot: Val, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, argNodes: Node[] | null, final: Val): Val {
    const args = argNodes ? argNodes.slice(1) : [];
    let numIn = args.length;
    if (!isMissing(final)) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (isBuiltin && fn.special) {
      let v: Val;
      for (const arg of args) {
        v = this.evalArg(dot, T.rvalue, arg);
        if (truth(v) === (fn.special === 'or')) return v;
      }
      if (!isMissing(final)) v = this.validateType(final, T.rvalue);
      return v;
    }
    const argv: Val[] = [];
    let i = 0;
    // call names its callee in errors: Go passes the first argument's text along
    const callee = isBuiltin && name === 'call' && args.length > 0 ? args[0].str() : undefined;
    for (; i < numFixed && i < args.length; i++) argv[i] = this.evalArg(dot, fn.params[i], args[i]);
    if (fn.variadic) for (; i < args.length; i++) argv[i] = this.evalArg(dot, fn.variadic, args[i]);
    if (!isMissing(final)) {
      let t: GoType = fn.variadic ? fn.variadic : fn.params[fn.params.length - 1];
      if (fn.variadic && numIn - 1 < numFixed) t = fn.params[numIn - 1];
      argv[i] = this.validateType(final, t);
    }
    // an interface{} parameter receives the dynamic value
    const params = argv.map((a, k) => {
      const pt = k < fn.params.length ? fn.params[k] : fn.variadic!;
      return pt.k === 'iface' ? toAny(a) : a;
    });
    if (callee !== undefined) params.unshift(new GV(T.string, callee));
    try {
      return fn.call(params);
    } catch (e) {
      if (e instanceof FuncError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  validateType(value: Val, typ: GoType | null): Val {
    if (!value) {
      if (!typ) return undefined;
      if (typ.k === 'rvalue') return undefined;
      if (typ.k === 'iface' || typ.k === 'map' || typ.k === 'slice') return zeroOf(typ);
      this.errorf(`invalid value; expected ${typeName(typ)}`);
    }
    if (!typ || typ.k === 'rvalue' || typ.k === 'iface') return value;
    if (value.t.k !== typ.k) {
      if (value.t.k === 'iface' && value.v !== null) {
        value = value.v as GV;
        if (value.t.k === typ.k) return value;
      }
      this.errorf(`wrong type for value; expected ${typeName(typ)}; got ${typeName(value!.t)}`);
    }
    return value;
  }

  evalArg(dot: Val, typ: GoType | null, n: Node): Val {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ && (typ.k === 'iface' || typ.k === 'map' || typ.k === 'slice')) return zeroOf(typ);
        if (typ && typ.k === 'rvalue') return undefined;
        this.errorf(`cannot assign nil to ${typ ? typeName(typ) : '<nil>'}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ?.k) {
      case 'bool':
        if (n.type === 'bool') return new GV(typ, n.value);
        this.errorf(`expected bool; found ${n.str()}`);
      // eslint-disable-next-line no-fallthrough
      case 'float64':
        if (n.type === 'number' && n.isFloat) return new GV(typ, n.float64);
        this.errorf(`expected float; found ${n.str()}`);
      // eslint-disable-next-line no-fallthrough
      case 'int':
      case 'int64':
      case 'int32':
        if (n.type === 'number' && n.isInt) return new GV(typ, n.int64);
        this.errorf(`expected integer; found ${n.str()}`);
      // eslint-disable-next-line no-fallthrough
      case 'uint8':
        if (n.type === 'number' && n.isUint) return new GV(typ, n.uint64);
        this.errorf(`expected unsigned integer; found ${n.str()}`);
      // eslint-disable-next-line no-fallthrough
      case 'iface':
      case 'rvalue':
        return this.evalEmptyInterface(dot, n);
      case 'string':
        if (n.type === 'string') return new GV(typ, n.text);
        this.errorf(`expected string; found ${n.str()}`);
    }
    this.errorf(`can't handle ${n.str()} for arg of type ${typ ? typeName(typ) : '<nil>'}`);
  }

  evalEmptyInterface(dot: Val, n: Node): Val {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return new GV(T.bool, n.value);
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldNode(dot, n, null, MISSING);
      case 'identifier':
        return this.evalFunction(dot, n, n, null, MISSING);
      case 'nil':
        this.errorf("evalEmptyInterface: nil (can't happen)");
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return new GV(T.string, n.text);
      case 'variable':
        return this.evalVariableNode(dot, n, null, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
    }
    this.errorf(`can't handle assignment of ${n.str()} to empty interface argument`);
  }

  printValue(n: Node, v: Val): void {
    this.at(n);
    this.out.push(v ? sprint([v]) : '<no value>');
  }
}

/** Execute the tree named `name` of treeSet over dot; output so far is in `out` even on error. */
export function execute(treeSet: TreeSet, name: string, dot: Val, opts: ExecOptions, out: string[]): void {
  const t = treeSet.get(name)!;
  const s = new State(t, out, treeSet, opts, dot);
  if (!t.root) s.errorf(`${goQuote(name)} is an incomplete or empty template`);
  s.walk(dot, t.root!);
}
