// kubectl wait (kubectl/pkg/cmd/wait): wait until each named or selected object meets --for
// (condition=, jsonpath=, delete, create), printing `deployment.apps/x condition met` for each as it
// does. The resource builder runs with ContinueOnError: an object's error does not stop the others,
// and the errors are reported together at the end. Manual mode fast-forwards virtual time (never
// sleeps; --timeout counts virtual time, --timeout=0 checks once); realtime mode polls the live loop.
import { namespaceOf } from '../context.js';
import { parseObjectFormat, renderGoTemplate } from '../output.js';
import { StatusError, UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { kindPrefix, qualifiedResource, type ResourceInfo } from '../../api/resources.js';
import { parseRequest, resolveType, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch, notFound, type Scope } from '../../kubectl/query.js';
import { conditionMet, parseCondition, type Condition } from '../../kubectl/wait.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import { withCluster, type Session } from '../../store/session.js';
import type { Cluster } from '../../store/cluster.js';
import { renderError } from '../errors.js';
import { stdio, streamStdout } from '../io.js';
import { sleep } from '../sleep.js';

const WEEK_MS = 168 * 3600_000;
/** wait.PollUntilContextTimeout's interval for --for=create */
const CREATE_POLL_MS = 500;
/** realtime: how often the live loop is looked at */
const REALTIME_POLL_MS = 100;


/** One visitor of the builder: a named object, or a list (label/field selector, --all). */
type Source =
  | { kind: 'named'; info: ResourceInfo; ns: string; name: string }
  | { kind: 'list'; info: ResourceInfo };


async function sources(args: string[], opts: any, namespace: string): Promise<Source[]> {
  const out: Source[] = [];
  if (opts.filename?.length) {
    const { readManifests, resourceMappingError } = await import('../../api/decode.js');
    const { resourceForKind } = await import('../../api/resources.js');
    for (const f of readManifests(opts.filename, { recursive: opts.recursive })) {
      for (const o of f.objects) {
        const info = resourceForKind(o.apiVersion ?? '', o.kind ?? '');
        if (!info) throw resourceMappingError(o, f.source);
        out.push({ kind: 'named', info, ns: o.metadata?.namespace || namespace, name: o.metadata?.name ?? '' });
      }
    }
  }
  if (args.length === 0) {
    if (out.length === 0) throw new UserError(NO_RESOURCES);
    return out;
  }
  const req = parseRequest(args, 'wait'); // kubectl's errors for malformed TYPE/NAME arguments
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const i = a.indexOf('/');
      out.push({ kind: 'named', info: resolveType(a.slice(0, i)), ns: namespace, name: a.slice(i + 1) });
    }
    return out;
  }
  const selected = opts.selector !== undefined || opts.fieldSelector !== undefined || (opts.all && args.length === 1);
  for (const t of req.targets) {
    if (t.names.length) {
      if (opts.selector !== undefined) throw new UserError('error: name cannot be provided when a selector is specified');
      for (const n of t.names) out.push({ kind: 'named', info: t.info, ns: namespace, name: n });
    } else if (selected) {
      out.push({ kind: 'list', info: t.info });
    } else {
      throw new UserError('error: resource(s) were provided, but no name was specified');
    }
  }
  return out;
}


function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}

/**
 * Where the wait runs: in manual mode one session whose virtual time the wait itself advances; in
 * realtime mode a fresh session per look at the live loop. Deadlines are on the ctx's clock.
 */
interface Ctx {
  now(): number;
  read<T>(f: (c: Cluster) => T): Promise<T>;
  /** f's first defined result, looking now and after every change up to the deadline; undefined on timeout */
  until<T>(f: (c: Cluster) => T | undefined, deadline: number): Promise<T | undefined>;
  /** as until, but looking every `interval` (a client-side poll) */
  poll<T>(f: (c: Cluster) => T | undefined, interval: number, deadline: number): Promise<T | undefined>;
}

function manualCtx(s: Session): Ctx {
  const c = s.cluster;
  return {
    now: () => c.now(),
    read: async (f) => f(c),
    async until(f, deadline) {
      let r = f(c);
      if (r !== undefined || c.now() >= deadline) return r;
      let err: unknown;
      await s.advance(deadline, () => {
        try {
          r = f(c);
        } catch (e) {
          err = e;
          return true;
        }
        return r !== undefined;
      });
      if (err) throw err;
      return r;
    },
    async poll(f, interval, deadline) {
      let t = c.now();
      for (;;) {
        const r = f(c);
        if (r !== undefined) return r;
        t += interval;
        if (t >= deadline) {
          if (deadline > c.now()) await s.advance(deadline);
          return undefined;
        }
        await s.advance(t);
      }
    },
  };
}

