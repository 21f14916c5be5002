import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, rsObject, pods } from '../controllers/helpers.js';
import { httpRequest, tcpRequest, tcpConnect } from '../../src/sim/http/request.js';
import { nginxVersion, nginxWelcomePage } from '../../src/sim/http/families/nginx.js';
import { imageVersion } from '../../src/sim/http/catalogue.js';
import { isNetError, type HttpResponse } from '../../src/sim/http/types.js';

test('nginx: the welcome page of each era, its size and the Server header', () => {
  assert.equal(Buffer.byteLength(nginxWelcomePage('1.27.4')), 615);
  assert.equal(Buffer.byteLength(nginxWelcomePage('1.14.2')), 612);
  assert.deepEqual(['latest', '1.14.2', '1.19', '1.27.4-alpine-slim', 'stable', 'mainline-alpine'].map(nginxVersion), ['1.27.4', '1.14.2', '1.19.10', '1.27.4', '1.26.3', '1.27.4']);
  assert.deepEqual(['nginx', 'luksa/kubia:v2', 'luksa/kubia', 'httpd:2.4', 'busybox:1.36'].map(imageVersion), ['1.27.4', 'v2', 'v1', '2.4.63', '1.36']);
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 1, 'nginx:1.14.2'));
  at(0);
  assert.deepEqual(httpRequest(cluster, pods(cluster)[0], 80, '/'), { error: 'unreachable' });
  at(1500);
  const p = pods(cluster)[0];
  const r = httpRequest(cluster, p, 80, '/') as HttpResponse;
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers.slice(0, 5), [['Server', 'nginx/1.14.2'], ['Date', 'Sun, 22 Nov 2026 23:18:36 GMT'], ['Content-Type', 'text/html'], ['Content-Length', '612'], ['Last-Modified', 'Sun, 22 Nov 2026 23:18:36 GMT']]);
  const nf = httpRequest(cluster, p, 80, '/nope') as HttpResponse;
  assert.equal(nf.status, 404);
  assert.equal(nf.body, '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.14.2</center>\r\n</body>\r\n</html>\r\n');
  assert.deepEqual(httpRequest(cluster, p, 8080, '/'), { error: 'refused' });
  assert.equal(tcpConnect(p, 80), true);
  assert.equal(tcpConnect(p, 81), false);
});

test('kubia: v1, v2 and v4 answers; v3 fails from its fifth request; the count is per container', () => {
  const { cluster, at } = newCluster();
  for (const v of ['v1', 'v2', 'v3', 'v4']) cluster.create('replicasets', rsObject(`k${v}`, 1, `luksa/kubia:${v}`));
  at(2000);
  const byImage = (v: string) => pods(cluster).find((p) => p.spec!.containers[0].image === `luksa/kubia:${v}`)!;
  const body = (v: string) => (httpRequest(cluster, byImage(v), 8080, '/') as HttpResponse);
  const n1 = byImage('v1').metadata!.name;
  assert.equal(body('v1').body, `You've hit ${n1}\n`);
  assert.equal(body('v2').body, `This is v2 running in pod ${byImage('v2').metadata!.name}\n`);
  assert.equal(body('v4').body, `This is v4 running in pod ${byImage('v4').metadata!.name}\n`);
  const v3 = byImage('v3').metadata!.name;
  const statuses = [1, 2, 3, 4, 5, 6].map(() => body('v3'));
  assert.deepEqual(statuses.map((r) => r.status), [200, 200, 200, 200, 500, 500]);
  assert.equal(statuses[4].body, `Some internal error has occurred! This is pod ${v3}\n`);
  assert.ok(!isNetError(body('v1')));
  assert.equal(body('v1').headers.some(([k]) => k === 'Server'), false);
});

test('redis answers PING on 6379', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('cache', 1, 'redis:7'));
  at(2000);
  const p = pods(cluster)[0];
  assert.equal(tcpRequest(cluster, p, 6379, 'PING'), '+PONG\r\n');
  assert.equal(tcpRequest(cluster, p, 6380, 'PING'), undefined);
  assert.deepEqual(httpRequest(cluster, p, 6379, '/'), { error: 'timeout' });
});
