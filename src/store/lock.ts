// Inter-process lock around a cluster file: proper-lockfile (mkdir lock with an mtime heartbeat and
// stale-lock recovery), plus a holder file inside the lock directory (pid, the process's start time,
// its command) so that a lock left by a process that died is recovered at once, whatever moment it
// died at, instead of after the stale period; and so that a long wait names who holds the lock.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import { ensureDir, homeError } from './file.js';

const STALE_MS = 10000;
const WAIT_MS = 60000;
/** a lock directory with no readable holder file this old was left by a writer killed right after mkdir */
const NO_HOLDER_GRACE_MS = 500;
const HOLDER = 'pid';

export type Release = () => void;

function lockDir(file: string): string {
  return `${file}.lock`;
}

/** The start time of a process (jiffies since boot, /proc/PID/stat field 22): tells a reused pid apart. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Is the process there and not a zombie? */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e: any) {
    return e.code === 'EPERM';
  }
  // a zombie is dead: a killed holder whose parent has gone (the resident process, reparented) waits for its reaper
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

interface Holder { pid: number; start?: string; command: string }

function readHolder(dir: string): Holder | undefined | 'garbage' {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, HOLDER), 'utf8');
  } catch {
    return undefined;
  }
  const [first = '', ...rest] = text.split('\n');
  const [pidText, start] = first.split(' ');
  const pid = /^[1-9]\d{0,9}$/.test(pidText) ? Number(pidText) : NaN;
  if (!Number.isSafeInteger(pid)) return 'garbage';
  return { pid, start: start || undefined, command: rest.join(' ').trim() };
}

/** Is the lock's holder gone (dead, its pid reused by another process, or no holder ever written)? */
function holderGone(dir: string): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(dir).mtimeMs;
  } catch {
    return false; // no lock at all: nothing to clear
  }
  // a live holder refreshes the directory's mtime every STALE_MS / 2 (proper-lockfile's heartbeat)
  if (age > STALE_MS) return true;
  const h = readHolder(dir);
  // unreadable or not a pid: a writer killed between mkdir and writing its holder file (or a stranger's
  // file); give a live writer the moment it needs to write it
  if (!h || h === 'garbage') return age > NO_HOLDER_GRACE_MS;
  if (!pidAlive(h.pid)) return true;
  const start = processStart(h.pid);
  return h.start !== undefined && start !== undefined && start !== h.start;
}

