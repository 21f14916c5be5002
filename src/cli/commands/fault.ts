// kubesim fault image IMAGE --pull=fail|slow=D --crash-after=D --readiness=fail|pass --liveness=fail
// --latency=D --errors=RATE; kubesim fault node NAME --down|--up; kubesim fault clear [IMAGE]; kubesim
// fault list. The faults live in the cluster state (src/sim/faults.ts); the kubelet and the simulated
// workloads consult them. A node fault is `kubesim node stop|start`.
import { StatusError, UserError } from '../../api/errors.js';
import { parseGoDuration } from '../../sim/clock.js';
import { clearImageFaults, describeFault, listImageFaults, setImageFault, type ImageFault } from '../../sim/faults.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';

function badFlag(flag: string, v: string, want: string): UserError {
  return new UserError(`error: invalid argument "${v}" for "--${flag}" flag: ${want}`);
}

function duration(flag: string, v: string): number {
  const ms = parseGoDuration(v);
  if (ms === undefined || ms < 0) throw badFlag(flag, v, 'use a duration such as 500ms, 10s or 2m');
  return ms;
}

/** The faults the flags ask for. */
export function faultFromFlags(o: any): ImageFault {
  const f: ImageFault = {};
  if (o.pull !== undefined) {
    const v = String(o.pull);
    if (v === 'fail') f.pull = 'fail';
    else if (v.startsWith('slow=')) f.pull = { slow: duration('pull', v.slice(5)) };
    else throw badFlag('pull', v, 'use fail or slow=DURATION');
  }
  if (o.crashAfter !== undefined) f.crashAfter = duration('crash-after', String(o.crashAfter));
  if (o.readiness !== undefined) {
    if (o.readiness !== 'fail' && o.readiness !== 'pass') throw badFlag('readiness', o.readiness, 'use fail or pass');
    f.readiness = o.readiness;
  }
  if (o.liveness !== undefined) {
    if (o.liveness !== 'fail') throw badFlag('liveness', o.liveness, 'use fail');
    f.liveness = 'fail';
  }
  if (o.latency !== undefined) f.latency = duration('latency', String(o.latency));
  if (o.errors !== undefined) {
    const v = String(o.errors);
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(v);
    const rate = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
    if (!m || !(rate > 0 && rate <= 1)) throw badFlag('errors', v, 'use a share of the requests: 0.25 or 25%');
    f.errors = rate;
  }
  return f;
}

export async function image(args: string[], opts: any): Promise<void> {
  if (args.length !== 1) throw new UserError('error: kubesim fault image takes one image: kubesim fault image IMAGE --pull=fail ...');
  const f = faultFromFlags(opts);
  if (!Object.keys(f).length) throw new UserError('error: kubesim fault image: give a fault: --pull, --crash-after, --readiness, --liveness, --latency or --errors');
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const all = setImageFault(s.cluster, args[0], f);
    (await import('../../controllers/kubelet/faults.js')).faultChanged(s.cluster, args[0]);
    stdio.out(`image/${args[0]} faulted: ${describeFault(all)}\n`);
  });
}

export async function node(args: string[], opts: any): Promise<void> {
  if (args.length < 1) throw new UserError('error: kubesim fault node takes a node name: kubesim fault node NAME --down|--up');
  if (!!opts.down === !!opts.up) throw new UserError('error: kubesim fault node: give one of --down or --up');
  const { startKubelet, stopKubelet } = await import('../../controllers/nodelifecycle/kubeletstop.js');
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    let out = '';
    for (const name of args) {
      if (!s.cluster.get('nodes', undefined, name)) throw new StatusError(404, 'NotFound', `nodes "${name}" not found`);
      const changed = opts.down ? stopKubelet(s.cluster, name) : startKubelet(s.cluster, name);
      out += `node/${name} ${changed ? '' : 'already '}${opts.down ? 'down' : 'up'}\n`;
    }
    stdio.out(out);
  });
}

export async function clear(args: string[], opts: any): Promise<void> {
  if (args.length > 1) throw new UserError('error: kubesim fault clear takes at most one image');
  const { kubeletStopState, startKubelet } = await import('../../controllers/nodelifecycle/kubeletstop.js');
  const { faultChanged } = await import('../../controllers/kubelet/faults.js');
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const images = clearImageFaults(s.cluster, args[0]);
    if (args[0] !== undefined && !images.length) throw new UserError(`error: no fault is set for image "${args[0]}"`);
    let out = '';
    for (const img of images) {
      faultChanged(s.cluster, img);
      out += `image/${img} cleared\n`;
    }
    if (args[0] === undefined) {
      for (const name of Object.keys(kubeletStopState(s.cluster).stopped).sort()) {
        startKubelet(s.cluster, name);
        out += `node/${name} up\n`;
      }
    }
    if (!out) stdio.err('No faults found.\n');
    stdio.out(out);
  });
}

export async function list(_args: string[], opts: any): Promise<void> {
  const { rfc3339 } = await import('../../sim/clock.js');
  const { newGetTabWriter } = await import('../../printers/tabwriter.js');
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const rows: string[][] = [];
    for (const [img, f] of listImageFaults(s.cluster)) rows.push(['image', img, describeFault(f)]);
    const stopped = (s.cluster.state.controllers?.kubeletstop as { stopped?: Record<string, number> } | undefined)?.stopped || {};
    for (const name of Object.keys(stopped).sort()) rows.push(['node', name, `down since ${rfc3339(stopped[name])}`]);
    if (!rows.length) {
      stdio.err('No faults found.\n');
      return;
    }
    const w = newGetTabWriter();
    w.write('KIND\tNAME\tFAULTS\n');
    for (const r of rows) w.write(r.join('\t') + '\n');
    stdio.out(w.flush());
  });
}
