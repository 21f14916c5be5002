// pflag's typed flags: Go's strconv.ParseInt (base 0) and time.ParseDuration, and the message a bad
// value gets before anything is read or written.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { goDurationError, parseGoInt } from '../../src/cli/flagtypes.js';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

test('strconv.ParseInt(s, 0, bits) as pflag calls it', () => {
  const cases: [string, 'int' | 'int32' | 'int64', string | undefined, string | undefined][] = [
    ['3', 'int', '3', undefined],
    ['-1', 'int', '-1', undefined],
    ['+7', 'int', '7', undefined],
    ['0x10', 'int', '16', undefined],
    ['010', 'int', '8', undefined],
    ['0b101', 'int', '5', undefined],
    ['0o17', 'int', '15', undefined],
    ['1_000', 'int', '1000', undefined],
    ['0', 'int32', '0', undefined],
    ['2147483647', 'int32', '2147483647', undefined],
    ['2147483648', 'int32', undefined, 'strconv.ParseInt: parsing "2147483648": value out of range'],
    ['-2147483649', 'int32', undefined, 'strconv.ParseInt: parsing "-2147483649": value out of range'],
    ['9223372036854775807', 'int64', '9223372036854775807', undefined],
    ['9223372036854775808', 'int', undefined, 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    ['abc', 'int', undefined, 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ['1e9', 'int', undefined, 'strconv.ParseInt: parsing "1e9": invalid syntax'],
    ['', 'int', undefined, 'strconv.ParseInt: parsing "": invalid syntax'],
    ['1__0', 'int', undefined, 'strconv.ParseInt: parsing "1__0": invalid syntax'],
    ['08', 'int', undefined, 'strconv.ParseInt: parsing "08": invalid syntax'],
    ['3.5', 'int', undefined, 'strconv.ParseInt: parsing "3.5": invalid syntax'],
  ];
  for (const [s, type, value, error] of cases) assert.deepEqual(parseGoInt(s, type), value !== undefined ? { value } : { error }, s);
});

test('time.ParseDuration errors', () => {
  const cases: [string, string | undefined][] = [
    ['30s', undefined], ['1h2m3.5s', undefined], ['0', undefined], ['-5m', undefined], ['.5s', undefined], ['300ms', undefined],
    ['5', 'time: missing unit in duration "5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['abc', 'time: invalid duration "abc"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1s2', 'time: missing unit in duration "1s2"'],
  ];
  for (const [s, err] of cases) assert.equal(goDurationError(s), err, s);
});

test('a bad typed flag value is refused before anything is read or written', () => {
  const home = tempHome();
  manualCluster(home);
  assert.equal(ks(home, ['create', 'deployment', 'web', '--image=nginx']).code, 0);
  const before = fs.readFileSync(stateFile(home));
  const cases: [string[], string][] = [
    [['delete', 'deployment', 'web', '--grace-period=abc'], 'Error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl delete --help\' for usage.\n'],
    [['scale', 'deployment', 'web', '--replicas=2', '--current-replicas=abc'], 'Error: invalid argument "abc" for "--current-replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
    [['scale', 'deployment', 'web', '--replicas=9223372036854775808'], 'Error: invalid argument "9223372036854775808" for "--replicas" flag: strconv.ParseInt: parsing "9223372036854775808": value out of range\nSee \'kubectl scale --help\' for usage.\n'],
    [['scale', 'deployment', 'web', '--replicas=2147483648'], 'Error from server (BadRequest): json: cannot unmarshal number 2147483648 into Go struct field ScaleSpec.spec.replicas of type int32\n'],
    [['rollout', 'undo', 'deployment/web', '--to-revision=x'], 'Error: invalid argument "x" for "--to-revision" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl rollout undo --help\' for usage.\n'],
    [['rollout', 'status', 'deployment/web', '--timeout=5'], 'Error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kubectl rollout status --help\' for usage.\n'],
    [['wait', 'deployment/web', '--for=delete', '--timeout=abc'], 'Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n'],
    [['get', 'pods', '--chunk-size=x'], 'Error: invalid argument "x" for "--chunk-size" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = ks(home, args);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
  }
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});
