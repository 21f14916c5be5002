// The fault table (src/sim/faults.ts): which images a fault names, how an error share is spread,
// how faults print.
import test from 'node:test';
import assert from 'node:assert/strict';
import { describeFault, failsRequest, imageMatches, pullFaultError } from '../../src/sim/faults.js';

test('a fault without a tag names every tag of its repository; with one, that tag only', () => {
  assert.equal(imageMatches('nginx', 'nginx:1.27.4'), true);
  assert.equal(imageMatches('nginx', 'docker.io/library/nginx'), true);
  assert.equal(imageMatches('nginx:1.27', 'nginx:1.27.4'), false);
  assert.equal(imageMatches('nginx:1.27', 'docker.io/library/nginx:1.27'), true);
  assert.equal(imageMatches('luksa/kubia', 'luksa/kubia:v3'), true);
  assert.equal(imageMatches('luksa/kubia', 'luksa/kubia-unhealthy'), false);
  assert.equal(imageMatches('httpd', 'nginx'), false);
});

test('an error share is spread evenly over a container\'s requests', () => {
  const pick = (rate: number, n: number) => Array.from({ length: n }, (_, i) => (failsRequest(rate, i) ? 'x' : '.')).join('');
  assert.equal(pick(0.25, 8), '...x...x');
  assert.equal(pick(0.5, 6), '.x.x.x');
  assert.equal(pick(1, 3), 'xxx');
  assert.equal(pick(0.1, 20), '.........x.........x');
});

test('faults print as they are set; a failed pull names the registry', () => {
  assert.equal(describeFault({ pull: { slow: 30_000 }, crashAfter: 90_000, readiness: 'fail', latency: 150, errors: 0.125 }),
    'pull=slow=30s, crash-after=1m30s, readiness=fail, latency=150ms, errors=12.5%');
  assert.equal(pullFaultError('registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'),
    'rpc error: code = Unknown desc = failed to pull and unpack image "registry.k8s.io/pause:3.10": failed to resolve reference "registry.k8s.io/pause:3.10": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.10": dial tcp: lookup registry.k8s.io: i/o timeout');
});
