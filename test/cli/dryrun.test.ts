// --dry-run as kubectl's GetDryRunStrategy reads it: none|client|server, the bare flag and boolean
// spellings with klog's deprecation warning, anything else refused before the cluster is touched.
// Every dry spelling must leave the state file byte-for-byte as it was.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

const KLOG = /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ helpers\.go:(\d+)\] (.*)$/;

function setup(): string {
  const home = tempHome();
  manualCluster(home);
  for (const a of [['apply', '-f', 'manifests/nginx-deployment.yaml'], ['rollout', 'status', 'deployment/nginx-deployment'],
    ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'], ['rollout', 'status', 'deployment/nginx-deployment']]) {
    assert.equal(ks(home, a).code, 0);
  }
  return home;
}

/** The verbs that change the cluster, each with the line kubectl prints (before the dry-run suffix). */
const VERBS: { args: string[]; line: string }[] = [
  { args: ['delete', 'deployment', 'nginx-deployment'], line: 'deployment.apps "nginx-deployment" deleted' },
  { args: ['label', 'deployment', 'nginx-deployment', 'tier=web'], line: 'deployment.apps/nginx-deployment labeled' },
  { args: ['annotate', 'deployment', 'nginx-deployment', 'note=x'], line: 'deployment.apps/nginx-deployment annotated' },
  { args: ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.17'], line: 'deployment.apps/nginx-deployment image updated' },
  { args: ['set', 'env', 'deployment/nginx-deployment', 'A=1'], line: 'deployment.apps/nginx-deployment env updated' },
  { args: ['set', 'resources', 'deployment/nginx-deployment', '--limits=cpu=200m'], line: 'deployment.apps/nginx-deployment resource requirements updated' },
  { args: ['rollout', 'undo', 'deployment/nginx-deployment'], line: 'deployment.apps/nginx-deployment rolled back' },
];

/** flag spelling -> [suffix of the printed line, klog line number and warning] */
const SPELLINGS: [string, string, [string, string] | undefined][] = [
  ['--dry-run=server', ' (server dry run)', undefined],
  ['--dry-run', ' (dry run)', ['702', '--dry-run is deprecated and can be replaced with --dry-run=client.']],
  ['--dry-run=unchanged', ' (dry run)', ['702', '--dry-run is deprecated and can be replaced with --dry-run=client.']],
  ['--dry-run=true', ' (dry run)', ['716', '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.']],
  ['--dry-run=T', ' (dry run)', ['716', '--dry-run=T is deprecated (boolean value) and can be replaced with --dry-run=client.']],
];

test('every dry-run spelling prints the suffix and kubectl\'s warning, and changes nothing', () => {
  const home = setup();
  const before = fs.readFileSync(stateFile(home));
  for (const v of VERBS) {
    for (const [flag, suffix, warning] of SPELLINGS) {
      if (v.args[0] === 'rollout' && flag !== '--dry-run=server') continue; // client undo prints the template instead
      const r = ks(home, [...v.args, flag]);
      assert.equal(r.code, 0, `${v.args.join(' ')} ${flag}: ${r.stderr}`);
      assert.equal(r.stdout, `${v.line}${suffix}\n`, `${v.args.join(' ')} ${flag}`);
      if (!warning) assert.equal(r.stderr, '');
      else {
        const m = KLOG.exec(r.stderr.trimEnd());
        assert.ok(m, `${flag}: ${r.stderr}`);
        assert.deepEqual([m[1], m[2]], warning);
      }
    }
  }
  assert.ok(fs.readFileSync(stateFile(home)).equals(before), 'a dry run changed the state file');
});

test('a bare --dry-run never takes the next argument as its value', () => {
  const home = setup();
  const before = fs.readFileSync(stateFile(home));
  const r = ks(home, ['delete', '--dry-run', 'deployment', 'nginx-deployment']);
  assert.equal(r.stdout, 'deployment.apps "nginx-deployment" deleted (dry run)\n');
  assert.equal(r.code, 0);
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});

test('invalid dry-run values are refused with kubectl\'s message and change nothing', () => {
  const home = setup();
  const before = fs.readFileSync(stateFile(home));
  for (const v of VERBS) {
    for (const bad of ['clinet', 'yes', '']) {
      const r = ks(home, [...v.args, `--dry-run=${bad}`]);
      assert.equal(r.stderr, `error: Invalid dry-run value (${bad}). Must be "none", "server", or "client".\n`, v.args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.code, 1);
    }
  }
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});

test('--dry-run=false is a real change, with the boolean deprecation warning', () => {
  const home = setup();
  const r = ks(home, ['label', 'deployment', 'nginx-deployment', 'tier=web', '--dry-run=false']);
  assert.equal(r.stdout, 'deployment.apps/nginx-deployment labeled\n');
  const m = KLOG.exec(r.stderr.trimEnd());
  assert.ok(m);
  assert.deepEqual([m[1], m[2]], ['719', '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.']);
  assert.equal(ks(home, ['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.labels.tier}']).stdout, 'web');
});
