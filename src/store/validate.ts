// The shape a state file must have before any command works on it. A file that is JSON but not a
// cluster kubesim wrote (a null clock, timers that are not a list, an object without a name, two
// objects sharing a uid ...) is reported as corrupt, with the file's name, instead of failing later
// with an internal error or a livelock. Objects are checked as their sections are parsed (lazily,
// src/store/sections.ts), so a command still parses only what it reads.
import type { EntryCheck } from './sections.js';

export class StateShapeError extends SyntaxError {}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Epoch ms kubesim can print as RFC 3339 (years 0001-9999 are Go's time.Time range that matters). */
const MAX_TIME = Date.UTC(9999, 11, 31);
const timeOk = (v: unknown) => finite(v) && v >= 0 && v <= MAX_TIME;

function fail(what: string): never {
  throw new StateShapeError(what);
}

/** The top-level fields (everything but the lazily parsed sections). */
export function checkStateHead(st: Record<string, any>): void {
  const c = st.clock;
  if (!isObj(c)) fail('"clock" is not an object');
  if (c.mode !== 'manual' && c.mode !== 'realtime') fail(`clock.mode ${JSON.stringify(c.mode)} is neither "manual" nor "realtime"`);
  if (!timeOk(c.now)) fail('clock.now is not a time');
  if (!finite(c.speed) || c.speed <= 0) fail('clock.speed is not a positive number');
  if (!finite(c.wallAnchor)) fail('clock.wallAnchor is not a number');
  const r = st.rng;
  if (!isObj(r) || !['a', 'b', 'c', 'd'].every((k) => Number.isInteger(r[k]) && r[k] >= -0x80000000 && r[k] <= 0xffffffff)) fail('"rng" is not a generator state');
  if (!Number.isSafeInteger(st.resourceVersion) || st.resourceVersion < 0) fail('"resourceVersion" is not a counter');
  if (!Array.isArray(st.timers)) fail('"timers" is not a list');
  for (const t of st.timers) {
    if (!isObj(t) || !timeOk(t.at) || typeof t.kind !== 'string' || typeof t.key !== 'string' || !finite(t.seq)) fail('"timers" holds an entry that is not a timer');
  }
  if (!finite(st.timerSeq)) fail('"timerSeq" is not a number');
  if (st.config !== undefined && !isObj(st.config)) fail('"config" is not an object');
  if (!isObj(st.objects)) fail('"objects" is not an object');
  if (st.controllers !== undefined && !isObj(st.controllers)) fail('"controllers" is not an object');
}

/**
 * A checker for the entries of `objects` (one bucket per resource) as they are parsed; `known` tells
 * whether a bucket names a resource kubesim serves. uids must be unique across the buckets read.
 */
export function objectsCheck(known: (resource: string) => boolean): EntryCheck {
  const uids = new Set<string>();
  const object = (bucket: string, k: string, o: unknown) => {
    const md = isObj(o) ? o.metadata : undefined;
    if (!isObj(md) || typeof md.name !== 'string' || md.name === '') fail(`objects.${bucket}["${k}"] has no metadata.name`);
    const want = typeof md.namespace === 'string' && md.namespace ? `${md.namespace}/${md.name}` : md.name;
    if (k !== want) fail(`objects.${bucket}["${k}"] is stored under the wrong key (its name is "${want}")`);
    if (md.uid !== undefined) {
      if (typeof md.uid !== 'string') fail(`objects.${bucket}["${k}"] has a uid that is not a string`);
      if (uids.has(md.uid)) fail(`two objects share the uid ${md.uid}`);
      uids.add(md.uid);
    }
  };
  return (section, key, value) => {
    // a bucket written a line per object has its objects checked one by one as they are parsed
    if (section.startsWith('objects/')) return object(section.slice('objects/'.length), key, value);
    if (section !== 'objects') return;
    if (!known(key)) fail(`objects holds an unknown resource "${key}"`);
    if (!isObj(value)) fail(`objects.${key} is not an object`);
    for (const [k, o] of Object.entries(value)) object(key, k, o);
  };
}
