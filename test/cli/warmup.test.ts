// The snapshot's warm-up (src/cli/warmup.ts) must really play the story through the controllers and
// printers, or the commands it is meant to speed up would compile their code lazily again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../src/cli/warmup.js';

test('warm-up: the docs story runs in memory to its end (rolled out, undone, re-applied), the same every time', () => {
  const out = warmUp();
  assert.equal(out, [
    'NAME                          DESIRED   CURRENT   READY   AGE',
    'nginx-deployment-579478bf45   0         0         0       40s',
    'nginx-deployment-647677fc66   0         0         0       60s',
    'nginx-deployment-77886cc475   0         0         0       20s',
    'nginx-deployment-7cdfccdcc8   3         3         3       10s',
    'nginx-deployment-8d94c585f    0         0         0       50s',
    'deployment "nginx-deployment" successfully rolled out',
    'deployment.apps/nginx-deployment ',
    'REVISION  CHANGE-CAUSE',
    '1         <none>',
    '3         <none>',
    '4         <none>',
    '5         <none>',
    '6         <none>',
    '',
    '',
  ].join('\n'));
  assert.equal(warmUp(), out);
});
