import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript, expandWord, type Word } from '../../src/sim/shell/parse.js';
import { serviceEnv } from '../../src/sim/shell/env.js';
import { lookupFQDN } from '../../src/sim/shell/dns.js';
import { newCluster } from '../controllers/helpers.js';

/** each list's pipelines, words expanded; a command substitution becomes <its script> */
async function words(src: string, vars: Record<string, string> = {}): Promise<string[][]> {
  const expand = (w: Word) => expandWord(w, (n) => vars[n], async (script) => `<${script}>\n\n`);
  const out: string[][] = [];
  for (const ao of parseScript(src)) {
    const lists: string[] = [];
    for (const pl of [ao.first, ...ao.rest.map((r) => r[1])]) {
      const cmds: string[] = [];
      for (const c of pl) cmds.push((await Promise.all(c.words.map(expand))).join(' '));
      lists.push(cmds.join(' | '));
    }
    out.push(lists);
  }
  return out;
}

test('sh -c parsing: quotes, expansion, command substitution, lists, pipes, redirections', async () => {
  assert.deepEqual(await words(`echo 'a  b' "c $X" \${X}d\\ e; cat /f | head -1 && false || echo no`, { X: 'x' }), [['echo a  b c x xd e'], ['cat /f | head -1', 'false', 'echo no']]);
  // $(...) and `...` unquoted and in double quotes (their output's trailing newlines dropped); escaped $ is literal
  assert.deepEqual(await words(`curl -H "Authorization: Bearer $(cat /var/run/token)" x/$(echo "a)b" | tr a b)/\`id\` \\$X "\\$X" '$X'`, { X: 'x' }),
    [['curl -H Authorization: Bearer <cat /var/run/token> x/<echo "a)b" | tr a b>/<id> $X $X $X']]);
  assert.deepEqual(await words('TOKEN=$(cat /t) env'), [['env']]);
  const [ao] = parseScript('echo hi > /data/f 2>&1');
  assert.deepEqual(ao.first[0].redirects.map((r) => `${r.fd}${r.op}`), ['1>', '2>&']);
  const [toErr] = parseScript('echo err >&2; echo a1>&2');
  assert.deepEqual(toErr.first[0].redirects.map((r) => `${r.fd}${r.op}${r.target[0].text}`), ['1>&2']);
  const [as] = parseScript('A=1 B="two" C=$(x y) env');
  assert.deepEqual(await Promise.all(as.first[0].assigns.map(async ([k, w]) => `${k}=${await expandWord(w, () => undefined, async (s) => `[${s}]`)}`)), ['A=1', 'B=two', 'C=[x y]']);
  assert.throws(() => parseScript('echo $(open'), /Unterminated quoted string/);
  assert.throws(() => parseScript("echo 'open"), /Unterminated quoted string/);
  assert.throws(() => parseScript('| x'), /syntax error: unexpected "\|"/);
});

test('service links: the variables of a Service, as the kubelet names them', () => {
  const svc = { metadata: { name: 'my-svc', namespace: 'default' }, spec: { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] } };
  assert.deepEqual(serviceEnv(svc as any).map(([k, v]) => `${k}=${v}`), [
    'MY_SVC_SERVICE_PORT=80', 'MY_SVC_SERVICE_PORT_HTTP=80', 'MY_SVC_SERVICE_PORT_METRICS=9090', 'MY_SVC_PORT=tcp://10.96.0.20:80',
    'MY_SVC_PORT_80_TCP=tcp://10.96.0.20:80', 'MY_SVC_PORT_80_TCP_PROTO=tcp', 'MY_SVC_PORT_80_TCP_PORT=80', 'MY_SVC_PORT_80_TCP_ADDR=10.96.0.20',
    'MY_SVC_PORT_9090_TCP=tcp://10.96.0.20:9090', 'MY_SVC_PORT_9090_TCP_PROTO=tcp', 'MY_SVC_PORT_9090_TCP_PORT=9090', 'MY_SVC_PORT_9090_TCP_ADDR=10.96.0.20',
    'MY_SVC_SERVICE_HOST=10.96.0.20',
  ]);
  assert.deepEqual(serviceEnv({ metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } } as any), []);
});

test('cluster DNS: Services, ExternalName, pod A records', () => {
  const { cluster } = newCluster();
  cluster.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.30', ports: [{ port: 80 }] } });
  cluster.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
  assert.deepEqual(lookupFQDN(cluster, 'web.default.svc.cluster.local')?.ips, ['10.96.0.30']);
  assert.equal(lookupFQDN(cluster, 'ext.default.svc.cluster.local')?.cname, 'example.com');
  assert.deepEqual(lookupFQDN(cluster, '10-244-0-7.default.pod.cluster.local')?.ips, ['10.244.0.7']);
  assert.equal(lookupFQDN(cluster, 'nope.default.svc.cluster.local'), undefined);
});
