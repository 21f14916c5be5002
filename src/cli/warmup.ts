// Runs the docs' story once, in memory, while the startup snapshot is built: V8 keeps the bytecode
// of every function that ran in the snapshot, so commands start with the controllers, printers and
// codecs already compiled instead of compiling them lazily (most of a short command's own time).
// Pure work only: no file, no clock, no output; the cluster is dropped before the snapshot is taken.
import { Cluster } from '../store/cluster.js';
import { jsonClone } from '../store/json.js';
import { decodeState, encodeState } from '../store/sections.js';
import { newClusterState } from '../sim/bootstrap.js';
import { advanceTo } from '../sim/loop.js';
import { createControllerManager } from '../controllers/manager.js';
import { parseManifestText } from '../api/decode.js';
import { apply, mapManifests } from '../kubectl/apply.js';
import { setImages, setResources } from '../kubectl/set.js';
import { deploymentStatus, historyRevisions, revisionTemplate, rollback } from '../kubectl/rollout.js';
import { updateObject } from '../server/registry.js';
import { resourceByName } from '../api/resources.js';
import { printTable } from '../printers/tables.js';
import { describeDeployment, describePod, describeReplicaSet } from '../printers/describe/index.js';
import { printHistoryTable, printRevision } from '../printers/history.js';
import { toYaml } from '../printers/yaml.js';
import { toJson } from '../printers/json.js';
import { printJsonPath } from '../printers/output.js';
import { parseRequest } from '../kubectl/builder.js';
import { fetch } from '../kubectl/query.js';
import type { KObject } from '../api/types.js';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`;

/** Returns the story's end (`get rs`, the status line, the history) so a test can check it really ran. */
export function warmUp(): string {
  const state = newClusterState('warm-up');
  state.clock.mode = 'manual';
  const cluster = new Cluster(state);
  const mgr = createControllerManager(cluster);
  const settle = (ms: number) => advanceTo(cluster, cluster.now() + ms, mgr);
  const deploy = () => cluster.get('deployments', 'default', 'nginx-deployment')!;
  const info = resourceByName('deployments');
  const change = (f: (d: KObject) => void) => {
    const d = jsonClone(deploy());
    f(d);
    updateObject(cluster, info, d);
    settle(0);
  };
  const show = () => {
    for (const [verb, args] of [['get', ['deployment/nginx-deployment']], ['get', ['rs']], ['get', ['pods']], ['describe', ['deploy', 'nginx-deployment']]] as const) {
      fetch(cluster, parseRequest([...args], verb), { namespace: 'default', selector: 'app=nginx' });
    }
    const now = cluster.now();
    const d = deploy();
    const rss = cluster.list('replicasets', 'default');
    const pods = cluster.list('pods', 'default');
    const events = cluster.list('events', 'default');
    deploymentStatus(d);
    printTable('deployments', [d], { now });
    printTable('replicasets', rss, { now, wide: true });
    printTable('pods', pods, { now, withNamespace: true });
    printTable('events', events, { now });
    describeDeployment(d, rss, events, now);
    for (const rs of rss) describeReplicaSet(rs, pods, events, now);
    for (const p of pods) describePod(p, events, now);
    const revs = historyRevisions(cluster, d);
    printHistoryTable('deployment.apps', 'nginx-deployment', revs);
    for (const r of revs) printRevision('deployment.apps', 'nginx-deployment', r.revision, revisionTemplate(r.rs));
    toYaml(d);
    toJson(d);
    printJsonPath('{.spec.template.spec.containers[0].image}', d);
  };

  const files = [{ source: 'nginx-deployment.yaml', objects: parseManifestText(MANIFEST, 'nginx-deployment.yaml') }];
  apply(cluster, mapManifests(files, undefined), { explicitNs: false, dryRun: 'none', validate: 'strict' });
  settle(0);
  for (let i = 0; i < 20; i++) settle(500);
  show();
  change((d) => setImages(d, { nginx: 'nginx:1.16.1' }));
  for (let i = 0; i < 20; i++) settle(500);
  change((d) => setImages(d, { nginx: 'nginx:1.161' }));
  settle(15_000);
  show();
  const undo = rollback(cluster, deploy(), 0, false);
  if (undo.kind === 'rolled back') { updateObject(cluster, info, undo.patched); settle(5000); }
  change((d) => { (d.spec as any).paused = true; setResources(d, 'nginx', 'cpu=200m,memory=512Mi'); });
  change((d) => { (d.spec as any).paused = false; });
  settle(10_000);
  show();
  decodeState(Buffer.from(encodeState(state)), (e) => e);
  apply(cluster, mapManifests(files, undefined), { explicitNs: false, dryRun: 'none', validate: 'strict' });
  settle(10_000);
  const d = deploy();
  return printTable('replicasets', cluster.list('replicasets', 'default'), { now: cluster.now() })
    + deploymentStatus(d).message
    + printHistoryTable('deployment.apps', 'nginx-deployment', historyRevisions(cluster, d));
}
