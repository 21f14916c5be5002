// Files an image ships that commands and servers read: nginx's and httpd's document roots (what they
// serve until a volume or a write replaces them).
import { familyOf } from '../http/catalogue.js';
import { nginxVersion, nginxWelcomePage } from '../http/families/nginx.js';
import { HTTPD_PAGE } from '../http/families/httpd.js';

/** nginx's html/50x.html (the page its default server gives for 5xx errors), 1.21 and later. */
const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

export const NGINX_ROOT = '/usr/share/nginx/html';
export const HTTPD_ROOT = '/usr/local/apache2/htdocs';

/** path -> content of the image's own files */
export function imageFiles(image: string): [string, string][] {
  const { family, repo, tag } = familyOf(image);
  if (!family) return [];
  if (repo.endsWith('/nginx') || repo.endsWith('/nginx-unprivileged')) {
    return [[`${NGINX_ROOT}/50x.html`, NGINX_50X], [`${NGINX_ROOT}/index.html`, nginxWelcomePage(nginxVersion(tag))]];
  }
  if (repo.endsWith('/httpd')) return [[`${HTTPD_ROOT}/index.html`, HTTPD_PAGE]];
  return [];
}
