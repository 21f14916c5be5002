// kubectl events (kubectl/pkg/cmd/events): list the namespace's core/v1 Events sorted by when they
// were last seen, optionally only those about one object (--for TYPE/NAME) or of some types; -w
// watches instead (the watch starts with every current event, in storage order, then streams each
// new or updated one). Manual mode fast-forwards virtual time up to --timeout (kubesim's addition, as
// for `get -w`); realtime mode follows the live loop until interrupted (or --timeout).
import { namespaceOf } from '../context.js';
import { parseObjectFormat, renderGoTemplate } from '../output.js';
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { apiVersionOf, resolveResource, type ResourceInfo } from '../../api/resources.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import { withCluster } from '../../store/session.js';
import type { Cluster } from '../../store/cluster.js';
import { stdio, streamStdout } from '../io.js';
import { sleep } from '../sleep.js';



/** decodeResourceTypeName: `--for TYPE/NAME` resolved through the RESTMapper, with kubectl's errors. */
function parseFor(s: string): { info: ResourceInfo; name: string } {
  if (!s.includes('/')) throw new UserError('error: --for must be in resource/name form');
  const seg = s.split('/');
  if (seg.length !== 2) throw new UserError('error: arguments in resource/name form may not have more than one slash');
  const [typed, name] = seg;
  const info = resolveResource(typed.toLowerCase());
  if (!info) {
    // schema.ParseGroupResource: `foo.bar` is resource foo in group bar
    const t = typed.toLowerCase();
    const dot = t.indexOf('.');
    if (dot >= 0) throw new UserError(`error: the server doesn't have a resource type "${t.slice(0, dot)}" in group "${t.slice(dot + 1)}"`);
    throw new UserError(`error: the server doesn't have a resource type "${t}"`);
  }
  return { info, name };
}


export async function run(_args: string[], opts: any): Promise<void> {
  if (opts.watch || opts.watchOnly) streamStdout();

  const namespace: string = namespaceOf(opts);
  const all = !!opts.allNamespaces;
  const forObj = opts.for !== undefined && opts.for !== '' ? parseFor(String(opts.for)) : undefined;
  const fmt = parseObjectFormat(opts);
  // sets.List(sets.New(types...)): deduplicated and sorted
  const types: string[] = [...new Set<string>((opts.types ?? []).filter((t: string) => t !== ''))].sort();
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new UserError('error: valid --types are Normal or Warning');
  }
  let timeout = 0;
  if (opts.timeout !== undefined) {
    const t = parseGoDuration(String(opts.timeout));
    if (t === undefined) throw new UserError(`error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"`);
    timeout = t;
  }
  const noHeaders = opts.headers === false || opts.noHeaders === true;

  const wanted = (e: any): boolean => {
    if (types.length && !types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase())) return false;
    if (forObj) {
      const io = e.involvedObject ?? {};
      if (io.kind !== forObj.info.kind || io.apiVersion !== apiVersionOf(forObj.info) || (io.name ?? '') !== forObj.name) return false;
    }
    return true;
  };
  const list = (c: Cluster): KObject[] => c.list('events', all ? undefined : namespace).filter(wanted);

  const P = await import('../../printers/events.js');
  const OUT = fmt.kind === 'table' ? undefined : await import('../../printers/output.js');
  const structured = (obj: any, count: number): string => {
    const o = obj;
    switch (fmt.kind) {
      case 'yaml':
        return (count > 0 ? '---\n' : '') + OUT!.toYaml(o);
      case 'json':
        return OUT!.toJson(o, false);
      case 'name':
        if (o.kind === 'EventList') return (o.items as any[]).map((e) => `event/${e.metadata?.name ?? ''}\n`).join('');
        return `event/${o.metadata?.name ?? ''}\n`;
      case 'jsonpath':
        return OUT!.printJsonPath(fmt.template, o, { allowMissingKeys: fmt.allowMissingKeys, asJson: fmt.asJson });
      case 'go-template':
        return renderGoTemplate(OUT!, fmt, o, true);
      default:
        throw new Error('not a structured format');
    }
  };

  if (!opts.watch) {
    await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
      const items = list(s.cluster);
      if (items.length === 0) {
        stdio.err(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
        return;
      }
      const sorted = P.sortEvents(items);
      if (fmt.kind === 'table') {
        stdio.out(new P.EventTablePrinter(noHeaders, all).print(sorted, s.cluster.now()));
        return;
      }
      stdio.out(structured(P.typedEventList(sorted), 0));
    });
    return;
  }

  // --watch: every event the watch delivers (ADDED or MODIFIED; DELETED ones are not printed), one
  // PrintObj + Flush each.
  const table = new P.EventTablePrinter(noHeaders, all);
  let printed = 0;
  const emit = (e: KObject, now: number) => {
    if (fmt.kind === 'table') stdio.out(table.print([e], now));
    else stdio.out(structured(P.typedEvent(e), printed));
    printed++;
  };
  const seen = new Map<string, string>();
  const remember = (e: KObject) => seen.set(`${e.metadata!.namespace}/${e.metadata!.name}`, e.metadata!.resourceVersion!);
  const manual = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const c = s.cluster;
    for (const e of list(c)) {
      remember(e);
      emit(e, c.now());
    }
    if (c.state.clock.mode !== 'manual') return false;
    // manual: follow every change the controllers make while virtual time runs to the timeout
    const pending: { e: KObject; now: number }[] = [];
    c.onChange((resource, type, obj) => {
      if (resource !== 'events' || type === 'DELETED') return;
      if (!all && obj.metadata?.namespace !== namespace) return;
      if (!wanted(obj)) return;
      pending.push({ e: JSON.parse(JSON.stringify(obj)), now: c.now() });
    });
    const flush = () => {
      while (pending.length) {
        const p = pending.shift()!;
        emit(p.e, p.now);
      }
    };
    await s.advance(c.now() + timeout, () => { flush(); return false; });
    flush();
    return true;
  });
  if (manual) return;
  // realtime: poll the live loop; changes between two polls arrive in resourceVersion order
  const started = wallNow();
  for (;;) {
    await sleep(200);
    const changed = await withCluster({ cluster: opts.cluster, write: true }, (s) => {
      const now = s.cluster.now();
      const fresh = list(s.cluster).filter((e) => seen.get(`${e.metadata!.namespace}/${e.metadata!.name}`) !== e.metadata!.resourceVersion);
      fresh.sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion));
      for (const e of fresh) remember(e);
      return { fresh, now };
    });
    for (const e of changed.fresh) emit(e, changed.now);
    if (timeout && wallNow() - started > timeout) return;
  }
}
