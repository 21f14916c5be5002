// nslookup (busybox), wget (busybox), curl, redis-cli: a pod's clients of the simulated network.
import type { Command, Proc } from '../types.js';
import { serviceAccountToken } from '../fs.js';
import { CLUSTER_DNS } from '../clusterdns.js';
import { resolve } from '../dns.js';
import { fetchFromPod, parseUrl, type FetchResult, type Url } from '../net.js';
import { isNetError, type HttpResponse } from '../../http/types.js';
import { tcpRequest } from '../../http/request.js';
import { whoIs } from '../dns.js';
import { pickBackend, serviceBackends } from '../../http/proxy.js';

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** busybox nslookup: the server, then the name and its addresses (or NXDOMAIN). */
function nslookup(p: Proc): number {
  const name = p.args.find((a) => !a.startsWith('-'));
  if (!name) { p.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n'); return 1; }
  p.out(`Server:\t\t${CLUSTER_DNS}\nAddress:\t${CLUSTER_DNS}:53\n\n`);
  const a = resolve(p.c.cluster, p.c.pod, name);
  const ns = p.c.pod.metadata!.namespace;
  if (!a) {
    const fq = name.includes('.') ? name : `${name}.${ns}.svc.cluster.local`;
    p.out(`** server can't find ${fq}: NXDOMAIN\n\n`);
    return 1;
  }
  if (a.cname) {
    p.out(`${a.fqdn}\tcanonical name = ${a.cname}\n\n`);
    return 0;
  }
  for (const ip of a.ips) p.out(`Name:\t${a.fqdn}\nAddress: ${ip}\n\n`);
  return 0;
}

function hostOf(raw: string): string {
  return parseUrl(raw)?.host ?? raw;
}

/** busybox wget: -q, -O FILE|-O -, -T SEC, -S, --spider, --header STR, -U AGENT. */
function wget(p: Proc): number | Promise<number> {
  let quiet = false;
  let out: string | undefined;
  let spider = false;
  let headers = false;
  // -T SEC: busybox's alarm (default 900 s, longer than the kernel's connect timeout)
  let timeout: number | undefined;
  // busybox's User-Agent (the API server pretty-prints JSON for it)
  const sent: Record<string, string> = { 'user-agent': 'Wget' };
  let url: string | undefined;
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '-q') quiet = true;
    else if (a === '-O') out = p.args[++i];
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a === '-qO-' || a === '-qO') { quiet = true; out = a === '-qO-' ? '-' : p.args[++i]; }
    else if (a === '-T' || a === '--timeout') timeout = Number(p.args[++i]);
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice('--timeout='.length));
    else if (a === '--spider') spider = true;
    else if (a === '-S') headers = true;
    else if (a === '--header') {
      const h = p.args[++i] ?? '';
      const c = h.indexOf(':');
      if (c > 0) sent[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (a === '-U' || a === '--user-agent') sent['user-agent'] = p.args[++i] ?? '';
    else if (/^-[qS]+O-?$/.test(a)) { quiet = true; out = a.endsWith('-') ? '-' : p.args[++i]; }
    else if (!a.startsWith('-')) url = a;
  }
  if (!url) { p.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n'); return 1; }
  const u = parseUrl(url);
  if (!u) { p.err(`wget: bad address '${url}'\n`); return 1; }
  if (u.scheme === 'https') { p.err(`wget: note: TLS certificate validation not implemented\n`); }
  const answer = fetchFromPod(p.c.cluster, p.c.pod, u, { insecure: true, replay: p.c.replay, manager: p.c.manager, headers: sent });
  const done = (r: FetchResult & { ip?: string }) => {
    // a dropped connection outlasts -T: the alarm fires first ("download timed out") after that long
    if (timeout !== undefined && timeout > 0 && timeout < 130 && (r as any).error === 'timeout') {
      const ip = (r as any).ip ?? u.host;
      if (!quiet) p.err(`Connecting to ${u.host}${u.port !== (u.scheme === 'https' ? 443 : 80) ? `:${u.port}` : ''} (${ip}:${u.port})\n`);
      return p.c.sleep(timeout * 1000).then(() => { p.err('wget: download timed out\n'); return 1; });
    }
    return wgetAnswer(p, u, r, { quiet, out, spider, headers });
  };
  return answer instanceof Promise ? answer.then(done) : done(answer);
}

function wgetAnswer(p: Proc, u: Url, r: FetchResult & { ip?: string }, o: { quiet: boolean; out?: string; spider: boolean; headers: boolean }): number {
  const { quiet, out, spider, headers } = o;
  const ip = (r as any).ip ?? u.host;
  if ('error' in r && (r.error as string) === 'resolve') { p.err(`wget: bad address '${u.host}'\n`); return 1; }
  if (!quiet) p.err(`Connecting to ${u.host}${u.port !== (u.scheme === 'https' ? 443 : 80) ? `:${u.port}` : ''} (${ip}:${u.port})\n`);
  if (isNetError(r as any)) {
    const e = (r as any).error;
    p.err(e === 'refused' ? `wget: can't connect to remote host (${ip}): Connection refused\n` : `wget: can't connect to remote host (${ip}): Connection timed out\n`);
    return 1;
  }
  const res = r as HttpResponse;
  if (headers) p.err(`  HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n${res.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
  if (res.status >= 400) { p.err(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`); return 1; }
  if (spider) { if (!quiet) p.err('remote file exists\n'); return 0; }
  const file = out ?? (u.path.split('?')[0].split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet) p.err('writing to stdout\n');
    p.out(res.body);
    if (!quiet) p.err(`-                    100% |********************************|   ${Buffer.byteLength(res.body)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  const e = p.c.fs.write(file, res.body, false);
  if (e) { p.err(`wget: can't open '${file}': ${e === 'EROFS' ? 'Read-only file system' : 'No such file or directory'}\n`); return 1; }
  if (!quiet) p.err(`saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************|   ${Buffer.byteLength(res.body)}  0:00:00 ETA\n'${file}' saved\n`);
  return 0;
}

/** curl's User-Agent (the API server pretty-prints JSON for it) */
const CURL_AGENT = 'curl/8.11.1';

interface CurlOptions {
  silent: boolean; showErr: boolean; include: boolean; head: boolean; fail: boolean; out?: string;
  /** -m / --connect-timeout: seconds (the smaller) */
  timeout?: number;
}

/**
 * curl: -s, -S, -k, -i, -I, -f, -o FILE, -X METHOD, -H HEADER, -A AGENT, -d/--data[-raw|-binary] (@FILE),
 * --cacert FILE (else $CURL_CA_BUNDLE), -m/--max-time, -w is ignored.
 */
function curl(p: Proc): number | Promise<number> {
  const o: CurlOptions = { silent: false, showErr: false, include: false, head: false, fail: false };
  let insecure = false;
  let method: string | undefined;
  let cacert: string | undefined;
  let body: string | undefined;
  const headers: Record<string, string> = { 'user-agent': CURL_AGENT, accept: '*/*' };
  let url: string | undefined;
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '-H' || a === '--header') {
      const h = p.args[++i] ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (a === '-X' || a === '--request') method = p.args[++i] ?? 'GET';
    else if (a === '-A' || a === '--user-agent') headers['user-agent'] = p.args[++i] ?? '';
    else if (a === '-d' || a === '--data' || a === '--data-binary' || a === '--data-raw') {
      let d = p.args[++i] ?? '';
      if (d.startsWith('@') && a !== '--data-raw') {
        const f = d.slice(1) === '-' ? p.stdin : p.c.fs.read(d.slice(1));
        if (f === 'ENOENT' || f === 'EISDIR' || f === 'EROFS' || f === 'ENOTDIR') { p.err(`Warning: Couldn't read data from file "${d.slice(1)}", this makes an empty\nWarning: POST.\n`); d = ''; } else d = a === '--data-binary' ? f : f.replace(/[\r\n]/g, '');
      }
      body = body === undefined ? d : `${body}&${d}`;
    } else if (a === '-o' || a === '--output') o.out = p.args[++i];
    else if (a === '--cacert') cacert = p.args[++i];
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') {
      const t = Number(p.args[++i]);
      if (t > 0) o.timeout = Math.min(o.timeout ?? Infinity, t);
    } else if (a === '-w' || a === '--write-out') i++;
    else if (a === '-k' || a === '--insecure') insecure = true;
    else if (a === '--silent') o.silent = true;
    else if (a === '--show-error') o.showErr = true;
    else if (a === '--include') o.include = true;
    else if (a === '--head') o.head = true;
    else if (a === '--fail') o.fail = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') o.silent = true;
        else if (f === 'S') o.showErr = true;
        else if (f === 'i') o.include = true;
        else if (f === 'I') o.head = true;
        else if (f === 'k') insecure = true;
        else if (f === 'f') o.fail = true;
      }
    } else if (!a.startsWith('-')) url = a;
  }
  o.showErr = !o.silent || o.showErr;
  if (!url) { p.err("curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
  const u = parseUrl(url);
  if (!u) { p.err(`curl: (3) URL using bad/illegal format or missing URL\n`); return 3; }
  // the CA bundle: --cacert, else $CURL_CA_BUNDLE, else the image's own bundle (which knows no cluster CA)
  let ca: string | undefined;
  const caFile = cacert ?? p.c.env.get('CURL_CA_BUNDLE');
  if (u.scheme === 'https' && !insecure && caFile !== undefined) {
    const text = p.c.fs.read(caFile);
    if (text === 'ENOENT' || text === 'EISDIR' || text === 'EROFS' || text === 'ENOTDIR') {
      if (o.showErr) p.err(`curl: (77) error setting certificate file: ${caFile}\n`);
      return 77;
    }
    ca = text;
  }
  if (body !== undefined) {
    method ??= 'POST';
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const answer = fetchFromPod(p.c.cluster, p.c.pod, u, { method: o.head ? 'HEAD' : method ?? 'GET', headers, body, insecure, ca, replay: p.c.replay, manager: p.c.manager });
  const done = (r: FetchResult & { ip?: string }) => {
    // a dropped connection: the timeout ends the connect phase (multi_handle_timeout) after that long
    if (o.timeout !== undefined && o.timeout < 130 && (r as any).error === 'timeout') {
      const ms = Math.round(o.timeout * 1000);
      return p.c.sleep(ms).then(() => {
        if (o.showErr) p.err(`curl: (28) Connection timed out after ${ms + 1} milliseconds\n`);
        return 28;
      });
    }
    return curlAnswer(p, u, r, o);
  };
  return answer instanceof Promise ? answer.then(done) : done(answer);
}

function curlAnswer(p: Proc, u: Url, r: FetchResult & { ip?: string }, o: CurlOptions): number {
  if ('error' in r) {
    const e = r.error as string;
    if (e === 'resolve') { if (o.showErr) p.err(`curl: (6) Could not resolve host: ${u.host}\n`); return 6; }
    if (e === 'tls') {
      if (o.showErr) p.err('curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.\n');
      return 60;
    }
    if (e === 'refused') { if (o.showErr) p.err(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n`); return 7; }
    if (o.showErr) p.err(`curl: (28) Failed to connect to ${u.host} port ${u.port} after 135000 ms: Couldn't connect to server\n`);
    return 28;
  }
  const res = r as HttpResponse;
  if (o.fail && res.status >= 400) { if (o.showErr) p.err(`curl: (22) The requested URL returned error: ${res.status}\n`); return 22; }
  let text = '';
  if (o.include || o.head) text += `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\r\n${res.headers.map(([k, v]) => `${k.toLowerCase()}: ${v}\r\n`).join('')}\r\n`;
  if (!o.head) text += res.body;
  if (o.out && o.out !== '-') {
    const e = p.c.fs.write(o.out, text, false);
    if (e) { if (o.showErr) p.err(`curl: (23) Failure writing output to destination\n`); return 23; }
    return 0;
  }
  p.out(text);
  return 0;
}

/** redis-cli [-h HOST] [-p PORT] COMMAND...: RESP answers printed as redis-cli does. */
function redisCli(p: Proc): number {
  let host = '127.0.0.1';
  let port = 6379;
  const words: string[] = [];
  for (let i = 0; i < p.args.length; i++) {
    if (p.args[i] === '-h') host = p.args[++i];
    else if (p.args[i] === '-p') port = Number(p.args[++i]);
    else words.push(p.args[i]);
  }
  let pod = p.c.pod;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    const a = resolve(p.c.cluster, p.c.pod, host);
    const t = a?.ips[0] ? whoIs(p.c.cluster, a.ips[0]) : {};
    if (t.service) {
      const sp = (t.service.spec?.ports || []).find((x: any) => x.port === port);
      const backends = sp ? serviceBackends(p.c.cluster, t.service, sp) : [];
      const b = !sp ? undefined : p.c.replay !== undefined ? backends[p.c.replay % Math.max(1, backends.length)] : pickBackend(p.c.cluster, t.service, sp, backends);
      if (b?.pod) { pod = b.pod; port = b.port; } else pod = undefined as any;
    } else pod = t.pod as any;
  }
  const reply = pod ? tcpRequest(p.c.cluster, pod, port, words.join(' ') || 'PING') : undefined;
  if (reply === undefined) { p.err(`Could not connect to Redis at ${host}:${port}: Connection refused\n`); return 1; }
  if (reply.startsWith('+')) p.out(reply.slice(1).replace(/\r\n$/, '') + '\n');
  else if (reply.startsWith('$')) p.out(reply.split('\r\n')[1] + '\n');
  else if (reply.startsWith('-')) p.out(`(error) ${reply.slice(1).replace(/\r\n$/, '')}\n`);
  else p.out(reply);
  return 0;
}

export const NET: Record<string, Command> = { nslookup, wget, curl, 'redis-cli': redisCli };

export { serviceAccountToken, hostOf };
