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

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function runWatch(args: string[], opts: any): Promise<void> {
  streamStdout();

  const req = parseRequest(args, 'get');
  if (req.targets.length !== 1) throw new UserError('error: you may only specify a single resource type');
  const scope: Scope = { namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, selector: opts.selector };
  const timeout = opts.timeout === undefined ? 0 : parseGoDuration(String(opts.timeout));
  if (timeout === undefined) throw new UserError(`error: invalid argument "${opts.timeout}" for "--timeout" flag`);
  const { tableLines } = await import('../../printers/tables.js');
  const { newGetTabWriter } = await import('../../printers/tabwriter.js');
  // one tabwriter for the whole watch, flushed per change: kubectl's RememberWidths keeps columns
  // aligned with what was printed before and only lets them grow
  const w = newGetTabWriter();
  const seen = new Map<string, KObject>();
  let header = true;
  const print = (now: number, objs: KObject[]) => {
    const changed = objs.filter((o) => seen.get(o.metadata!.uid!)?.metadata!.resourceVersion !== o.metadata!.resourceVersion);
    // a DELETED event prints the object's last state once more, as kubectl's watch does
    const present = new Set(objs.map((o) => o.metadata!.uid!));
    const deleted = [...seen.values()].filter((o) => !present.has(o.metadata!.uid!));
    for (const o of deleted) seen.delete(o.metadata!.uid!);
    for (const o of changed) seen.set(o.metadata!.uid!, o);
    const rows = [...changed, ...deleted];
    if (!rows.length) return;
    const lines = tableLines(req.targets[0].info, rows, { now, wide: opts.output === 'wide', noHeaders: !header || (opts.headers === false || opts.noHeaders === true), withNamespace: !!opts.allNamespaces, showLabels: !!opts.showLabels, withKind: !!opts.showKind });
    header = false;
    for (const l of lines) w.write(l);
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
