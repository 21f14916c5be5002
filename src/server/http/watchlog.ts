// The watch cache: the recent changes of every stored object in resourceVersion order (what the
// API server's watch cache keeps from etcd), and the open watches they are fanned out to. A watch
// that asks to start before the oldest change kept gets 410 Gone, as after an etcd compaction.
import type { KObject } from '../../api/types.js';
import type { ChangeType } from '../../store/cluster.js';

export interface Change {
  rv: number;
  /** the store bucket */
  resource: string;
  type: ChangeType;
  obj: KObject;
  old?: KObject;
}

export interface Subscriber {
  /** the bucket it watches */
  resource: string;
  send(c: Change): void;
  close(): void;
}

const CAPACITY = 10000;

export class WatchLog {
  private changes: Change[] = [];
  /** changes after this resourceVersion are all kept */
  private floor = 0;
  private subs = new Set<Subscriber>();

  reset(rv: number): void {
    this.changes = [];
    this.floor = rv;
  }

  append(resource: string, type: ChangeType, obj: KObject, old?: KObject): void {
    const rv = Number(obj.metadata?.resourceVersion ?? 0);
    const c: Change = { rv, resource, type, obj, old };
    this.changes.push(c);
    if (this.changes.length > CAPACITY) {
      const dropped = this.changes.splice(0, this.changes.length - CAPACITY);
      this.floor = dropped[dropped.length - 1].rv;
    }
    for (const s of this.subs) if (s.resource === resource) s.send(c);
  }

  /** Another process rewrote the state: the differences, as changes (every watcher sees them). */
  diff(before: Record<string, Record<string, KObject>>, after: Record<string, Record<string, KObject>>, rv: number): void {
    for (const resource of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const a = before[resource] ?? {};
      const b = after[resource] ?? {};
      for (const [k, o] of Object.entries(b)) {
        const prev = a[k];
        if (!prev) this.append(resource, 'ADDED', o);
        else if (prev.metadata?.resourceVersion !== o.metadata?.resourceVersion) this.append(resource, 'MODIFIED', o, prev);
      }
      for (const [k, o] of Object.entries(a)) {
        if (!(k in b)) this.append(resource, 'DELETED', { ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } });
      }
    }
    this.changes.sort((x, y) => x.rv - y.rv);
  }

  /**
   * What a read sees change with time alone (a lease's renewal: kubesim writes none, src/store/cluster.ts ReadView),
   * told to the open watches as it happens; not kept, as it is no stored change.
   */
  announce(resource: string, type: ChangeType, obj: KObject, old?: KObject): void {
    const c: Change = { rv: Number(obj.metadata?.resourceVersion ?? 0), resource, type, obj, old };
    for (const s of this.subs) if (s.resource === resource) s.send(c);
  }

  /** The buckets open watches follow. */
  watched(): Set<string> {
    return new Set([...this.subs].map((s) => s.resource));
  }

  /** Changes after `rv` of one bucket; undefined when some of them are no longer kept (410 Gone). */
  since(resource: string, rv: number): Change[] | undefined {
    if (rv < this.floor) return undefined;
    return this.changes.filter((c) => c.rv > rv && c.resource === resource);
  }

  oldest(): number {
    return this.floor + 1;
  }

  subscribe(s: Subscriber): () => void {
    this.subs.add(s);
    return () => this.subs.delete(s);
  }

  closeAll(): void {
    for (const s of [...this.subs]) s.close();
    this.subs.clear();
  }
}
