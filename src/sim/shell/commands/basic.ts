// echo, env, printenv, hostname, whoami, id, sleep, date, true, false, pwd, uname, exit.
import type { Command, Proc } from '../types.js';
import { ExitSignal, gnu } from '../types.js';
import { podHostname } from '../../http/request.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** date(1)'s default format in UTC: `Thu Dec  3 16:40:00 UTC 2026` */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** uid, gid and groups from the security contexts (container over pod), else the image's user. */
function identity(p: Proc): { uid: number; gid: number; user?: string; group?: string; groups: number[] } {
  const pc = p.c.pod.spec?.securityContext || {};
  const cc = p.c.container.securityContext || {};
  const [iuid, iuser, igid, igroup] = p.c.profile.user;
  const uid = cc.runAsUser ?? pc.runAsUser ?? iuid;
  const gid = cc.runAsGroup ?? pc.runAsGroup ?? (uid === iuid ? igid : 0);
  const groups = new Set<number>([gid]);
  if (pc.fsGroup !== undefined) groups.add(pc.fsGroup);
  for (const g of pc.supplementalGroups || []) groups.add(g);
  return { uid, gid, user: uid === iuid ? iuser : undefined, group: gid === igid ? igroup : gid === 0 ? 'root' : undefined, groups: [...groups].sort((a, b) => a - b) };
}

const named = (n: number, name?: string) => (name ? `${n}(${name})` : String(n));

function parseSleep(arg: string): number | undefined {
  if (arg === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as any)[m[2]] * 1000;
}

export const BASIC: Record<string, Command> = {
  echo(p) {
    let args = p.args;
    let newline = true;
    if (args[0] === '-n') { newline = false; args = args.slice(1); }
    p.out(args.join(' ') + (newline ? '\n' : ''));
    return 0;
  },
  env(p) {
    for (const [k, v] of p.c.env) p.out(`${k}=${v}\n`);
    return 0;
  },
  printenv(p) {
    if (!p.args.length) return BASIC.env(p);
    let code = 0;
    for (const a of p.args) {
      const v = p.c.env.get(a);
      if (v === undefined) code = 1;
      else p.out(v + '\n');
    }
    return code;
  },
  hostname(p) { p.out(podHostname(p.c.pod) + '\n'); return 0; },
  whoami(p) {
    const id = identity(p);
    if (id.user) { p.out(id.user + '\n'); return 0; }
    p.err(gnu(p) ? `whoami: cannot find name for user ID ${id.uid}\n` : `whoami: unknown uid ${id.uid}\n`);
    return 1;
  },
  id(p) {
    const id = identity(p);
    const groups = id.groups.map((g) => named(g, g === id.gid ? id.group : undefined));
    // the image's own user keeps its supplementary groups (/etc/group)
    if (id.user) for (const [g, n] of p.c.profile.groups || []) if (!id.groups.includes(g)) groups.push(named(g, n));
    p.out(`uid=${named(id.uid, id.user)} gid=${named(id.gid, id.group)} groups=${groups.join(',')}\n`);
    return 0;
  },
  async sleep(p) {
    const ms = parseSleep(p.args[0] ?? '');
    if (ms === undefined) {
      p.err(gnu(p) ? (p.args.length ? `sleep: invalid time interval '${p.args[0]}'\nTry 'sleep --help' for more information.\n` : `sleep: missing operand\nTry 'sleep --help' for more information.\n`) : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n');
      return 1;
    }
    await p.c.sleep(ms);
    return 0;
  },
  date(p) { p.out(unixDate(p.c.cluster.now()) + '\n'); return 0; },
  true: () => 0,
  false: () => 1,
  pwd(p) { p.out('/\n'); return 0; },
  uname(p) {
    p.out(p.args.includes('-a') ? `Linux ${podHostname(p.c.pod)} 6.8.0-kubesim #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n` : 'Linux\n');
    return 0;
  },
  exit(p) { throw new ExitSignal(p.args.length ? Number(p.args[0]) & 255 : 0); },
};
