// kubesim clock | clock set-mode manual|realtime [--speed N] | clock advance DURATION | clock set TIME
import { UserError } from '../../api/errors.js';
import { parseGoDuration, rfc3339, parseTime, wallNow } from '../../sim/clock.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';

export async function run(_args: string[], opts: any): Promise<void> {
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const c = s.cluster.state.clock;
    const speed = c.mode === 'realtime' ? ` (speed ${c.speed}x)` : '';
    stdio.out(`cluster: ${s.name}\nmode: ${c.mode}${speed}\nnow: ${new Date(c.now).toISOString()}\n`);
  });
}

export async function setMode(args: string[], opts: any): Promise<void> {
  const mode = args[0];
  if (mode !== 'manual' && mode !== 'realtime') throw new UserError(`error: unknown clock mode "${mode}": use manual or realtime`);
  let speed: number | undefined;
  if (opts.speed !== undefined) {
    // decimal only (Number() would also take 0x10, 0b1 and whitespace)
    speed = /^\s*$|[^0-9.eE+-]/.test(String(opts.speed)) ? NaN : Number(opts.speed);
    if (!(speed > 0) || !Number.isFinite(speed) || speed > 1e6) throw new UserError(`error: --speed must be a positive number no larger than 1000000, got "${opts.speed}"`);
  }
  await withCluster({ cluster: opts.cluster, write: true }, (s) => {
    const c = s.cluster.state.clock;
    c.mode = mode;
    if (speed !== undefined) c.speed = speed;
    c.wallAnchor = wallNow();
    s.cluster.dirty = true;
  });
}

export async function advance(args: string[], opts: any): Promise<void> {
  const d = parseGoDuration(args[0] ?? '');
  if (d === undefined || d < 0) throw new UserError(`error: invalid duration "${args[0]}": use a Go duration such as 30s, 2.5s or 5m`);
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    await s.advance(s.cluster.now() + Math.round(d));
    s.cluster.dirty = true;
  });
}

export async function setTime(args: string[], opts: any): Promise<void> {
  const t = parseTime(args[0]);
  if (t === undefined) throw new UserError(`error: invalid time "${args[0]}": use RFC3339, e.g. 2026-01-01T00:00:00Z`);
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    if (t < s.cluster.now()) throw new UserError(`error: the clock only moves forward: it is already ${rfc3339(s.cluster.now())}`);
    await s.advance(t);
    s.cluster.dirty = true;
  });
}
