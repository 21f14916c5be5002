// kubectl get -w / --watch-only: print the table, then one row per change as the loop runs.
// Manual mode fast-forwards virtual time up to --timeout (kubesim's addition, so scripts can use it);
// realtime mode follows the live loop until interrupted (or --timeout).
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, type Scope } from '../../kubectl/query.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import { withCluster } from '../../store/session.js';
import { stdio, streamStdout } from '../io.js';
import { kindPrefix } from '../../api/resources.js';
import { goMarshal } from '../../api/gojson.js';
import { parseFormat, renderGoTemplate } from '../output.js';
import { sleep } from '../sleep.js';


/** kubectl's --request-timeout: a Go duration, or a bare integer of seconds; it ends a watch. */
function requestTimeout(v: unknown): number {
  if (v === undefined) return 0;
  const s = String(v);
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const d = parseGoDuration(s);
  if (d === undefined) throw new UserError(`error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)`);
  return d;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export async function runWatch(args: string[], opts: any): Promise<void> {
  streamStdout();

  const req = parseRequest(args, 'get');
  if (req.targets.length !== 1) throw new UserError('error: you may only specify a single resource type');
  const info = req.targets[0].info;
  const scope: Scope = { namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, selector: opts.selector, fieldSelector: opts.fieldSelector };
  const timeout = opts.timeout === undefined ? requestTimeout(opts.requestTimeout) : parseGoDuration(String(opts.timeout));
  if (timeout === undefined) throw new UserError(`error: invalid argument "${opts.timeout}" for "--timeout" flag`);
  const fmt = parseFormat(opts);
  const events = !!opts.outputWatchEvents;
  const { tableLines } = await import('../../printers/tables.js');
  const { newGetTabWriter } = await import('../../printers/tabwriter.js');
  const out = await import('../../printers/output.js');
  // one tabwriter for the whole watch, flushed per change: kubectl's RememberWidths keeps columns
  // aligned with what was printed before and only lets them grow
  const w = newGetTabWriter();
  const seen = new Map<string, KObject>();
  let header = true;
  let printed = 0;
  /** One printer for the whole watch, as kubectl's: YAML documents get `---` between them. */
  const printObject = (type: EventType, o: KObject): string => {
    const n = printed++;
    switch (fmt.kind) {
      case 'name':
        return `${kindPrefix(info)}/${o.metadata?.name}\n`;
      case 'yaml':
        // a WatchEvent wraps the object: the printer's managedFields stripping does not reach inside
        return (n ? '---\n' : '') + (events ? out.toYaml({ object: o, type }) : out.toYaml(o));
      case 'json':
        return events ? `{"type":"${type}","object":${goMarshal(o)}}\n` : out.toJson(o);
      case 'jsonpath':
        return out.printJsonPath(fmt.template, o, { allowMissingKeys: fmt.allowMissingKeys, asJson: fmt.asJson });
      case 'go-template':
        return renderGoTemplate(out, fmt, o);
      case 'custom-columns':
        return out.printCustomColumns(fmt.columns ?? fmt.spec, [o], fmt.noHeaders || n > 0);
      default:
        return '';
    }
  };
  const print = (now: number, objs: KObject[]) => {
    const rows: { type: EventType; o: KObject }[] = [];
    for (const o of objs) {
      const prev = seen.get(o.metadata!.uid!);
      if (prev?.metadata!.resourceVersion !== o.metadata!.resourceVersion) rows.push({ type: prev ? 'MODIFIED' : 'ADDED', o });
    }
    // a DELETED event prints the object's last state once more, as kubectl's watch does
    const present = new Set(objs.map((o) => o.metadata!.uid!));
    for (const o of [...seen.values()]) if (!present.has(o.metadata!.uid!)) rows.push({ type: 'DELETED', o });
    for (const r of rows) {
      if (r.type === 'DELETED') seen.delete(r.o.metadata!.uid!);
      else seen.set(r.o.metadata!.uid!, r.o);
    }
    if (!rows.length) return;
    if (fmt.kind !== 'table') {
      stdio.out(rows.map((r) => printObject(r.type, r.o)).join(''));
      return;
    }
    const noHeaders = !header || (opts.headers === false || opts.noHeaders === true);
    const lines = tableLines(info, rows.map((r) => r.o), { now, wide: opts.output === 'wide', noHeaders, withNamespace: !!opts.allNamespaces, showLabels: !!opts.showLabels, withKind: !!opts.showKind });
    header = false;
    // --output-watch-events: the event type as a first column
    const first = noHeaders ? 0 : 1;
    lines.forEach((l, i) => w.write(events ? (i < first ? 'EVENT' : rows[i - first].type).padEnd(8) + '\t' + l : l));
    stdio.out(w.flush());
  };
  const list = (s: any) => fetch(s.cluster, req, scope).found[0].objects;
  const manual = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    // a named object that does not exist ends the watch before it starts, as kubectl's initial GET
    const first = fetch(s.cluster, req, scope);
    if (first.errors.length) throw first.errors[0];
    const objs = first.found[0].objects;
    if (opts.watchOnly) for (const o of objs) seen.set(o.metadata!.uid!, o);
    else print(s.cluster.now(), objs);
    if (s.cluster.state.clock.mode !== 'manual') return false;
    const end = s.cluster.now() + (timeout || 0);
    await s.advance(end, () => { print(s.cluster.now(), list(s)); return false; });
    return true;
  });
  if (manual) return;
  const started = wallNow();
  for (;;) {
    await sleep(200);
    await withCluster({ cluster: opts.cluster, write: true }, (s) => print(s.cluster.now(), list(s)));
    if (timeout && wallNow() - started > timeout) return;
  }
}
