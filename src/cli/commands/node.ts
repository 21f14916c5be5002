// kubesim node stop|start NAME: the node's simulated kubelet stops (or resumes) posting status; the node
// lifecycle controller does the rest (NotReady after 40 s, unreachable taints, evictions after 300 s).
import { StatusError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { startKubelet, stopKubelet } from '../../controllers/nodelifecycle/kubeletstop.js';
import { stdio } from '../io.js';

async function toggle(args: string[], opts: any, stop: boolean): Promise<void> {
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    let out = '';
    for (const name of args) {
      if (!s.cluster.get('nodes', undefined, name)) throw new StatusError(404, 'NotFound', `nodes "${name}" not found`);
      const changed = stop ? stopKubelet(s.cluster, name) : startKubelet(s.cluster, name);
      out += `node/${name} ${changed ? '' : 'already '}${stop ? 'stopped' : 'started'}\n`;
    }
    stdio.out(out);
  });
}

export async function stop(args: string[], opts: any): Promise<void> {
  await toggle(args, opts, true);
}

export async function start(args: string[], opts: any): Promise<void> {
  await toggle(args, opts, false);
}
