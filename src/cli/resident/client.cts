// The client of a home's resident kubesim process (server.ts), started by bin/kubesim when the
// resident's socket is there and the command's output goes to no terminal: it sends the command line, its directory,
// its environment (and standard input, when the command line names it) and prints what the command printed, exiting
// with its status. Kept tiny and dependency-free: it runs instead of kubesim's own start. Whatever the resident cannot
// run (it answers `local`), or a resident that is gone, is run here by kubesim itself.
import fs from 'node:fs';
import net from 'node:net';
import { readsStdin } from './stdinargs.cjs';

const [sock, root, ...argv] = process.argv.slice(2);
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A path the resident would open as its own (its standard input is not ours). */
const ownFd = (a: string) => /\/dev\/(stdin|stdout|stderr|fd\/|tty)|\/proc\/self\//.test(a);

/** Run the command with kubesim itself (the resident is not there, or handed it back). */
function runHere(stdin?: string): void {
  // (loaded only here: most commands never need it, and every command pays for what the client loads)
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(`${root}/bin/kubesim`, argv, {
    stdio: [stdin === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    env: { ...process.env, KUBESIM_RESIDENT_BYPASS: '1' },
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  for (const sig of SIGNALS) process.on(sig, () => child.kill(sig));
  child.on('error', (e) => { process.stderr.write(`error: cannot start ${root}/bin/kubesim: ${e.message}\n`); process.exit(1); });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const sig of SIGNALS) process.removeAllListeners(sig);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

/** Write all of `text` to fd, as a process writing to a pipe would (a closed pipe ends us as SIGPIPE does). */
function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length) {
    try {
      buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e: any) {
      if (e.code === 'EAGAIN') continue;
      if (e.code === 'EPIPE') process.exit(141);
      throw e;
    }
  }
}

if (argv.some(ownFd)) runHere();
else {
  const stdin = readsStdin(argv) ? fs.readFileSync(0, 'utf8') : undefined;
  const c = net.connect(sock);
  let started = 0;
  let text = '';
  let answered = false;
  // a signal ends the command as it would end kubesim: the resident running it is ended with it (before its save, the
  // state stays as it was); one not started yet just never runs it
  for (const sig of SIGNALS) {
    process.on(sig, () => {
      if (started) try { process.kill(started, sig); } catch { /* gone already */ }
      for (const s of SIGNALS) process.removeAllListeners(s);
      process.kill(process.pid, sig);
    });
  }
  c.on('connect', () => {
    c.write(JSON.stringify({ argv, cwd: process.cwd(), env: process.env, stdin, root }) + '\n');
  });
  c.setEncoding('utf8');
  c.on('data', (d: string) => {
    text += d;
    let nl;
    while ((nl = text.indexOf('\n')) >= 0) {
      const msg = JSON.parse(text.slice(0, nl));
      text = text.slice(nl + 1);
      if (msg.p) started = msg.p;
      else if (msg.local) { answered = true; c.destroy(); runHere(stdin); return; }
      else if (msg.out) {
        answered = true;
        for (const [fd, s] of msg.out) writeAll(fd, s);
        process.exit(msg.code);
      }
    }
  });
  /** The connection ended without an answer: before the command started it is run here, after it cannot be. */
  const unanswered = () => {
    if (answered) return;
    answered = true;
    if (!started) return runHere(stdin);
    process.stderr.write("error: kubesim's resident process ended while running the command\n");
    process.exit(1);
  };
  c.on('error', (e: NodeJS.ErrnoException) => {
    // a socket left by a resident that is gone: removed, so the next commands start straight away
    if (e.code === 'ECONNREFUSED' && !answered) try { fs.rmSync(sock, { force: true }); } catch { /* not ours to remove */ }
    unanswered();
  });
  c.on('close', unanswered);
}
