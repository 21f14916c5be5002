// kubectl cp end to end: files and directories into a container's writable paths (emptyDir, its own
// filesystem), out of any path (a ConfigMap key too), and kubectl's and tar's messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, pinnedCluster } from './helpers.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  containers:
  - name: bb
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: data, mountPath: /data}
  volumes:
  - name: config
    configMap: {name: cfg}
  - name: data
    emptyDir: {}
`;

test('cp to and from a pod: files, directories, read-only mounts, missing paths, bad specs', () => {
  const home = pinnedCluster();
  const run = (args: string[], input?: string) => ks(home, args, input);
  const ok = (args: string[], stdout = '', stderr = '') => {
    const r = run(args);
    assert.deepEqual([r.stdout, r.stderr, r.code], [stdout, stderr, 0], args.join(' '));
  };
  const fails = (args: string[], stderr: string, code = 1) => {
    const r = run(args);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['', stderr, code], args.join(' '));
  };
  ok(['create', 'configmap', 'cfg', '--from-literal=key=hello'], 'configmap/cfg created\n');
  assert.equal(run(['apply', '-f', '-'], POD).code, 0);
  // tar runs in the container: it must be running
  fails(['cp', home, 'bb:/data'], 'error: unable to upgrade connection: container not found ("bb")\n');
  ok(['clock', 'advance', '2s']);

  const local = path.join(home, 'local');
  fs.mkdirSync(path.join(local, 'dir', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(local, 'a.txt'), 'one\n');
  fs.writeFileSync(path.join(local, 'dir', 'b.txt'), 'two\n');
  fs.writeFileSync(path.join(local, 'dir', 'sub', 'c.txt'), 'three\n');

  ok(['cp', path.join(local, 'a.txt'), 'bb:/data/a.txt']);
  ok(['cp', path.join(local, 'dir'), 'bb:/data']);
  ok(['cp', path.join(local, 'a.txt'), 'bb:/tmp/']);
  ok(['cp', path.join(local, 'a.txt'), 'default/bb:/tmp/z']);
  ok(['exec', 'bb', '--', 'ls', '/data', '/data/dir'], '/data:\na.txt\ndir\n\n/data/dir:\nb.txt\nsub\n');
  ok(['exec', 'bb', '--', 'cat', '/data/a.txt', '/data/dir/sub/c.txt', '/tmp/a.txt', '/tmp/z'], 'one\nthree\none\none\n');

  const out = path.join(home, 'out');
  ok(['cp', 'bb:/data/dir', out], '', "tar: removing leading '/' from member names\n");
  assert.equal(fs.readFileSync(path.join(out, 'b.txt'), 'utf8'), 'two\n');
  assert.equal(fs.readFileSync(path.join(out, 'sub', 'c.txt'), 'utf8'), 'three\n');
  ok(['cp', 'bb:/etc/config/key', path.join(home, 'key.txt')], '', "tar: removing leading '/' from member names\n");
  assert.equal(fs.readFileSync(path.join(home, 'key.txt'), 'utf8'), 'hello');

  fails(['cp', path.join(local, 'a.txt'), 'bb:/etc/config/x'], "tar: can't open 'etc/config/x': Read-only file system\ncommand terminated with exit code 1\n");
  fails(['cp', 'bb:/nope', path.join(home, 'nope')], "tar: removing leading '/' from member names\ntar: /nope: No such file or directory\ncommand terminated with exit code 1\n");
  fails(['cp', path.join(home, 'missing'), 'bb:/data'], `error: ${path.join(home, 'missing')} doesn't exist in local filesystem\n`);
  fails(['cp', 'a', 'b'], 'error: one of src or dest must be a remote file specification\n');
  fails(['cp', 'bb:/a', 'bb:/b'], 'error: one of src or dest must be a local file specification\n');
  fails(['cp', 'x'], 'error: source and destination are required\n');
  fails(['cp', 'bb:', 'x'], 'error: filepath can not be empty\n');
  fails(['cp', 'nope:/a', 'x'], 'Error from server (NotFound): pods "nope" not found\n');
});
