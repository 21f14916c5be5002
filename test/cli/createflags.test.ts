// pflag's parsing as the generator commands use it (the recorded kubectl cases cover the rest).
import test from 'node:test';
import assert from 'node:assert/strict';
import { RawError } from '../../src/api/errors.js';
import { createFlags, flag as f, parseFlags, parseGoDuration, parseGoInt } from '../../src/cli/commands/createflags.js';

const SPECS = [...createFlags(), f('image', 'stringSlice', []), f('replicas', 'int32', 1, { short: 'r' }), f('env', 'stringArray', []), f('stdin', 'bool', false, { short: 'i' }), f('tty', 'bool', false, { short: 't' })];
const parse = (...argv: string[]) => parseFlags(argv, SPECS, 'kubectl create deployment');
const error = (...argv: string[]) => {
  try { parse(...argv); } catch (e) { assert.ok(e instanceof RawError); return e.message; }
  return assert.fail('no error');
};

test('shorthands: -r 2, -r2, -r=2, grouped booleans', () => {
  for (const argv of [['-r', '2'], ['-r2'], ['-r=2']]) assert.equal(parse(...argv).values.get('replicas'), 2);
  const p = parse('-it');
  assert.equal(p.values.get('stdin'), true);
  assert.equal(p.values.get('tty'), true);
  assert.equal(parse('-o=yaml').values.get('output'), 'yaml');
});

test('NoOptDefVal flags never take the next argument; `--` ends the flags', () => {
  const p = parse('web', '--dry-run', 'client');
  assert.equal(p.values.get('dry-run'), 'unchanged');
  assert.deepEqual(p.args, ['web', 'client']);
  const q = parse('web', '--image=busybox', '--', 'sleep', '-r', '3600');
  assert.deepEqual(q.args, ['web', 'sleep', '-r', '3600']);
  assert.equal(q.argsLenAtDash, 1);
  assert.equal(parse('web').argsLenAtDash, -1);
});

test('slices split as CSV and accumulate; arrays keep each value whole', () => {
  assert.deepEqual(parse('--image=a,b', '--image', 'c').values.get('image'), ['a', 'b', 'c']);
  assert.deepEqual(parse('--image="x,y",z').values.get('image'), ['x,y', 'z']);
  assert.deepEqual(parse('--env=A=1,B=2', '--env=C=3').values.get('env'), ['A=1,B=2', 'C=3']);
  assert.equal(error('--image="x'), `Error: invalid argument "\\"x" for "--image" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field\nSee 'kubectl create deployment --help' for usage.\n`);
});

test("pflag's errors", () => {
  const see = "\nSee 'kubectl create deployment --help' for usage.\n";
  assert.equal(error('--foo=bar'), `Error: unknown flag: --foo${see}`);
  assert.equal(error('-x'), `Error: unknown shorthand flag: 'x' in -x${see}`);
  assert.equal(error('-ix'), `Error: unknown shorthand flag: 'x' in -ix${see}`);
  assert.equal(error('--image'), `Error: flag needs an argument: --image${see}`);
  assert.equal(error('-r'), `Error: flag needs an argument: 'r' in -r${see}`);
  assert.equal(error('-r', 'x'), `Error: invalid argument "x" for "-r, --replicas" flag: strconv.ParseInt: parsing "x": invalid syntax${see}`);
  assert.equal(error('--stdin=maybe'), `Error: invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax${see}`);
});

test('strconv.ParseInt(s, 0, bits) and time.ParseDuration', () => {
  assert.deepEqual(parseGoInt('0x10', 32), { value: 16 });
  assert.deepEqual(parseGoInt('010', 32), { value: 8 });
  assert.deepEqual(parseGoInt('1_000', 32), { value: 1000 });
  assert.deepEqual(parseGoInt('0_10', 32), { value: 8 });
  assert.deepEqual(parseGoInt('1__0', 32), { err: 'strconv.ParseInt: parsing "1__0": invalid syntax' });
  assert.deepEqual(parseGoInt('08', 32), { err: 'strconv.ParseInt: parsing "08": invalid syntax' });
  assert.deepEqual(parseGoInt('0x1_0', 32), { value: 16 });
  assert.deepEqual(parseGoInt('2147483648', 32), { err: 'strconv.ParseInt: parsing "2147483648": value out of range' });
  assert.deepEqual(parseGoInt('-2147483648', 32), { value: -2147483648 });
  assert.deepEqual(parseGoDuration('1m30s'), { seconds: 90 });
  assert.deepEqual(parseGoDuration('1500ms'), { seconds: 1.5 });
  assert.deepEqual(parseGoDuration('10'), { err: 'time: missing unit in duration "10"' });
  assert.deepEqual(parseGoDuration('abc'), { err: 'time: invalid duration "abc"' });
});
