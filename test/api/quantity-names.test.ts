import test from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, compareQuantity, milliValue, quantityInternals } from '../../src/api/quantity.js';
import { isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isQualifiedName, isValidLabelValue, isConfigMapKey } from '../../src/api/names.js';

test('canonical quantities', () => {
  const cases: [string | number, string][] = [
    ['500m', '500m'], ['0.5', '500m'], ['1.5Gi', '1536Mi'], ['1000m', '1'], ['0.1', '100m'], ['1024Mi', '1Gi'], ['1000Mi', '1000Mi'],
    ['0', '0'], ['0.0', '0'], ['1k', '1k'], ['1000', '1k'], ['100M', '100M'], ['1e3', '1e3'], ['1.5', '1500m'], ['512', '512'],
    ['0.5Ki', '512'], ['1Ki', '1Ki'], [0.25, '250m'], [2, '2'], ['1n', '1n'], ['-1', '-1'], ['12e6', '12e6'], ['129e6', '129e6'],
  ];
  for (const [i, o] of cases) assert.equal(canonicalQuantity(i), o, String(i));
  assert.equal(compareQuantity('1', '1000m'), 0);
  assert.equal(compareQuantity('2', '1'), 1);
  assert.equal(compareQuantity('512Mi', '1Gi'), -1);
  assert.equal(milliValue('1.5'), 1500);
  assert.throws(() => canonicalQuantity('abc'), /quantities must match the regular expression/);
});

test('Quantity internals as resource.ParseQuantity leaves them (for the hash dump)', () => {
  assert.deepEqual(quantityInternals('200m'), { value: 200n, scale: -3, cache: '200m', format: 'DecimalSI' });
  assert.deepEqual(quantityInternals('512Mi'), { value: 536870912n, scale: 0, cache: '', format: 'BinarySI' });
  assert.deepEqual(quantityInternals('1Gi'), { value: 1073741824n, scale: 0, cache: '1Gi', format: 'BinarySI' });
  assert.deepEqual(quantityInternals('0'), { value: 0n, scale: 0, cache: '0', format: 'DecimalSI' });
  assert.deepEqual(quantityInternals('1000'), { value: 1000n, scale: 0, cache: '', format: 'DecimalSI' });
});

test('name rules', () => {
  assert.deepEqual(isDNS1123Subdomain('nginx-deployment'), []);
  assert.deepEqual(isDNS1123Subdomain('Nginx'), ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]);
  assert.deepEqual(isDNS1123Subdomain('a'.repeat(254)).length, 1);
  assert.deepEqual(isDNS1123Label('my.name'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('My_name'), ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".replace(',  or', ' or')]);
  assert.deepEqual(isDNS1035Label('1abc'), ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name' or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]);
  assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
  assert.deepEqual(isQualifiedName('a/b/c').length, 1);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.deepEqual(isValidLabelValue(''), []);
  assert.equal(isValidLabelValue('a b')[0], "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".replace(/,  or/g, ' or'));
  assert.deepEqual(isConfigMapKey('..x'), ["must not start with '..'"]);
});
