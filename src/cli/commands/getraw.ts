// kubectl get --raw URI: the bytes the API server answers, from the same router `kubesim serve` runs
// (started in-process on a loopback port for the one request).
import http from 'node:http';
import { StatusError, UserError } from '../../api/errors.js';
import { clusterName } from '../../store/file.js';
import { stdio } from '../io.js';

/** GetOptions.Complete and Validate for --raw. */
export function validateRaw(raw: string, args: string[], opts: any): void {
  if (args.length) throw new UserError('error: arguments may not be passed when --raw is specified');
  if (opts.watch || opts.watchOnly || opts.selector) throw new UserError('error: --raw may not be specified with other flags that filter the server request or alter the output');
  if (opts.output) throw new UserError('error: --raw and --output are mutually exclusive');
  // url.ParseRequestURI: an absolute path or an absolute URL
  if (!raw.startsWith('/') && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw)) throw new UserError(`error: --raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`);
}

function request(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { accept: 'application/json, */*' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

export async function rawGet(raw: string, opts: any): Promise<void> {
  const { startServer } = await import('../../server/http/server.js');
  const server = await startServer({ cluster: clusterName(opts.cluster), address: '127.0.0.1', port: 0 });
  let res: { status: number; body: Buffer };
  try {
    // an absolute URL keeps only its path and query (RequestURI)
    const u = raw.startsWith('/') ? raw : (() => { const p = new URL(raw); return p.pathname + p.search; })();
    res = await request(server.url + u);
  } finally {
    await server.close();
  }
  if (res.status >= 200 && res.status < 300) {
    stdio.out(res.body.toString('utf8'));
    return;
  }
  let st: any;
  try {
    st = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new StatusError(res.status, 'Unknown', `an error on the server ("${res.body.toString('utf8')}") has prevented the request from succeeding`);
  }
  throw new StatusError(res.status, st.reason ?? 'Unknown', st.message ?? '');
}
