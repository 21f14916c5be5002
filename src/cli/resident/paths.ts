// Where the resident process of a kubesim home listens (bin/kubesim looks for the same path), and how a build is
// told apart from the next one (a resident started before a rebuild must not run the new build's commands).
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../server/http/daemon.js';

export function residentDir(home: string): string {
  return path.join(home, 'run');
}

export function residentSocket(home: string): string {
  return path.join(residentDir(home), 'resident.sock');
}

/** The build this process runs: its snapshot's or bundle's identity (npm run build makes both anew). */
export function buildStamp(): string {
  const root = packageRoot();
  for (const f of [['dist', 'snapshot', 'kubesim.blob'], ['dist', 'bundle', 'main.js'], ['dist', 'src', 'cli', 'main.js']]) {
    try {
      const st = fs.statSync(path.join(root, ...f));
      return `${st.ino}:${st.mtimeMs}`;
    } catch { /* not built this way */ }
  }
  return '';
}
