// When a kubesim process starts the resident process of its home (resident/server.ts): on the second command a
// resident could have run within a few seconds, from a script (neither stdout nor stderr a terminal; a person at a
// terminal does not notice a start). KUBESIM_RESIDENT=off never starts one; =eager starts one at the first command.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { kubesimHome } from '../../store/file.js';
import { packageRoot } from '../../server/http/daemon.js';
import { residentDir, residentSocket } from './paths.js';

/** commands this close together make a burst */
const BURST_MS = 5000;

/** After a command a resident could have run, here: start one if commands are coming in a burst. */
export function startResidentIfBursting(): void {
  const home = path.resolve(kubesimHome());
  const sock = residentSocket(home);
  // a Unix socket's path holds at most 107 bytes (Linux): a home deeper than that has no resident
  if (Buffer.byteLength(sock) > 107 || fs.existsSync(sock)) return;
  const stamp = path.join(residentDir(home), 'last');
  let burst = process.env.KUBESIM_RESIDENT === 'eager';
  try {
    burst ||= Date.now() - fs.statSync(stamp).mtimeMs < BURST_MS;
    fs.writeFileSync(stamp, '');
  } catch {
    try {
      fs.mkdirSync(residentDir(home), { recursive: true, mode: 0o700 });
      fs.writeFileSync(stamp, '');
    } catch { return; /* a home we cannot write: no resident */ }
  }
  if (!burst) return;
  try {
    // what it might print past its clients (a crash) goes to run/resident.log
    const log = fs.openSync(path.join(residentDir(home), 'resident.log'), 'w');
    spawn(path.join(packageRoot(), 'bin', 'kubesim'), ['__resident'], {
      detached: true,
      stdio: ['ignore', log, log],
      cwd: '/',
      env: { ...process.env, KUBESIM_HOME: home, KUBESIM_RESIDENT_BYPASS: '1' },
    }).on('error', () => { /* not started: commands run here */ }).unref();
    fs.closeSync(log);
  } catch { /* not started: commands run here */ }
}
