// WATCH (?watch=true): a stream of newline-delimited watch events (`{"type":"ADDED","object":...}`)
// as the API server's watch cache serves them. resourceVersion unset or "0": the current objects as
// ADDED first; N: the changes after N (an ERROR event with 410 Expired when they are no longer
// kept); sendInitialEvents=true ends the initial ADDED events with a bookmark annotated
// k8s.io/initial-events-end; allowWatchBookmarks adds periodic bookmarks. An object that stops (or
// starts) matching the selectors is seen as DELETED (ADDED), as the cacher does.
import type { KObject } from '../../api/types.js';
import { apiVersionOf } from '../../api/resources.js';
import type { Ctx, Target } from './request.js';
import { queryBool } from './request.js';
import { failure } from './status.js';
import { matchesFilter, parseFilter, tableOf, versioned, partialMetadata } from './list.js';
import { representation } from './negotiate.js';
import type { Change } from './watchlog.js';

const BOOKMARK_EVERY_MS = 60000;
const DEFAULT_TIMEOUT_S = 1800;

export function watch(ctx: Ctx, t: Target): void {
  const rep = representation(ctx.req.headers.accept, true);
  const q = ctx.query;
  const host = ctx.host;
  host.syncFromDisk();
  const f = parseFilter(q, t.info, t.info.namespaced ? t.namespace : undefined);
  if (t.name) {
    // a watch of one object: the selector gains metadata.name=NAME (as the apiserver's watch handler adds it)
    const byFields = f.fields;
    f.fields = (o) => o.metadata?.name === t.name && byFields(o);
  }
  const bookmarks = queryBool(q, 'allowWatchBookmarks');
  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents');
  const timeout = Number(q.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S);
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let lastRV = host.cluster.state.resourceVersion;
  const encode = (o: KObject): KObject => {
    if (rep === 'table') return tableOf(t.info, [o], host.cluster.now(), { resourceVersion: o.metadata?.resourceVersion }, q.get('includeObject'));
    if (rep === 'metadata') return partialMetadata(o);
    return o;
  };
  const write = (type: string, o: KObject) => {
    if (!res.writableEnded) res.write(JSON.stringify({ type, object: type === 'ERROR' || type === 'BOOKMARK' ? o : encode(o) }) + '\n');
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Record<string, any> = { resourceVersion: String(lastRV) };
    if (annotations) metadata.annotations = annotations;
    write('BOOKMARK', { kind: t.info.kind, apiVersion: apiVersionOf(t.info), metadata } as KObject);
  };

  const deliver = (c: Change) => {
    const now = matchesFilter(f, c.type === 'DELETED' ? undefined : versioned(t.info, c.obj));
    const was = c.type === 'ADDED' ? false : c.type === 'DELETED' ? matchesFilter(f, versioned(t.info, c.obj)) : matchesFilter(f, c.old && versioned(t.info, c.old));
    lastRV = Math.max(lastRV, c.rv);
    if (c.type === 'DELETED') { if (was) write('DELETED', versioned(t.info, c.obj)); return; }
    if (now && was) write('MODIFIED', versioned(t.info, c.obj));
    else if (now) write('ADDED', versioned(t.info, c.obj));
    else if (was) write('DELETED', versioned(t.info, c.obj));
  };

  const initial = rvParam === '' || rvParam === '0' || sendInitial === 'true';
  if (initial && sendInitial !== 'false') {
    for (const o of host.cluster.list(t.info.storage, t.info.namespaced ? t.namespace : undefined)) {
      const v = versioned(t.info, o);
      if (matchesFilter(f, v)) write('ADDED', v);
    }
    if (sendInitial === 'true' && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else if (!initial) {
    const from = Number(rvParam);
    const changes = Number.isFinite(from) ? host.log.since(t.info.storage, from) : undefined;
    if (!changes) {
      write('ERROR', failure(410, 'Expired', `too old resource version: ${rvParam} (${host.log.oldest()})`) as unknown as KObject);
      res.end();
      return;
    }
    for (const c of changes) deliver(c);
  }

  let closed = false;
  const unsubscribe = host.log.subscribe({ resource: t.info.storage, send: deliver, close: () => finish() });
  const timers: NodeJS.Timeout[] = [];
  function finish() {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const x of timers) { clearTimeout(x); clearInterval(x); }
    if (!res.writableEnded) res.end();
  }
  if (timeout > 0) timers.push(setTimeout(finish, timeout * 1000));
  if (bookmarks) timers.push(setInterval(() => bookmark(), BOOKMARK_EVERY_MS));
  ctx.req.on('close', finish);
  res.on('close', finish);
}
