// Inter-process lock around a cluster file: proper-lockfile (mkdir lock with an mtime heartbeat and
// stale-lock recovery), plus the holder's pid inside the lock directory so a lock left by a process
// that was killed is recovered at once instead of after the stale period.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../api/errors.js';

const STALE_MS = 10000;
const WAIT_MS = 60000;

export type Release = () => void;

function lockDir(file: string): string {
  return `${file}.lock`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

/** If the lock's holder is a process that no longer exists, move its lock out of the way. */
function clearDeadHolder(file: string): void {
  const dir = lockDir(file);
  let pid: number;
  try {
    pid = parseInt(fs.readFileSync(path.join(dir, 'pid'), 'utf8'), 10);
  } catch {
    return; // no lock, or its holder has not written its pid yet
  }
  if (!pid || pidAlive(pid)) return;
  const aside = `${dir}.dead-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(dir, aside);
  } catch {
    return; // someone else cleared it first
  }
  // If another waiter cleared the dead lock and took a new one in between, give it back.
  let movedPid = 0;
  try { movedPid = parseInt(fs.readFileSync(path.join(aside, 'pid'), 'utf8'), 10); } catch { /* empty */ }
  if (movedPid !== pid) {
    try { fs.renameSync(aside, dir); return; } catch { /* fall through: remove it */ }
  }
  fs.rmSync(aside, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function acquireLock(file: string): Promise<Release> {
  // the CommonJS module's exports object, as Node and the bundle (scripts/bundle.mjs) both give it
  const lockfile = (await import('proper-lockfile')).default;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      const release = await lockfile.lock(file, { realpath: false, stale: STALE_MS, retries: 0, onCompromised: () => {} });
      try { fs.writeFileSync(path.join(lockDir(file), 'pid'), String(process.pid)); } catch { /* lock dir gone: compromised */ }
      return () => {
        try { fs.rmSync(path.join(lockDir(file), 'pid'), { force: true }); } catch { /* ignore */ }
        release().catch(() => {});
      };
    } catch (e: any) {
      if (e.code !== 'ELOCKED') throw e;
    }
    clearDeadHolder(file);
    if (Date.now() - started > WAIT_MS) {
      throw new UserError(`error: timed out after ${WAIT_MS / 1000}s waiting for the lock on ${file} (held by another kubesim process; if none is running, remove ${lockDir(file)})`);
    }
    await sleep(delay);
    delay = Math.min(50, Math.ceil(delay * 1.5));
  }
}
