// kubectl port-forward TYPE/NAME [LOCAL:]REMOTE ...: real TCP listeners on this machine (127.0.0.1 and
// [::1] for --address localhost) whose HTTP connections reach the simulated pod: each request is one
// transaction on the cluster (realtime mode: the clock catches up), answered with the workload's own
// status, headers and body (src/sim/http). Runs until Ctrl-C, as kubectl does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio, streamStdout } from '../io.js';
import { klogLine } from '../klog.js';
import { flag as f, type FlagSpec } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

const PF_FLAGS: FlagSpec[] = [
  f('address', 'stringSlice', ['localhost']), f('pod-running-timeout', 'duration', '1m0s'),
];

/** --address localhost listens on both loopbacks; other values as given. */
function listenAddresses(addresses: string[]): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    if (a === 'localhost') out.push('127.0.0.1', '::1');
    else out.push(a);
  }
  return [...new Set(out)];
}

const shown = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** Response headers the forwarded server sent; node frames the body itself (chunked or sized). */
const HOP_BY_HOP = new Set(['transfer-encoding', 'connection', 'content-length', 'keep-alive']);

function listen(server: http.Server, host: string, port: number): Promise<number | Error> {
  return new Promise((resolve) => {
    const onError = (e: Error) => resolve(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl port-forward', flags: PF_FLAGS,
    usage: 'kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
    summary: 'Forward one or more local ports to a pod.',
  }, argvAfter([['port-forward']]), opts);
  const args = inv.p.args;
  const ns = inv.namespace;
  const { forwardTarget } = await import('../../kubectl/portforward.js');
  const target = await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const t = forwardTarget(s.cluster, ns, args[0] ?? '', args.slice(1));
    return { pod: t.pod.metadata!.name!, ns: t.pod.metadata!.namespace!, uid: t.pod.metadata!.uid!, ports: t.ports };
  });
  const { httpRequest } = await import('../../sim/http/request.js');
  const { isNetError } = await import('../../sim/http/types.js');

  const servers: http.Server[] = [];
  let done: (code: number) => void = () => {};
  const finished = new Promise<number>((r) => { done = r; });
  const stop = (code: number) => {
    for (const s of servers) { s.close(); s.closeAllConnections?.(); }
    done(code);
  };
  const onSignal = () => stop(0);
  // Ctrl-C ends the forwarding; the store's lock drops signal handlers while it writes (a signal then
  // ends the command before its save), so the handler is set again after every transaction
  const catchSignals = () => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) if (!process.listeners(sig).includes(onSignal)) process.on(sig, onSignal);
  };
  const { forwardRefused } = await import('../../sim/http/forward.js');

  streamStdout();
  const failures: string[] = [];
  let listening = 0;
  for (const pair of target.ports) {
    let port = pair.local;
    for (const host of listenAddresses(inv.arr('address'))) {
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          const r = await withCluster({ cluster: opts.cluster, write: true }, (s) => {
            const pod = s.cluster.get('pods', target.ns, target.pod);
            if (!pod || pod.metadata?.uid !== target.uid) return undefined;
            return httpRequest(s.cluster, pod, pair.remote, req.url || '/', { method: req.method });
          });
          catchSignals();
          if (!r) {
            res.socket?.destroy();
            stop(1);
            return;
          }
          if (isNetError(r)) {
            stdio.err(klogLine('E', `"Unhandled Error" err=${JSON.stringify(`an error occurred forwarding ${port} -> ${pair.remote}: ${forwardRefused(target.uid, pair.remote)}`)}`, 'portforward.go:424'));
            res.socket?.destroy();
            stop(1);
            return;
          }
          if (r.latency) await new Promise((w) => setTimeout(w, r.latency));
          const headers: [string, string][] = r.headers.filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase()));
          res.writeHead(r.status, headers.flat());
          res.end(r.body);
        });
      });
      server.on('connection', () => stdio.out(`Handling connection for ${port}\n`));
      const got = await listen(server, host, port);
      if (got instanceof Error) {
        failures.push(`unable to create listener: Error listen tcp${host.includes(':') ? '6' : '4'} ${shown(host)}:${port}: ${(got as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'bind: address already in use' : (got as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : got.message}`);
        continue;
      }
      port = got;
      servers.push(server);
      listening++;
      stdio.out(`Forwarding from ${shown(host)}:${port} -> ${pair.remote}\n`);
    }
  }
  if (!listening) {
    stdio.err(`Unable to listen on port ${target.ports[0].local}: Listeners failed to create with the following errors: [${failures.join(' ')}]\n`);
    throw new UserError(`error: unable to listen on any of the requested ports: [${target.ports.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
  }
  catchSignals();
  const code = await finished;
  if (code) throw new UserError('error: lost connection to pod');
}
