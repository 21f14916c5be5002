// nginx (docker.io/library/nginx): the default server on port 80 serves the welcome page, other paths
// 404, with the version in the Server header. The page changed in 1.21 (color-scheme style block).
import type { HttpResponse, ServeContext, WorkloadFamily } from '../types.js';
import { byteLength, httpDate } from './headers.js';

/** the newest release of each line, and what the floating tags pointed at in the v1.32 era */
const LATEST_PATCH: Record<string, string> = {
  '1.14': '1.14.2', '1.15': '1.15.12', '1.16': '1.16.1', '1.17': '1.17.10', '1.18': '1.18.0', '1.19': '1.19.10',
  '1.20': '1.20.2', '1.21': '1.21.6', '1.22': '1.22.1', '1.23': '1.23.4', '1.24': '1.24.0', '1.25': '1.25.5',
  '1.26': '1.26.3', '1.27': '1.27.4', '1.28': '1.28.0', '1.29': '1.29.0',
  latest: '1.27.4', mainline: '1.27.4', stable: '1.26.3', alpine: '1.27.4', perl: '1.27.4',
  'stable-alpine': '1.26.3', 'mainline-alpine': '1.27.4',
};

export function nginxVersion(tag: string): string {
  if (LATEST_PATCH[tag]) return LATEST_PATCH[tag];
  const base = tag.split('-')[0];
  if (/^\d+\.\d+\.\d+$/.test(base)) return base;
  if (/^1$/.test(base)) return LATEST_PATCH.mainline;
  return LATEST_PATCH[base] ?? LATEST_PATCH.latest;
}

const OLD_STYLE = `<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>`;
const NEW_STYLE = `<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>`;

export function nginxWelcomePage(version: string): string {
  const [maj, min] = version.split('.').map(Number);
  const style = maj > 1 || min >= 21 ? NEW_STYLE : OLD_STYLE;
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
${style}
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
}

/** ngx_http_special_response.c: error pages end their lines with CRLF */
function errorPage(status: string, version: string): string {
  return [
    '<html>', `<head><title>${status}</title></head>`, '<body>', `<center><h1>${status}</h1></center>`,
    `<hr><center>nginx/${version}</center>`, '</body>', '</html>', '',
  ].join('\r\n');
}

/** nginx's mime.types for what a document root usually holds */
const MIME: Record<string, string> = {
  html: 'text/html', htm: 'text/html', shtml: 'text/html', css: 'text/css', xml: 'text/xml', txt: 'text/plain',
  js: 'application/javascript', json: 'application/json', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', svg: 'image/svg+xml', ico: 'image/x-icon',
};

const ROOT = '/usr/share/nginx/html';

/** The default server: files under /usr/share/nginx/html (index.html for a directory), 403 for a directory without one, 404. */
function serve(req: ServeContext): HttpResponse {
  const version = nginxVersion(req.tag);
  const server: [string, string] = ['Server', `nginx/${version}`];
  const date: [string, string] = ['Date', httpDate(req.now)];
  const error = (status: number, text: string, extra: [string, string][] = []): HttpResponse => {
    const body = errorPage(`${status} ${text}`, version);
    return { status, headers: [server, date, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], ...extra, ['Connection', 'keep-alive']], body };
  };
  let path = (req.path || '/').split('?')[0];
  try { path = decodeURIComponent(path); } catch { /* served as given */ }
  const read = req.file ?? ((p: string) => (p === `${ROOT}/index.html` ? nginxWelcomePage(version) : p === ROOT ? 'dir' : undefined));
  const file = path.endsWith('/') ? `${ROOT}${path}index.html` : `${ROOT}${path}`;
  const body = read(file);
  if (body === 'dir') {
    // a directory asked for without its slash: nginx redirects to it
    return error(301, 'Moved Permanently', [['Location', `http://${req.hostname}${path}/`]]);
  }
  if (body === undefined && path.endsWith('/')) return read(`${ROOT}${path}`.replace(/\/$/, '')) === 'dir' ? error(403, 'Forbidden') : error(404, 'Not Found');
  if (body === undefined) return error(404, 'Not Found');
  const ext = file.slice(file.lastIndexOf('/') + 1).split('.').pop()!.toLowerCase();
  const len = byteLength(body);
  const mtime = req.startedAt;
  return {
    status: 200,
    headers: [server, date, ['Content-Type', MIME[ext] ?? 'application/octet-stream'], ['Content-Length', String(len)], ['Last-Modified', httpDate(mtime)],
      ['Connection', 'keep-alive'], ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${len.toString(16)}"`], ['Accept-Ranges', 'bytes']],
    body: req.method === 'HEAD' ? '' : body,
  };
}

export const NGINX: WorkloadFamily = {
  repos: ['docker.io/library/nginx', 'docker.io/nginxinc/nginx-unprivileged'],
  ports: (_tag) => [80],
  http: serve,
  version: nginxVersion,
};
