// Helpers behind the describers: generic labels, RBAC rule compaction, endpoint formatting.
import test from 'node:test';
import assert from 'node:assert/strict';
import { smartLabelFor, formatEndpointSlices, parseCSR } from '../../src/printers/describe/index.js';
import { camelcaseSplit } from '../../src/printers/describe/generic.js';
import { breakdownRule, compactRules, combineResourceGroup } from '../../src/printers/describe/rbac.js';
import { capIndexesListOrNone } from '../../src/printers/describe/batch.js';

test('smartLabelFor: camelcase words titled, common acronyms upper-cased, other fields unchanged', () => {
  const cases: [string, string][] = [
    ['apiVersion', 'API Version'],
    ['uid', 'UID'],
    ['holderIdentity', 'Holder Identity'],
    ['podCIDR', 'Pod CIDR'],
    ['hostIPs', 'Host I Ps'], // camelcase.Split gives an upper run's last letter to the lower run after it
    ['serverURL', 'Server URL'],
    ['my-field', 'My - Field'],
    ['v1beta1', 'v1beta1'],
    ['node_name', 'node_name'],
    ['$patch', '$patch'],
  ];
  for (const [field, label] of cases) assert.equal(smartLabelFor(field), label, field);
  assert.deepEqual(camelcaseSplit('HTTPServer'), ['HTTP', 'Server']);
});

test('RBAC: rules broken down per verb/resource/name, then compacted by group/resource/name', () => {
  const rules = [
    { apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['get', 'list'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
    { nonResourceURLs: ['/healthz'], verbs: ['get', 'head'] },
  ];
  assert.equal(breakdownRule(rules[0]).length, 4);
  assert.deepEqual(compactRules(rules.flatMap(breakdownRule)), [
    { nonResourceURLs: ['/healthz'], verbs: ['get'] },
    { nonResourceURLs: ['/healthz'], verbs: ['head'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['pods'], verbs: ['get', 'list'] },
  ]);
  assert.equal(combineResourceGroup(['deployments/scale'], ['apps']), 'deployments.apps/scale');
  assert.equal(combineResourceGroup(['pods/log'], ['']), 'pods/log');
  assert.equal(combineResourceGroup([], ['apps']), '');
});

test('formatEndpointSlices: ready endpoints only, three shown then "+ N more...", IPv6 bracketed', () => {
  const slice = (addrs: string[], ports: any[] = [{ name: 'http', port: 80 }], ready = true) => ({ endpoints: addrs.map((a) => ({ addresses: [a], conditions: { ready } })), ports });
  assert.equal(formatEndpointSlices([], null), '<none>');
  assert.equal(formatEndpointSlices([slice(['fd00::1'])], new Set(['http'])), '[fd00::1]:80');
  assert.equal(formatEndpointSlices([slice(['10.0.0.1'])], new Set(['metrics'])), '');
  assert.equal(formatEndpointSlices([slice(['10.0.0.1', '10.0.0.2']), slice(['10.0.0.3', '10.0.0.4', '10.0.0.5'])], new Set(['http'])), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
  assert.equal(formatEndpointSlices([slice(['10.0.0.9'], [], false), slice(['10.0.0.8'], [])], null), '10.0.0.8');
});

test('capIndexesListOrNone: cut at the first comma past the soft limit', () => {
  assert.equal(capIndexesListOrNone('', 50), '<none>');
  assert.equal(capIndexesListOrNone('1,3-5', 50), '1,3-5');
  assert.equal(capIndexesListOrNone('1,3,5,7', 3), '1,3,...');
});

test('parseCSR: a request without the PEM block is refused', () => {
  assert.throws(() => parseCSR('garbage'), /CERTIFICATE REQUEST/);
});
