// A SPDY/3.1 session, server side, as much of it as kubectl's port-forward uses (client-go's
// spdystream): SYN_STREAM answered with SYN_REPLY, DATA both ways with FIN half-closes, PING echoed,
// RST_STREAM and GOAWAY honoured, SETTINGS and WINDOW_UPDATE ignored (spdystream does no flow control).
// Header blocks are zlib-compressed with the protocol's dictionary, one compression context per
// direction for the whole session. The bytes come over a WebSocket (kubectl v1.32 tunnels SPDY in one)
// or an upgraded HTTP connection; the session only sees a byte stream.
import zlib from 'node:zlib';

const VERSION = 3;
const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;
const GOAWAY = 7;
const FIN = 0x01;

/** The SPDY/3 header dictionary: length-prefixed words, then the status and date text (draft 3, 2.6.10.1). */
const DICTIONARY_WORDS = ['options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin'];
const DICTIONARY_TAIL = '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const HEADER_DICTIONARY = Buffer.concat([
  ...DICTIONARY_WORDS.map((w) => { const b = Buffer.alloc(4 + w.length); b.writeUInt32BE(w.length); b.write(w, 4, 'latin1'); return b; }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

/** One zlib context used block by block (each block ends with a sync flush), in call order. */
function zlibContext(z: zlib.Inflate | zlib.Deflate): (input: Buffer) => Promise<Buffer> {
  const out: Buffer[] = [];
  let failed: Error | undefined;
  z.on('data', (c: Buffer) => out.push(c));
  z.on('error', (e) => { failed = e; });
  let queue: Promise<unknown> = Promise.resolve();
  return (input) => {
    const run = queue.then(() => new Promise<Buffer>((resolve, reject) => {
      if (failed) return reject(failed);
      z.write(input);
      z.flush(zlib.constants.Z_SYNC_FLUSH, () => (failed ? reject(failed) : resolve(Buffer.concat(out.splice(0)))));
    }));
    queue = run.catch(() => undefined);
    return run;
  };
}

function encodeHeaders(h: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  const entries = Object.entries(h);
  parts.push(u32(entries.length));
  for (const [k, v] of entries) {
    const kb = Buffer.from(k.toLowerCase());
    const vb = Buffer.from(v);
    parts.push(u32(kb.length), kb, u32(vb.length), vb);
  }
  return Buffer.concat(parts);
}

function decodeHeaders(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 4;
  const n = b.readUInt32BE(0);
  for (let k = 0; k < n; k++) {
    const nl = b.readUInt32BE(i); i += 4;
    const name = b.subarray(i, i + nl).toString('latin1'); i += nl;
    const vl = b.readUInt32BE(i); i += 4;
    // several values are NUL-separated: the first is what the port-forward headers use
    out[name.toLowerCase()] = b.subarray(i, i + vl).toString('latin1').split('\0')[0]; i += vl;
  }
  return out;
}

function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | VERSION, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(((flags & 0xff) << 24) | body.length, 4);
  return Buffer.concat([h, body]);
}

function dataFrame(stream: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(stream & 0x7fffffff, 0);
  h.writeUInt32BE(((flags & 0xff) << 24) | data.length, 4);
  return Buffer.concat([h, data]);
}

/** A stream the client opened: its headers, and our half of it. */
export interface SpdyStream {
  id: number;
  headers: Record<string, string>;
  write(data: Buffer | string): void;
  /** our FIN (half-close) */
  end(): void;
  /** what the client sends, and its FIN (or a reset) */
  onData?: (data: Buffer) => void;
  onEnd?: () => void;
}

export class SpdySession {
  private buf: Buffer = Buffer.alloc(0);
  private work: Promise<void> = Promise.resolve();
  private inflate = zlibContext(zlib.createInflate({ dictionary: HEADER_DICTIONARY }));
  private deflate = zlibContext(zlib.createDeflate({ dictionary: HEADER_DICTIONARY, level: zlib.constants.Z_BEST_COMPRESSION }));
  private streams = new Map<number, SpdyStream & { ended: boolean; remoteEnded: boolean }>();
  closed = false;

  /** `send` writes bytes to the client; `onStream` gets each stream the client opens, once replied to. */
  constructor(private send: (b: Buffer) => void, private onStream: (s: SpdyStream) => void, private onClose: () => void = () => {}) {}

  /** Bytes from the client. */
  receive(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    this.work = this.work.then(() => this.drain()).catch(() => this.close());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) if (!s.remoteEnded) { s.remoteEnded = true; s.onEnd?.(); }
    this.streams.clear();
    this.onClose();
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + len) return;
      const head = this.buf.subarray(0, 8);
      const body = this.buf.subarray(8, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      const flags = head[4];
      if (head[0] & 0x80) await this.control(head.readUInt16BE(2), flags, body);
      else this.data(head.readUInt32BE(0) & 0x7fffffff, flags, body);
    }
  }

  private async control(type: number, flags: number, body: Buffer): Promise<void> {
    if (type === SYN_STREAM) {
      const id = body.readUInt32BE(0) & 0x7fffffff;
      const headers = decodeHeaders(await this.inflate(body.subarray(10)));
      const s = {
        id, headers, ended: false, remoteEnded: false,
        write: (data: Buffer | string) => { if (!s.ended && !this.closed) this.send(dataFrame(id, 0, Buffer.from(data))); },
        end: () => {
          if (s.ended || this.closed) return;
          s.ended = true;
          this.send(dataFrame(id, FIN, Buffer.alloc(0)));
          if (s.remoteEnded) this.streams.delete(id);
        },
      } as SpdyStream & { ended: boolean; remoteEnded: boolean };
      this.streams.set(id, s);
      const block = await this.deflate(encodeHeaders({}));
      const reply = Buffer.alloc(4);
      reply.writeUInt32BE(id);
      this.send(controlFrame(SYN_REPLY, 0, Buffer.concat([reply, block])));
      this.onStream(s);
      if (flags & FIN) this.remoteEnd(s);
    } else if (type === RST_STREAM) {
      const s = this.streams.get(body.readUInt32BE(0) & 0x7fffffff);
      if (s) { s.ended = true; this.remoteEnd(s); }
    } else if (type === PING) {
      // the client's pings (odd ids) come back as they are
      this.send(controlFrame(PING, 0, body));
    } else if (type === GOAWAY) {
      this.close();
    } else if (type === 8 /* HEADERS */) {
      // its header block still moves the decompression context on
      await this.inflate(body.subarray(4));
    }
  }

  private data(id: number, flags: number, body: Buffer): void {
    const s = this.streams.get(id);
    if (!s) return;
    if (body.length) s.onData?.(body);
    if (flags & FIN) this.remoteEnd(s);
  }

  private remoteEnd(s: SpdyStream & { ended: boolean; remoteEnded: boolean }): void {
    if (s.remoteEnded) return;
    s.remoteEnded = true;
    s.onEnd?.();
    if (s.ended) this.streams.delete(s.id);
  }
}
