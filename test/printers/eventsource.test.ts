// Events recorded through events.k8s.io (the scheduler's) have no `source`; kubectl shows
// reportingComponent (Go's ReportingController) in From / SOURCE instead.
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatEventSource } from '../../src/printers/tables.js';

test('event source falls back to reportingComponent', () => {
  assert.equal(formatEventSource({ source: {}, reportingComponent: 'default-scheduler' }), 'default-scheduler');
  assert.equal(formatEventSource({ source: { component: 'kubelet', host: 'node-1' }, reportingComponent: 'kubelet' }), 'kubelet, node-1');
});
