// kubesim serve [--address 127.0.0.1] [--port 8001] [--cluster NAME] [--no-auth] [--tls] [--write-kubeconfig [FILE]]
// The Kubernetes REST API over the cluster (src/server/http), until SIGINT/SIGTERM.
import crypto from 'node:crypto';
import { UserError } from '../../api/errors.js';
import { clusterName, validClusterName } from '../../store/file.js';
import { stdio, streamStdout } from '../io.js';

function parsePort(v: string | undefined): number {
  const p = Number(v ?? 8001);
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new UserError(`error: invalid port "${v}"`);
  return p;
}

function listenAddress(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

export async function run(args: string[], opts: any): Promise<void> {
  const name = clusterName(opts.cluster);
  if (!validClusterName(name)) throw new UserError(`error: invalid cluster name "${name}"`);
  const daemon = await import('../../server/http/daemon.js');
  if (args.length === 1 && args[0] === 'stop') {
    const info = await daemon.stopServer(name);
    stdio.out(`kubesim: stopped the server of cluster "${name}" (pid ${info.pid}, ${info.url})\n`);
    return;
  }
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]`);
  const port = parsePort(opts.port);
  const address: string = opts.address ?? '127.0.0.1';
  const running = daemon.runningServer(name);
  if (running) throw new UserError(`error: a server for cluster "${name}" is already running (pid ${running.pid}, ${running.url}); stop it with 'kubesim serve stop'`);
  if (opts.background) {
    const again = ['--cluster', name, '--address', address, '--port', String(port)];
    if (opts.auth === false) again.push('--no-auth');
    if (opts.tls) again.push('--tls');
    if (opts.writeKubeconfig !== undefined) again.push('--write-kubeconfig', ...(opts.writeKubeconfig === true ? [] : [opts.writeKubeconfig]));
    const { info, log } = await daemon.startBackground(name, again);
    stdio.out(`Starting to serve on ${listenAddress(info.url)}\n`);
    stdio.err(`kubesim: serving in the background (pid ${info.pid}, log ${log}); stop it with 'kubesim serve stop'\n`);
    return;
  }
  // commander's --no-auth gives auth: false
  const token = opts.auth === false ? undefined : crypto.randomBytes(24).toString('base64url');
  const { startServer } = await import('../../server/http/server.js');
  const { writeServeInfo, removeServeInfo, writeServeKubeconfig } = await import('../../server/http/info.js');
  let srv;
  try {
    srv = await startServer({ cluster: name, address, port, token, tls: !!opts.tls });
  } catch (e: any) {
    if (e?.code === 'EADDRINUSE') throw new UserError(`error: listen tcp ${address}:${port}: bind: address already in use`);
    if (e?.code === 'EADDRNOTAVAIL') throw new UserError(`error: listen tcp ${address}:${port}: bind: cannot assign requested address`);
    throw e;
  }
  writeServeInfo(name, { pid: process.pid, url: srv.url, token, ca: srv.ca?.toString('utf8') });
  if (opts.writeKubeconfig !== undefined) {
    const file = await writeServeKubeconfig(name, srv.url, token, opts.writeKubeconfig === true ? undefined : opts.writeKubeconfig, srv.ca);
    stdio.err(`kubesim: wrote context "${name}" for ${srv.url} to ${file}\n`);
    // client-go reads a kubeconfig's credentials only for https servers
    if (token && !srv.ca) stdio.err(`kubesim: note: kubectl sends the bearer token only over https; over http use --no-auth\n`);
  }
  streamStdout();
  stdio.out(`Starting to serve on ${srv.address.includes(':') ? `[${srv.address}]` : srv.address}:${srv.port}\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      srv!.close().finally(() => {
        removeServeInfo(name, process.pid);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
