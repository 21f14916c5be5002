// pods/ephemeralcontainers in `kubesim serve`: only ephemeral containers may be added, with the API
// server's validation; real kubectl debug (when installed) adds one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ks } from '../cli/helpers.js';
import { serve } from './http-helpers.js';

const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const PATH = '/api/v1/namespaces/default/pods/web/ephemeralcontainers';

test('pods/ephemeralcontainers: added by a patch, defaulted; removing, changing or invalid ones refused with the API server\'s words', async () => {
  const s = await serve();
  try {
    for (const a of [['clock', 'set-mode', 'manual'], ['run', 'web', '--image=nginx'], ['clock', 'advance', '3s']]) assert.equal(ks(s.home, a).code, 0);
    const patch = (body: unknown, type = 'application/strategic-merge-patch+json') => s.api(PATH, { method: 'PATCH', headers: { 'content-type': type }, body: JSON.stringify(body) });
    const added = await patch({ spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', targetContainerName: 'web', stdin: true, tty: true }] } });
    assert.equal(added.status, 200);
    const pod = await added.json();
    assert.equal(pod.kind, 'Pod');
    assert.deepEqual(pod.spec.ephemeralContainers, [{ name: 'debugger', image: 'busybox', targetContainerName: 'web', stdin: true, tty: true, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }]);
    assert.equal((await (await s.api(PATH)).json()).spec.ephemeralContainers.length, 1);
    const invalid = async (body: unknown, type?: string) => {
      const r = await patch(body, type);
      assert.equal(r.status, 422);
      return (await r.json()).message;
    };
    assert.equal(await invalid({ spec: { ephemeralContainers: [] } }, 'application/merge-patch+json'), 'Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n');
    assert.equal(await invalid({ spec: { ephemeralContainers: [{ name: 'web', image: 'busybox', ports: [{ containerPort: 80 }] }, { name: 'x', targetContainerName: 'nope' }] } }),
      'Pod "web" is invalid: [spec.ephemeralContainers[0].name: Duplicate value: "web", spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[1].image: Required value, spec.ephemeralContainers[1].targetContainerName: Not found: "nope"]');
    // the rest of the pod is not this subresource's to change
    const other = await patch({ metadata: { labels: { extra: 'yes' } }, spec: { ephemeralContainers: [{ name: 'second', image: 'busybox' }] } });
    assert.equal(other.status, 200);
    const after = await (await s.api('/api/v1/namespaces/default/pods/web')).json();
    assert.equal(after.metadata.labels.extra, undefined);
    // a strategic merge patch without $setElementOrder puts its own items first, as upstream's does
    assert.deepEqual(after.spec.ephemeralContainers.map((c: any) => c.name), ['second', 'debugger']);
  } finally {
    await s.stop();
  }
});

test('real kubectl debug POD --image adds an ephemeral container through kubesim serve', { skip: HAVE_KUBECTL ? false : 'kubectl is not on PATH' }, async () => {
  const s = await serve();
  try {
    for (const a of [['clock', 'set-mode', 'manual'], ['run', 'web', '--image=nginx'], ['clock', 'advance', '3s']]) assert.equal(ks(s.home, a).code, 0);
    const kubectl = (args: string[]) => spawnSync('kubectl', ['-s', s.url, ...args], { env: { ...process.env, HOME: s.home, KUBECONFIG: '/dev/null' }, encoding: 'utf8', timeout: 30000 });
    const legacy = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
    const r = kubectl(['debug', 'web', '--image=busybox']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, legacy);
    assert.match(r.stdout, /^Defaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    const t = kubectl(['debug', 'web', '--image=busybox', '-c', 'dbg', '--target=nope']);
    assert.equal(t.status, 1);
    assert.match(t.stderr, /The Pod "web" is invalid: spec\.ephemeralContainers\[1\]\.targetContainerName: Not found: "nope"\n$/);
    assert.match(ks(s.home, ['get', 'pod', 'web', '-o', 'jsonpath={.spec.ephemeralContainers[*].name}']).stdout, /^debugger-[a-z0-9]{5}$/);
  } finally {
    await s.stop();
  }
});
