// pods/attach's output: what the container's simulated process writes from now on (the kubelet's
// log of it, read as `logs -f --tail=0` reads it), until the container stops or the client goes.
// As `kubesim attach`: in manual mode a process that ends by itself is fast-forwarded to its end;
// one that does not shows what comes as the clock is moved (`clock advance` by another client).
import type { Cluster } from '../../store/cluster.js';
import type { ClusterHost } from './host.js';
import { containerLogs, logStreamOpen } from '../../controllers/kubelet/logs.js';
import { findContainer, runContainer } from '../../controllers/kubelet/runtime.js';
import { parseTime } from '../../sim/clock.js';
import { advanceTo } from '../../sim/loop.js';

/** how often a realtime (or manual, waiting for the clock) attach looks for new output (wall ms) */
const POLL_MS = 250;

/** When the running instance's process ends (virtual ms), or undefined if it runs on. */
function processEnd(c: Cluster, ns: string, pod: string, container: string): number | undefined {
  const p = c.get('pods', ns, pod);
  const cs = (p?.status?.containerStatuses || []).find((x: any) => x.name === container);
  const started = parseTime(cs?.state?.running?.startedAt);
  if (!p || started === undefined) return undefined;
  const run = runContainer(c, p, findContainer(p, container), started);
  return run.exitAt === undefined ? undefined : started + run.exitAt + 1000;
}

export async function attachOutput(host: ClusterHost, ns: string, pod: string, container: string, out: (text: string) => void, gone: () => boolean): Promise<void> {
  let printed: number | undefined;
  /** write the lines that came since the last look; false once the stream has ended */
  const emit = (c: Cluster): boolean => {
    const p = c.get('pods', ns, pod);
    if (!p) return false;
    const lines = containerLogs(c, p, container, false, c.now());
    if (printed !== undefined) out(lines.slice(printed).map((l) => `${l.text}\n`).join(''));
    printed = lines.length;
    return logStreamOpen(p, container);
  };
  let open = await host.write((c, mgr) => {
    if (!emit(c)) return false;
    if (c.state.clock.mode !== 'manual') return true;
    const end = processEnd(c, ns, pod, container);
    if (end === undefined) return true;
    advanceTo(c, end, mgr, () => !emit(c));
    return emit(c);
  });
  while (open && !gone()) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    open = host.read((c) => emit(c));
  }
}
