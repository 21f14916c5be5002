// Apache httpd (docker.io/library/httpd): "It works!" on port 80.
import type { HttpResponse, ServeContext, WorkloadFamily } from '../types.js';
import { byteLength, httpDate } from './headers.js';

const LATEST: Record<string, string> = { latest: '2.4.63', '2': '2.4.63', '2.4': '2.4.63', alpine: '2.4.63' };

export function httpdVersion(tag: string): string {
  const base = tag.split('-')[0];
  return LATEST[tag] ?? LATEST[base] ?? (/^\d+\.\d+\.\d+$/.test(base) ? base : LATEST.latest);
}

export const HTTPD_PAGE = '<html><body><h1>It works!</h1></body></html>\n';
const NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

function serve(req: ServeContext): HttpResponse {
  const server: [string, string] = ['Server', `Apache/${httpdVersion(req.tag)} (Unix)`];
  const date: [string, string] = ['Date', httpDate(req.now)];
  if (req.path === '/' || req.path === '/index.html') {
    return {
      status: 200,
      headers: [date, server, ['Last-Modified', httpDate(req.startedAt)], ['ETag', `"2d-${Math.floor(req.startedAt / 1000).toString(16)}"`],
        ['Accept-Ranges', 'bytes'], ['Content-Length', String(byteLength(HTTPD_PAGE))], ['Content-Type', 'text/html']],
      body: req.method === 'HEAD' ? '' : HTTPD_PAGE,
    };
  }
  return { status: 404, headers: [date, server, ['Content-Length', String(byteLength(NOT_FOUND))], ['Content-Type', 'text/html; charset=iso-8859-1']], body: NOT_FOUND };
}

export const HTTPD: WorkloadFamily = {
  repos: ['docker.io/library/httpd'],
  ports: () => [80],
  http: serve,
  version: httpdVersion,
};
