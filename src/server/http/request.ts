// One HTTP request as the handlers see it: the target it names, its query, its body (read once,
// capped at the API server's 3 MiB), and the answer with its warning headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceInfo } from '../../api/resources.js';
import type { ClusterHost } from './host.js';
import { httpError, type Status } from './status.js';
import type { UserInfo } from '../authorization/rbac.js';

/** the API server's maxRequestBodyBytes */
export const MAX_BODY = 3 * 1024 * 1024;

export interface Target {
  /** the resource, speaking the URL's version */
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface Ctx {
  host: ClusterHost;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  warnings: string[];
  /** the authenticated user (src/server/auth) */
  user: UserInfo;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      req.resume();
      reject(httpError(413, `Request entity too large: limit is ${MAX_BODY}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY) {
        failed = true;
        reject(httpError(413, `Request entity too large: limit is ${MAX_BODY}`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)); });
    req.on('error', (e) => { if (!failed) reject(e); });
  });
}

function warningHeader(ws: string[]): string[] {
  // RFC 7234 warn-code 299, as the API server sends them (kubectl prints `Warning: <text>`)
  return ws.map((w) => `299 - ${JSON.stringify(w)}`);
}

const NEWLINE = Buffer.from('\n');

/** The bytes sendJson writes for `body` (with its newline): kept by the list cache. */
export function jsonBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return Buffer.concat([body, NEWLINE]);
  return Buffer.from((typeof body === 'string' ? body : JSON.stringify(body)) + '\n');
}

/**
 * negotiation.isPrettyPrint: `?pretty=` when given, else a "human" client's User-Agent (curl, Wget, a
 * browser) gets indented JSON (json.MarshalIndent: two spaces, no newline at the end).
 */
export function isPrettyPrint(req: Pick<IncomingMessage, 'headers' | 'url'> | undefined): boolean {
  if (!req) return false;
  const q = req.url?.includes('pretty') ? new URL(req.url, 'http://x').searchParams.get('pretty') : null;
  if (q) return /^(1|t|T|TRUE|true|True)$/.test(q);
  const ua = req.headers['user-agent'] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

type Answer = Pick<Ctx, 'res' | 'warnings'> & { req?: Pick<IncomingMessage, 'headers' | 'url'> };

/** `body` as JSON; a string is JSON text already, a Buffer its encoded text. */
export function sendJson(ctx: Answer, code: number, body: unknown, contentType = 'application/json'): void {
  sendBytes(ctx, code, jsonBytes(body), contentType);
}

/** An answer whose bytes are ready (jsonBytes); JSON is indented for a client that reads it (isPrettyPrint). */
export function sendBytes(ctx: Answer, code: number, text: Buffer, contentType = 'application/json'): void {
  if (contentType.startsWith('application/json') && isPrettyPrint(ctx.req)) {
    try {
      text = Buffer.from(JSON.stringify(JSON.parse(text.toString('utf8')), null, 2));
    } catch {
      // not one JSON document: as it is
    }
  }
  const headers: Record<string, string | string[]> = {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(text.length),
  };
  if (ctx.warnings.length) headers.Warning = warningHeader(ctx.warnings);
  ctx.res.writeHead(code, headers);
  ctx.res.end(text);
}

export function sendStatus(ctx: Answer, s: Status): void {
  sendJson(ctx, s.code, s);
}

export function sendText(ctx: Pick<Ctx, 'res' | 'warnings'>, code: number, text: string): void {
  ctx.res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, private', 'Content-Length': String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}

/** Query flags as the API server parses them (`true`, `1`). */
export function queryBool(q: URLSearchParams, key: string): boolean {
  const v = q.get(key);
  return v === 'true' || v === '1';
}
