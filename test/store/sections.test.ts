import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeState, decodeStateFile, encodeState, holdAsText, writeStateTo } from '../../src/store/sections.js';

const onError = (e: SyntaxError) => new Error(`corrupt: ${e.message}`);

function sample(): any {
  return {
    schemaVersion: 1,
    name: 'x',
    clock: { mode: 'manual', now: 5 },
    objects: {
      namespaces: { default: { kind: 'Namespace', metadata: { name: 'default' } } },
      'we"ird\n': { 'a\\"b': { s: 'line\nbreak "quoted" \u2028 ünïcode' } },
      empty: {},
      pods: { 'default/p': { spec: { containers: [{ name: 'c' }] } } },
    },
    timers: [],
    empty: {},
    controllers: { events: { lastNanos: '0' }, kubelet: { ipam: {} } },
  };
}

test('the layout parses to exactly the value JSON.stringify gives', () => {
  for (const st of [sample(), { ...sample(), objects: {} }, { objects: { a: {} } }, { controllers: {}, objects: { a: { b: 1 } }, z: [1] }]) {
    const buf = Buffer.from(encodeState(st));
    assert.equal(JSON.stringify(JSON.parse(encodeState(st))), JSON.stringify(st));
    const back = decodeState(buf, onError);
    assert.equal(JSON.stringify(back), JSON.stringify(st));
    // and again from what was decoded (untouched sections are copied through)
    assert.equal(JSON.stringify(JSON.parse(encodeState(decodeState(buf, onError) as object))), JSON.stringify(st));
  }
});

test('sections are parsed when first read, and changes to them are written', () => {
  const st = decodeState(Buffer.from(encodeState(sample())), onError) as any;
  const d = Object.getOwnPropertyDescriptor(st.objects, 'pods')!;
  assert.ok(d.get, 'not parsed yet');
  st.objects.pods['default/p'].spec.nodeName = 'n1';
  st.objects.namespaces = { other: {} };
  delete st.objects.empty;
  st.controllers.scheduler = { unsched: {} };
  const again = JSON.parse(encodeState(st));
  assert.equal(again.objects.pods['default/p'].spec.nodeName, 'n1');
  assert.deepEqual(again.objects.namespaces, { other: {} });
  assert.deepEqual(Object.keys(again.objects), ['namespaces', 'we"ird\n', 'pods']);
  assert.deepEqual(again.controllers.scheduler, { unsched: {} });
});

test('compact JSON (older files) is parsed whole; a broken section is reported when read', () => {
  const compact = Buffer.from(JSON.stringify(sample()));
  assert.equal(JSON.stringify(decodeState(compact, onError)), JSON.stringify(sample()));
  assert.throws(() => decodeState(Buffer.from('{"schemaVersion": 1, "objects": {'), onError), SyntaxError);
  const text = encodeState(sample()).replace('"pods":{\n"default/p":{', '"pods":{\n"default/p":{{');
  const st = decodeState(Buffer.from(text), onError) as any;
  assert.equal(st.name, 'x');
  assert.throws(() => st.objects.pods['default/p'], /^Error: corrupt: /);
  // the layout of earlier versions (a bucket on one line) is read as well, the bucket as a whole
  const oneLine = encodeState(sample()).replace('"pods":{\n"default/p":{"spec":{"containers":[{"name":"c"}]}}\n}', '"pods":{"default/p":{"spec":{"containers":[{"name":"c"}]}}}');
  assert.notEqual(oneLine, encodeState(sample()));
  const old = decodeState(Buffer.from(oneLine), onError) as any;
  assert.ok(Object.getOwnPropertyDescriptor(old.objects, 'pods')!.get, 'not parsed yet');
  assert.equal(JSON.stringify(old), JSON.stringify(sample()));
  assert.throws(() => (decodeState(Buffer.from(oneLine.replace('"pods":{"default/p":{', '"pods":{"default/p":{{')), onError) as any).objects.pods, /^Error: corrupt: /);
  // a truncated file is not in the layout, so it is parsed whole and refused at once
  const whole = Buffer.from(encodeState(sample()));
  assert.throws(() => decodeState(whole.subarray(0, whole.length - 3), onError), SyntaxError);
});

test('a bucket has a line per object, each parsed when first read and written back as read until then', () => {
  const st = decodeState(Buffer.from(encodeState({ ...sample(), objects: { ...sample().objects, pods: { 'default/p': { a: 1 }, 'default/q': { b: 2 } } } })), onError) as any;
  const pods = st.objects.pods;
  assert.ok(Object.getOwnPropertyDescriptor(pods, 'default/q')!.get, 'not parsed yet');
  pods['default/r'] = { c: 3 };
  assert.equal(pods['default/p'].a, 1);
  assert.ok(Object.getOwnPropertyDescriptor(pods, 'default/q')!.get, 'still not parsed');
  const text = encodeState(st);
  assert.match(text, /\n"pods":\{\n"default\/p":\{"a":1\},\n"default\/q":\{"b":2\},\n"default\/r":\{"c":3\}\n\}/);
  assert.deepEqual(JSON.parse(text).objects.pods, { 'default/p': { a: 1 }, 'default/q': { b: 2 }, 'default/r': { c: 3 } });
});