function realtimeCtx(cluster: string | undefined): Ctx {
  const read = <T>(f: (c: Cluster) => T) => withCluster({ cluster, write: true }, (s) => f(s.cluster));
  const loop = async <T>(f: (c: Cluster) => T | undefined, interval: number, deadline: number) => {
    for (;;) {
      const r = await read(f);
      if (r !== undefined) return r;
      const left = deadline - wallNow();
      if (left <= 0) return undefined;
      await sleep(Math.min(interval, left));
    }
  };
  return {
    now: () => wallNow(),
    read,
    until: (f, deadline) => loop(f, REALTIME_POLL_MS, deadline),
    poll: (f, interval, deadline) => loop(f, interval, deadline),
  };
}

interface Run {
  cond: Condition;
  timeout: number;
  srcs: Source[];
  scope: Scope;
  print: (info: ResourceInfo, obj: KObject) => void;
}

/** RunWait over one ctx; returns the errors to report (kubectl's ContinueOnError visitor collects them). */
async function runWait(ctx: Ctx, r: Run): Promise<unknown[]> {
  const errors: unknown[] = [];
  const start = ctx.now();
  const deadline = start + r.timeout;
  const get = (c: Cluster, info: ResourceInfo, ns: string, name: string) => c.get(info.storage, info.namespaced ? ns : undefined, name);
  const timedOut = (info: ResourceInfo, name: string) => new UserError(`error: timed out waiting for the condition on ${info.resource}/${name}`);
  const notMet = (info: ResourceInfo, name: string) => new UserError(`error: condition not met for ${info.resource}/${name}`);

  /** The builder's visit: named objects fetched as they come (Latest), lists as they come; errors collected. */
  const visit = async (fn: (info: ResourceInfo, obj: KObject) => Promise<void>, visitErrors: unknown[], ignoreNotFound: boolean) => {
    let count = 0;
    for (const src of r.srcs) {
      let items: KObject[];
      if (src.kind === 'named') {
        const found = await ctx.read((c) => {
          const o = get(c, src.info, src.ns, src.name);
          if (o) return clone(o);
          if (src.info.namespaced && src.ns !== 'default' && !c.get('namespaces', undefined, src.ns)) {
            return new StatusError(404, 'NotFound', `namespaces "${src.ns}" not found`);
          }
          return notFound(src.info, src.name);
        });
        if (found instanceof StatusError) {
          if (!ignoreNotFound) visitErrors.push(found);
          continue;
        }
        items = [found];
      } else {
        items = await ctx.read((c) => fetch(c, { targets: [{ info: src.info, names: [] }], multi: false, single: false }, r.scope).found[0].objects.map(clone));
      }
      for (const obj of items) {
        count++;
        try {
          await fn(src.info, obj);
        } catch (e) {
          visitErrors.push(e);
        }
      }
    }
    return count;
  };

  const cond = r.cond;
  if (cond.kind === 'create') {
    // poll the whole request until everything it names exists
    let pollError: unknown;
    const found = await ctx.poll((c) => {
      let any = false;
      const errs: unknown[] = [];
      for (const src of r.srcs) {
        if (src.kind === 'named') {
          if (get(c, src.info, src.ns, src.name)) any = true;
          else errs.push(notFound(src.info, src.name));
        } else if (fetch(c, { targets: [{ info: src.info, names: [] }], multi: false, single: false }, r.scope).found[0].objects.length) {
          any = true;
        }
      }
      if (errs.length > 1) {
        pollError = errs;
        return true;
      }
      if (errs.length === 1) return undefined;
      return any ? true : undefined;
    }, CREATE_POLL_MS, r.timeout === 0 ? ctx.now() : deadline);
    if (pollError) return pollError as unknown[];
    if (!found) return [new UserError('error: timed out waiting for the condition')];
    const count = await visit(async (info, obj) => r.print(info, obj), errors, false);
    if (count === 0 && errors.length === 0) errors.push(new UserError('error: no matching resources found'));
    return errors;
  }

  const count = await visit(async (info, obj) => {
    const name = obj.metadata!.name!;
    const ns = obj.metadata!.namespace ?? '';
    if (cond.kind === 'delete') {
      const gotten = await ctx.read((c) => {
        const o = get(c, info, ns, name);
        return o ? clone(o) : undefined;
      });
      if (!gotten) {
        r.print(info, obj);
        return;
      }
      if (r.timeout === 0) throw notMet(info, name);
      if (ctx.now() >= deadline) throw timedOut(info, name);
      const gone = await ctx.until((c) => (get(c, info, ns, name) ? undefined : true), deadline);
      if (!gone) throw timedOut(info, name);
      r.print(info, gotten);
      return;
    }
    // condition= / jsonpath=
    if (r.timeout === 0) {
      const o = await ctx.read((c) => {
        const x = get(c, info, ns, name);
        return x ? clone(x) : undefined;
      });
      if (!o) throw notFound(info, name);
      if (!conditionMet(cond, o)) throw notMet(info, name);
      r.print(info, o);
      return;
    }
    if (ctx.now() >= deadline) throw timedOut(info, name);
    const exists = await ctx.read((c) => !!get(c, info, ns, name));
    if (!exists) throw new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`);
    const met = await ctx.until((c) => {
      const o = get(c, info, ns, name);
      return o && conditionMet(cond, o) ? clone(o) : undefined;
    }, deadline);
    if (!met) throw timedOut(info, name);
    r.print(info, met);
  }, errors, cond.kind === 'delete');
  if (errors.length === 0 && count === 0 && cond.kind !== 'delete') errors.push(new UserError('error: no matching resources found'));
  return errors;
}

/** CheckErr: one error as itself; several as MultipleErrors (one line each, no `error: ` added). */
function report(errors: unknown[]): void {
  if (errors.length === 0) return;
  if (errors.length === 1) {
    const r = renderError(errors[0]);
    stdio.err(r.text);
    process.exitCode = r.code;
    return;
  }
  let text = '';
  for (const e of errors) {
    if (e instanceof StatusError) text += renderError(e).text;
    else text += String((e as Error).message).replace(/^error: /, '') + '\n';
  }
  stdio.err(text);
  process.exitCode = 1;
}

export async function run(args: string[], opts: any): Promise<void> {
  streamStdout();

  // pflag parses --timeout before the command runs
  let timeout = 30_000;
  if (opts.timeout !== undefined) {
    const t = parseGoDuration(String(opts.timeout));
    if (t === undefined) {
      throw new UserError(`Error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"\nSee 'kubectl wait --help' for usage.`);
    }
    timeout = t < 0 ? WEEK_MS : t;
  }
  const parsed = parseObjectFormat(opts);
  const fmt = parsed.kind === 'table' ? { kind: 'met' as const } : parsed;
  const cond = parseCondition(opts.for ?? '');
  const namespace: string = namespaceOf(opts);
  const srcs = await sources(args, opts, namespace);
  const scope: Scope = { namespace, allNamespaces: !!opts.allNamespaces, selector: opts.selector || undefined, fieldSelector: opts.fieldSelector || undefined };

  const out = fmt.kind === 'met' || fmt.kind === 'name' ? undefined : await import('../../printers/output.js');
  let printed = 0;
  const print = (info: ResourceInfo, obj: KObject) => {
    const name = `${kindPrefix(info)}/${obj.metadata?.name ?? ''}`;
    let text: string;
    if (fmt.kind === 'met') text = `${name} condition met\n`;
    else if (fmt.kind === 'name') text = `${name}\n`;
    else if (fmt.kind === 'yaml') text = (printed > 0 ? '---\n' : '') + out!.toYaml(obj);
    else if (fmt.kind === 'json') text = out!.toJson(obj);
    else if (fmt.kind === 'jsonpath') text = out!.printJsonPath(fmt.template, obj, { allowMissingKeys: fmt.allowMissingKeys, asJson: fmt.asJson });
    else if (fmt.kind === 'go-template') text = renderGoTemplate(out!, fmt, obj);
    else throw new Error('unknown format');
    printed++;
    stdio.out(text);
  };
  const r: Run = { cond, timeout, srcs, scope, print };

  // Errors that end the wait must not discard the virtual time it consumed: the session saves first.
  const errors = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    if (s.cluster.state.clock.mode !== 'manual') return undefined;
    return runWait(manualCtx(s), r);
  });
  report(errors ?? (await runWait(realtimeCtx(opts.cluster), r)));
}
