// kubesim curl svc/NAME[:PORT][/PATH] [-n COUNT] [--namespace N] [--every D]: simulated requests
// through a Service's ready endpoints (src/sim/http/traffic.ts), one line per response, then a tally.
// Without --every all requests are sent at the same instant. With --every, manual mode moves the
// virtual clock by D between requests; realtime mode sends one request per D of wall time (the
// rollout carries on in between) until COUNT or Ctrl-C, then prints the tally.
import { UserError } from '../../api/errors.js';
import { namespaceOf } from '../context.js';
import { parseGoDuration, rfc3339, wallNow } from '../../sim/clock.js';
import { withCluster } from '../../store/session.js';
import { stdio, streamStdout } from '../io.js';
import { rememberedArgv } from '../record.js';
import { pruneWorkloadState } from '../../sim/http/request.js';
import { fullResponse, openCurl, parseCurlTarget, responseLine, tallyLines, type CurlRecord, type CurlSession } from '../../sim/http/traffic.js';
import { sleep } from '../sleep.js';


function parseCount(v: unknown, every: boolean): number {
  if (v === undefined) return every ? Infinity : 10;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`error: invalid argument "${v}" for "-n, --count" flag: must be a positive integer`);
  return n;
}

async function printTally(label: string, records: CurlRecord[]): Promise<void> {
  const { newGetTabWriter } = await import('../../printers/tabwriter.js');
  // one tabwriter per table: the tables are aligned each on its own
  let w = newGetTabWriter();
  let out = '\n';
  for (const row of tallyLines(label, records)) {
    if (row.length <= 1) {
      out += w.flush() + (row[0] ?? '') + '\n';
      w = newGetTabWriter();
      continue;
    }
    w.write(row.join('\t') + '\n');
  }
  stdio.out(out + w.flush());
}

/**
 * kubesim: in `curl`, -n is the request count (as in `curl -n`-less load tools: `hey -n`), while the
 * global grammar reads -n as --namespace; the raw arguments tell which flag the user typed.
 */
function curlFlags(argv: string[]): { count?: string; namespace?: string } {
  const out: { count?: string; namespace?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let m: RegExpExecArray | null;
    if (a === '-n' || a === '--count') out.count = argv[++i];
    else if ((m = /^(?:-n|--count=)(.+)$/.exec(a))) out.count = m[1];
    else if (a === '--namespace') out.namespace = argv[++i];
    else if ((m = /^--namespace=(.*)$/.exec(a))) out.namespace = m[1];
    else if (a === '--') break;
  }
  return out;
}

export async function run(args: string[], opts: any): Promise<void> {
  if (args.length !== 1) throw new UserError('error: kubesim curl takes one target: svc/NAME[:PORT][/PATH]');
  const target = parseCurlTarget(args[0]);
  const flags = curlFlags(rememberedArgv());
  if (flags.count !== undefined) opts.count = flags.count;
  const ns = namespaceOf({ namespace: flags.namespace });
  let every: number | undefined;
  if (opts.every !== undefined) {
    every = parseGoDuration(String(opts.every));
    if (every === undefined || every <= 0) throw new UserError(`error: invalid argument "${opts.every}" for "--every" flag: use a duration such as 200ms or 1s`);
  }
  const count = parseCount(opts.count, every !== undefined);
  const width = Number.isFinite(count) ? String(count).length : 3;
  const records: CurlRecord[] = [];
  let session: CurlSession | undefined;
  const stamp = (ms: number) => (every !== undefined ? rfc3339(ms).slice(11, 19) : undefined);

  // manual mode (or no --every): everything in one transaction, the clock moved by --every in between
  const realtime = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    session = openCurl(s.cluster, ns, target);
    pruneWorkloadState(s.cluster);
    if (every !== undefined && s.cluster.state.clock.mode !== 'manual') return true;
    const n = Number.isFinite(count) ? count : 10;
    for (let i = 1; i <= n; i++) {
      if (i > 1 && every !== undefined) await s.advance(s.cluster.now() + every);
      const r = session.send(s.cluster, i);
      records.push(r);
      stdio.out(opts.include ? fullResponse(r) : responseLine(r, width, stamp(r.at)));
    }
    return false;
  });
  if (realtime) {
    streamStdout();
    let stopped = false;
    const onInt = () => { stopped = true; };
    process.on('SIGINT', onInt);
    try {
      for (let i = 1; i <= count && !stopped; i++) {
        const started = wallNow();
        await withCluster({ cluster: opts.cluster, write: true }, (s) => {
          const r = session!.send(s.cluster, i);
          records.push(r);
          stdio.out(opts.include ? fullResponse(r) : responseLine(r, width, stamp(r.at)));
        });
        // the store's lock drops signal handlers while it writes: Ctrl-C must still print the tally
        if (!process.listeners('SIGINT').includes(onInt)) process.on('SIGINT', onInt);
        if (i < count) {
          // sleep in small steps so Ctrl-C ends the run promptly
          const until = started + every!;
          while (!stopped && wallNow() < until) await sleep(Math.min(50, until - wallNow()));
        }
      }
    } finally {
      process.removeListener('SIGINT', onInt);
    }
  }
  await printTally(session!.label, records);
}