/** Move a dead holder's lock out of the way (rename first, so two waiters never both remove a live one). */
function clearDeadHolder(file: string): void {
  const dir = lockDir(file);
  if (!holderGone(dir)) return;
  const before = readHolder(dir);
  const aside = `${dir}.dead-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(dir, aside);
  } catch {
    return; // someone else cleared it first
  }
  // If another waiter cleared the dead lock and took a new one in between, give it back.
  const moved = readHolder(aside);
  const same = JSON.stringify(moved) === JSON.stringify(before);
  if (!same) {
    try { fs.renameSync(aside, dir); return; } catch { /* fall through: remove it */ }
  }
  fs.rmSync(aside, { recursive: true, force: true });
}

function holderText(file: string): string {
  const h = readHolder(lockDir(file));
  if (!h || h === 'garbage') return 'held by another kubesim process';
  return `held by pid ${h.pid}${h.command ? ` (${h.command})` : ''}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function writeHolder(file: string): void {
  const start = processStart(process.pid) ?? '';
  const command = ['kubesim', ...process.argv.slice(2)].join(' ');
  try { fs.writeFileSync(path.join(lockDir(file), HOLDER), `${process.pid} ${start}\n${command}\n`); } catch { /* lock dir gone: compromised */ }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let lockfileModule: typeof import('proper-lockfile') | undefined;

/**
 * proper-lockfile, loaded once. Its signal-exit catches SIGINT, SIGTERM and SIGHUP in JavaScript, which
 * cannot run while a command computes: the command would finish, save and only then exit. Its handlers
 * are taken off again (and only its: a long-running command's own Ctrl-C handler stays), so that with
 * the default dispositions a signal ends the command at once, before its save (the state stays as it
 * was: the save is a rename); the lock it leaves is recovered at once because its holder is gone.
 */
async function loadLockfile(): Promise<typeof import('proper-lockfile')> {
  if (lockfileModule) return lockfileModule;
  const before = new Map(SIGNALS.map((sig) => [sig, new Set(process.listeners(sig))]));
  // the CommonJS module's exports object, as Node and the bundle (scripts/bundle.mjs) both give it
  const m = (await import('proper-lockfile')).default;
  for (const sig of SIGNALS) {
    for (const l of process.listeners(sig)) if (!before.get(sig)!.has(l)) process.removeListener(sig, l as (...a: any[]) => void);
  }
  lockfileModule = m;
  return m;
}

/**
 * First come, first served among waiters: each writes a ticket (arrival time, pid) into
 * `<file>.queue/`, and only the oldest ticket whose process is alive tries the lock. A newcomer
 * that finds no queue tries at once. Tickets of dead processes are removed by whoever sees them.
 */
class WaitQueue {
  private readonly dir: string;
  private ticket: string | undefined;

  constructor(file: string) {
    this.dir = `${file}.queue`;
  }

  /** No one is waiting (the fast path: try the lock without a ticket). */
  empty(): boolean {
    try {
      return fs.readdirSync(this.dir).length === 0;
    } catch {
      return true;
    }
  }

  join(): void {
    try { fs.mkdirSync(this.dir); } catch (e: any) { if (e.code !== 'EEXIST') throw homeError(e, this.dir); }
    // fixed-width arrival time first, so names sort in arrival order; the pid breaks ties
    const name = `${String(Date.now()).padStart(15, '0')}-${String(process.hrtime.bigint() % 1_000_000_000n).padStart(9, '0')}-${process.pid}`;
    try {
      fs.writeFileSync(path.join(this.dir, name), `${process.pid} ${processStart(process.pid) ?? ''}\n`);
    } catch (e) {
      throw homeError(e, this.dir);
    }
    this.ticket = name;
  }

  /** Is our ticket the oldest of a live process? Dead processes' tickets are removed on the way. */
  first(): boolean {
    let names: string[];
    try { names = fs.readdirSync(this.dir).sort(); } catch { return true; }
    for (const n of names) {
      if (n === this.ticket) return true;
      if (!this.ticketAlive(n)) fs.rmSync(path.join(this.dir, n), { force: true });
      else return false;
    }
    return true; // our ticket vanished (removed by mistake): do not wait forever
  }

  private ticketAlive(name: string): boolean {
    let text: string;
    try { text = fs.readFileSync(path.join(this.dir, name), 'utf8'); } catch { return false; }
    const [pidText, start] = text.trim().split(' ');
    const pid = Number(pidText);
    // a ticket being written right now is empty for a moment: count it as alive
    if (text === '') return true;
    if (!Number.isSafeInteger(pid) || pid <= 0 || !pidAlive(pid)) return false;
    const now = processStart(pid);
    return !start || !now || start === now;
  }

  leave(): void {
    if (this.ticket) fs.rmSync(path.join(this.dir, this.ticket), { force: true });
    this.ticket = undefined;
  }
}

export async function acquireLock(file: string): Promise<Release> {
  const lockfile = await loadLockfile();
  try {
    ensureDir(path.dirname(file));
  } catch (e) {
    throw homeError(e, path.dirname(file));
  }
  const started = Date.now();
  const queue = new WaitQueue(file);
  let queued = false;
  let delay = 5;
  try {
    for (;;) {
      if (!queued && !queue.empty()) { queue.join(); queued = true; }
      if (!queued || queue.first()) {
        try {
          const release = await lockfile.lock(file, { realpath: false, stale: STALE_MS, retries: 0, onCompromised: () => {} });
          writeHolder(file);
          return () => {
            try { fs.rmSync(path.join(lockDir(file), HOLDER), { force: true }); } catch { /* ignore */ }
            release().catch(() => {});
          };
        } catch (e: any) {
          // ENOTEMPTY/EEXIST and the like: proper-lockfile could not remove a stale lock that still holds
          // our holder file; it is treated as held, and cleared below when its holder is gone
          if (e.code !== 'ELOCKED' && e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST' && e.code !== 'ENOTDIR') throw homeError(e, lockDir(file));
        }
        if (!queued) { queue.join(); queued = true; }
        clearDeadHolder(file);
      }
      if (Date.now() - started > WAIT_MS) {
        throw new UserError(`error: timed out after ${WAIT_MS / 1000}s waiting for the lock on ${file} (${holderText(file)}; if no kubesim command is running, remove ${lockDir(file)})`);
      }
      await sleep(delay);
      delay = Math.min(20, Math.ceil(delay * 1.5));
    }
  } finally {
    if (queued) queue.leave();
  }
}
