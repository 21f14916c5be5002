// kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]: an ephemeral debug
// container in a running pod, a copy of a pod with a debug container (--copy-to), or a pod in a
// node's host namespaces (node/NAME); with -i/--attach, waits for the container and attaches.
import { StatusError, UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { withCluster } from '../../store/session.js';
import { stdio, warn, readStdin } from '../io.js';
import { flag as f, type FlagSpec } from './createflags.js';
import { argvAfter, createOnServer, parseInvocation } from './creategen.js';

const DEBUG_FLAGS: FlagSpec[] = [
  f('arguments-only', 'bool', false), f('attach', 'bool', false), f('container', 'string', '', { short: 'c' }),
  f('copy-to', 'string', ''), f('custom', 'string', ''), f('env', 'mapStringString', {}), f('filename', 'stringSlice', [], { short: 'f' }),
  f('image', 'string', ''), f('image-pull-policy', 'string', ''), f('keep-annotations', 'bool', false),
  f('keep-init-containers', 'bool', true), f('keep-labels', 'bool', false), f('keep-liveness', 'bool', false),
  f('keep-readiness', 'bool', false), f('keep-startup', 'bool', false), f('profile', 'string', 'legacy'),
  f('quiet', 'bool', false, { short: 'q' }), f('replace', 'bool', false), f('same-node', 'bool', false),
  f('set-image', 'mapStringString', {}), f('share-processes', 'bool', true), f('stdin', 'bool', false, { short: 'i' }),
  f('target', 'string', ''), f('tty', 'bool', false, { short: 't' }),
];

/** reference.ReferenceRegexp, enough of it: lower-case repository path, optional tag and digest */
const IMAGE_REF = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

const NODE_TYPES = ['node', 'nodes', 'no'];
const POD_TYPES = ['pod', 'pods', 'po'];

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl debug', flags: DEBUG_FLAGS,
    usage: 'kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
    summary: 'Create debugging sessions for troubleshooting workloads and nodes.',
  }, argvAfter([['debug']]), opts);
  const all = inv.p.args;
  const dash = inv.p.argsLenAtDash;
  const targets = dash >= 0 ? all.slice(0, dash) : all;
  const args = dash >= 0 ? all.slice(dash) : [];
  const interactive = inv.bool('stdin');
  const attach = inv.changed('attach') ? inv.bool('attach') : interactive || inv.bool('attach');
  const image = inv.str('image');
  const container = inv.str('container');
  const copyTo = inv.str('copy-to');
  const setImages = inv.map('set-image');
  const pullPolicy = inv.str('image-pull-policy');
  const quiet = inv.bool('quiet');
  const profile = inv.str('profile');
  const target = inv.str('target');
  // Complete
  const { checkProfile, generateDebugContainer, generateNodeDebugPod, generatePodCopyWithDebugContainer, readCustomProfile, checkCustomProfile } = await import('../../kubectl/debug.js');
  checkProfile(profile);
  const customFile = inv.str('custom');
  const custom = customFile ? readCustomProfile(customFile) : undefined;
  // Validate
  const fail = (m: string) => new UserError(`error: ${m}`);
  if (attach && inv.changed('attach') && !image && !container) throw fail('you must specify --container or create a new container using --image in order to attach.');
  if (copyTo) {
    if (!image && !Object.keys(setImages).length && !args.length) throw fail('you must specify --image, --set-image or command arguments.');
    if (args.length && !container && !image) throw fail('you must specify an existing container or a new image when specifying args.');
  } else if (inv.bool('replace')) throw fail('--replace may only be used with --copy-to.');
  else if (inv.bool('same-node')) throw fail('--same-node may only be used with --copy-to.');
  else if (Object.keys(setImages).length) throw fail('--set-image may only be used with --copy-to.');
  else if (!image) throw fail('you must specify --image when not using --copy-to.');
  if (image && !IMAGE_REF.test(image)) throw fail(`invalid image name ${JSON.stringify(image)}: invalid reference format`);
  if (!targets.length && !inv.arr('filename').length) throw fail('NAME or filename is required for debug');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(pullPolicy)) throw fail(`invalid image pull policy: ${pullPolicy}`);
  for (const [n, img] of Object.entries(setImages)) {
    if (!IMAGE_REF.test(img)) throw fail(`invalid image name ${JSON.stringify(img)} for container ${JSON.stringify(n)}: invalid reference format`);
  }
  if (target) {
    if (copyTo) throw fail('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!quiet) stdio.out(`Targeting container ${JSON.stringify(target)}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (inv.bool('tty') && !interactive) throw fail('-i/--stdin is required for containers with -t/--tty=true');
  if (custom) checkCustomProfile(custom);
  if (profile === 'legacy') stdio.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');

  const ns = inv.namespace;
  const env = Object.entries(inv.map('env')).map(([name, value]) => ({ name, value }));
  const keep = {
    labels: inv.bool('keep-labels'), annotations: inv.bool('keep-annotations'), liveness: inv.bool('keep-liveness'),
    readiness: inv.bool('keep-readiness'), startup: inv.bool('keep-startup'), initContainers: inv.bool('keep-init-containers'),
  };
  const sessions: import('./debugtty.js').AttachTarget[] = [];
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const o = {
      args, argsOnly: inv.bool('arguments-only'), container, copyTo, env, image, interactive, tty: inv.bool('tty'), pullPolicy, quiet,
      sameNode: inv.bool('same-node'), setImages, shareProcesses: inv.bool('share-processes'), shareProcessesChanged: inv.changed('share-processes'),
      targetContainer: target, profile, custom, keep, suffix: () => s.cluster.rng.string(5), out: (t: string) => stdio.out(t),
    };
    for (const ref of targets) {
      const slash = ref.indexOf('/');
      const type = slash < 0 ? 'pod' : ref.slice(0, slash).toLowerCase();
      const name = slash < 0 ? ref : ref.slice(slash + 1);
      let debugPod: KObject;
      let containerName: string;
      if (NODE_TYPES.includes(type)) {
        // visitNode
        const node = s.cluster.get('nodes', undefined, name);
        if (!node) throw new StatusError(404, 'NotFound', `nodes "${name}" not found`);
        debugPod = await createOnServer(s, generateNodeDebugPod(o, node), inv, 'none');
        containerName = debugPod.spec.containers[0].name;
      } else if (POD_TYPES.includes(type)) {
        const pod = s.cluster.get('pods', ns, name);
        if (!pod) throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
        if (copyTo) {
          // debugByCopy
          const made = generatePodCopyWithDebugContainer(o, pod);
          debugPod = await createOnServer(s, made.pod, inv, 'none');
          containerName = made.name;
          if (inv.bool('replace')) {
            // DeleteOptions with a grace period of 0: gone at once
            s.cluster.remove('pods', ns, name);
          }
        } else {
          // debugByEphemeralContainer: the pods/ephemeralcontainers subresource
          const made = generateDebugContainer(o, pod);
          const { updateEphemeralContainers } = await import('../../server/ephemeral.js');
          debugPod = updateEphemeralContainers(s.cluster, pod, made.pod);
          containerName = made.name;
        }
      } else {
        const gvk = UNSUPPORTED[type];
        if (!gvk) throw fail(`the server doesn't have a resource type "${ref.slice(0, slash)}"`);
        throw fail(`${JSON.stringify(gvk)} not supported by debug`);
      }
      if (attach && containerName && o.tty && interactive && process.stdin.isTTY) {
        // on a terminal: the session runs after this transaction, a line at a time
        sessions.push({ ns: debugPod.metadata!.namespace!, pod: debugPod.metadata!.name!, container: containerName });
      } else if (attach && containerName) {
        if (o.tty && !quiet) stdio.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
        // attach prints it whenever stdin is attached, a terminal or not (checked against kubectl v1.32)
        if (interactive && !quiet) stdio.err("If you don't see a command prompt, try pressing enter.\n");
        const input = interactive ? readStdin() : '';
        (await import('../../server/http/inprocess.js')).serveInPods();
        const { attachToDebugContainer } = await import('../../kubectl/attach.js');
        await attachToDebugContainer(s, debugPod.metadata!.namespace!, debugPod.metadata!.name!, containerName, input, {
          out: (t) => stdio.out(t), err: (t) => stdio.err(t), warn: (m) => warn(stdio, m),
        });
      }
    }
  });
  for (const t of sessions) await (await import('./debugtty.js')).interactiveSession(opts, t, quiet);
}

/** the GroupVersionKind kubectl names when a resource cannot be debugged */
const UNSUPPORTED: Record<string, string> = {
  deploy: 'apps/v1, Kind=Deployment', deployment: 'apps/v1, Kind=Deployment', deployments: 'apps/v1, Kind=Deployment',
  rs: 'apps/v1, Kind=ReplicaSet', replicaset: 'apps/v1, Kind=ReplicaSet', replicasets: 'apps/v1, Kind=ReplicaSet',
  sts: 'apps/v1, Kind=StatefulSet', statefulset: 'apps/v1, Kind=StatefulSet', statefulsets: 'apps/v1, Kind=StatefulSet',
  ds: 'apps/v1, Kind=DaemonSet', daemonset: 'apps/v1, Kind=DaemonSet', daemonsets: 'apps/v1, Kind=DaemonSet',
  svc: '/v1, Kind=Service', service: '/v1, Kind=Service', services: '/v1, Kind=Service',
  job: 'batch/v1, Kind=Job', jobs: 'batch/v1, Kind=Job',
};