test('from a file: sections are read when first parsed, and the file is closed once all are', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-sections-')), 'c.json');
  const big = sample();
  big.objects.configmaps = { 'default/big': { data: { x: 'x'.repeat(5 << 20) } } }; // past the read-it-whole size
  fs.writeFileSync(file, encodeState(big));
  const fd = fs.openSync(file, 'r');
  const st = decodeStateFile(fd, onError) as any;
  // the file may be replaced meanwhile (writers rename): what is read is what was opened
  fs.writeFileSync(file + '.new', '{}');
  fs.renameSync(file + '.new', file);
  assert.equal(st.objects.pods['default/p'].spec.containers[0].name, 'c');
  assert.doesNotThrow(() => fs.fstatSync(fd), 'open while sections are unread');
  assert.equal(JSON.parse(encodeState(st)).objects.configmaps['default/big'].data.x.length, 5 << 20, 'unread sections are copied from the file');
  assert.equal(JSON.stringify(st), JSON.stringify(big));
  assert.throws(() => fs.fstatSync(fd), /EBADF/);
  const compactFd = fs.openSync(file, 'r');
  assert.deepEqual(decodeStateFile(compactFd, onError), {});
  assert.throws(() => fs.fstatSync(compactFd), /EBADF/);
});

test('written through the file buffer: the same bytes as encodeState, pieces larger than the buffer and multi-byte text included', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-sections-'));
  const big = sample();
  big.objects.configmaps = {
    'default/wide': { data: { x: 'ü€😀'.repeat(200_000) } }, // 2.2 MB of UTF-8 from 0.8 M code units
    'default/long': { data: { x: 'x'.repeat(3 << 20) } },
  };
  big.controllers.big = { s: 'é'.repeat(400_000) };
  for (const st of [sample(), big]) {
    const file = path.join(dir, 'c.json');
    const fd = fs.openSync(file, 'w');
    writeStateTo(fd, st);
    fs.closeSync(fd);
    assert.ok(fs.readFileSync(file).equals(Buffer.from(encodeState(st))));
    // and the untouched entries of a decoded file, copied through
    const rfd = fs.openSync(file, 'r');
    const back = decodeStateFile(rfd, onError) as any;
    back.objects.pods['default/p'].spec.nodeName = 'n';
    const out = path.join(dir, 'd.json');
    const wfd = fs.openSync(out, 'w');
    writeStateTo(wfd, back);
    fs.closeSync(wfd);
    st.objects.pods['default/p'].spec.nodeName = 'n';
    assert.ok(fs.readFileSync(out).equals(Buffer.from(encodeState(st))));
  }
});

test('members held as their JSON text are written as the values they stand for', () => {
  const plain = { lastNanos: '7', correlators: { 'kubelet/n1': { log: { n: 2, m: { k1: [1, 'a"b', 'ü'], k2: [2.5, null] } }, spam: { n: 0, m: {} } } }, series: {}, refreshAt: undefined };
  const st = sample();
  st.controllers.events = JSON.parse(JSON.stringify(plain));
  const held = st.controllers.events;
  const c = held.correlators['kubelet/n1'];
  for (const l of [c.log, c.spam]) {
    for (const k of Object.keys(l.m)) l.m[k] = JSON.stringify(l.m[k]);
    holdAsText([held, held.correlators, c, l], l.m);
  }
  const expected = sample();
  expected.controllers.events = plain;
  assert.equal(encodeState(st), encodeState(expected));
  // also below an entry read back from the text (then written member by member)
  const back = decodeState(Buffer.from(encodeState(expected)), onError) as any;
  const ev = back.controllers.events;
  const bc = ev.correlators['kubelet/n1'];
  for (const k of Object.keys(bc.log.m)) bc.log.m[k] = JSON.stringify(bc.log.m[k]);
  holdAsText([ev, ev.correlators, bc, bc.log], bc.log.m);
  assert.equal(encodeState(back), encodeState(expected));
  // a member set to a value since (a record this command wrote) is written as its JSON
  bc.log.m.k3 = [3, 'c'];
  assert.equal(JSON.parse(encodeState(back)).controllers.events.correlators['kubelet/n1'].log.m.k3[1], 'c');
  delete bc.log.m.k3;
  assert.equal(encodeState(back), encodeState(expected));
});

test('from a big file: long keys, objects of a few kilobytes, and an object removed then stored again under its key', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-sections-')), 'c.json');
  const st = sample();
  const long = `default/${'n'.repeat(300)}`; // past the head read first
  st.objects.pods[long] = { spec: { note: 'long key' } };
  for (let i = 0; i < 600; i++) st.objects.pods[`default/p${i}`] = { spec: { pad: 'x'.repeat(6000 + i), i } }; // 3.6 MB: 4-16 KB objects
  st.objects.configmaps = { 'default/big': { data: { x: 'x'.repeat(2 << 20) } } }; // past the read-it-whole size
  const text = encodeState(st);
  fs.writeFileSync(file, text);
  const back = decodeStateFile(fs.openSync(file, 'r'), onError) as any;
  assert.equal(back.objects.pods[long].spec.note, 'long key');
  assert.equal(back.objects.pods['default/p599'].spec.i, 599);
  assert.ok(encodeState(back) === text, 'written back as read');
  // removed, then stored again under the same key: written from the new object, not from the file
  delete back.objects.pods['default/p7'];
  back.objects.pods['default/p7'] = { spec: { again: true } };
  delete st.objects.pods['default/p7'];
  st.objects.pods['default/p7'] = { spec: { again: true } };
  assert.ok(encodeState(back) === encodeState(st), 'the object stored again is written from its value');
});
