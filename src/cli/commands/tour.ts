// kubesim tour: the Kubernetes docs' Deployment walkthrough, played in realtime on a scratch
// cluster: each command printed as it would be typed, then its real output.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../../server/http/daemon.js';
import { stdio, streamStdout } from '../io.js';
import { painter } from '../colour.js';

const STEPS: { say?: string; cmd?: string[]; pause?: number }[] = [
  { say: 'Create a Deployment of three nginx:1.14.2 pods and watch it roll out.' },
  { cmd: ['apply', '-f', 'MANIFEST'] },
  { cmd: ['get', 'deployments'] },
  { cmd: ['rollout', 'status', 'deployment/nginx-deployment'] },
  { cmd: ['get', 'rs'] },
  { cmd: ['get', 'pods', '--show-labels'] },
  { say: 'Update the image: a new ReplicaSet scales up while the old one scales down.' },
  { cmd: ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'] },
  { cmd: ['rollout', 'status', 'deployment/nginx-deployment'] },
  { cmd: ['get', 'rs'] },
  { say: 'A typo in the image tag: the rollout gets stuck in ImagePullBackOff.' },
  { cmd: ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161'] },
  { cmd: ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=8s'] },
  { cmd: ['get', 'pods'] },
  { cmd: ['rollout', 'history', 'deployment/nginx-deployment'] },
  { cmd: ['rollout', 'history', 'deployment/nginx-deployment', '--revision=2'] },
  { say: 'Roll back to the previous revision.' },
  { cmd: ['rollout', 'undo', 'deployment/nginx-deployment'] },
  { cmd: ['rollout', 'status', 'deployment/nginx-deployment'] },
  { cmd: ['rollout', 'history', 'deployment/nginx-deployment'] },
  { say: 'Pause, make two changes, resume: one new ReplicaSet for both.' },
  { cmd: ['rollout', 'pause', 'deployment/nginx-deployment'] },
  { cmd: ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.17'] },
  { cmd: ['set', 'resources', 'deployment/nginx-deployment', '-c=nginx', '--limits=cpu=200m,memory=512Mi'] },
  { cmd: ['get', 'rs'] },
  { cmd: ['rollout', 'resume', 'deployment/nginx-deployment'] },
  { cmd: ['rollout', 'status', 'deployment/nginx-deployment'] },
  { cmd: ['get', 'rs'] },
  { cmd: ['describe', 'deployment', 'nginx-deployment'] },
];

export async function run(_args: string[], opts: any): Promise<void> {
  streamStdout();

  const root = packageRoot();
  const bin = path.join(root, 'bin', 'kubesim');
  const manifest = path.join(root, 'manifests', 'nginx-deployment.yaml');
  const cluster = `tour-${process.pid}`;
  const env = { ...process.env, KUBESIM_CLUSTER: cluster };
  const speed = opts.speed ? String(opts.speed) : '1';
  const sh = (args: string[], quiet = false) =>
    spawnSync(bin, args, { env, stdio: quiet ? 'ignore' : 'inherit' });
  sh(['cluster', 'create', cluster], true);
  sh(['clock', 'set-mode', 'realtime', '--speed', speed], true);
  const c = await painter(process.stdout);
  const say = (t: string) => (c ? c.green(t) : t);
  const typed = (t: string) => (c ? c.bold(t) : t);
  // a short beat between commands so a reader can follow; it shrinks with --speed
  const beat = Math.max(20, 400 / Math.max(1, Number(speed) || 1));
  try {
    for (const s of STEPS) {
      if (s.say) stdio.out(`\n${say(`# ${s.say}`)}\n`);
      if (s.cmd) {
        const args = s.cmd.map((a) => (a === 'MANIFEST' ? manifest : a));
        const shown = s.cmd.map((a) => (a === 'MANIFEST' ? 'manifests/nginx-deployment.yaml' : a));
        stdio.out(`${typed(`$ kubectl ${shown.join(' ')}`)}\n`);
        sh(args);
        await new Promise((r) => setTimeout(r, beat));
      }
    }
  } finally {
    sh(['cluster', 'delete', cluster], true);
  }
}
