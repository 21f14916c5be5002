// `kubesim apply -f` of the common mistakes of each kind: the API server's message on stderr, exit 1, and
// nothing changed in the cluster.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, manualCluster, ok, tempHome } from './helpers.js';

function manifest(home: string, name: string, yaml: string): string {
  const f = path.join(home, name);
  fs.writeFileSync(f, yaml);
  return f;
}

const JOB = (restartPolicy: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(20)"]
      restartPolicy: ${restartPolicy}
`;

const CASES: { name: string; yaml: string; stderr: string; list: string[] }[] = [
  {
    name: 'job-always.yaml', yaml: JOB('Always'), list: ['get', 'jobs'],
    stderr: 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
  },
  {
    name: 'cronjob.yaml', list: ['get', 'cronjobs'],
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "every minute"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
          restartPolicy: OnFailure
`,
    stderr: 'The CronJob "hello" is invalid: spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]\n',
  },
  {
    name: 'svc.yaml', list: ['get', 'services', 'web', '--ignore-not-found'],
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 70000
    targetPort: 8080
`,
    stderr: 'The Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
  },
  {
    name: 'secret.yaml', list: ['get', 'secrets', 'db', '--ignore-not-found'],
    yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  password: hunter2
`,
    stderr: 'Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n',
  },
  {
    name: 'cm.yaml', list: ['get', 'configmaps', 'app', '--ignore-not-found'],
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  conf/app.properties: "a=b"
`,
    stderr: `The ConfigMap "app" is invalid: data[conf/app.properties]: Invalid value: "conf/app.properties": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name' or 'KEY_NAME' or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
  },
];

test('apply -f of an invalid object: the API server\'s message, exit 1, nothing stored', () => {
  const home = tempHome();
  for (const c of CASES) {
    manifest(home, c.name, c.yaml);
    const r = ks(home, ['apply', '-f', path.join(home, c.name)]);
    assert.equal(r.stderr.replace(home + path.sep, ''), c.stderr, c.name);
    assert.equal(r.stdout, '', c.name);
    assert.equal(r.code, 1, c.name);
    const after = ks(home, c.list);
    assert.equal(after.stdout, '', c.name);
  }
});

test('apply -f of an immutable change leaves the stored object as it was', () => {
  const home = tempHome();
  // a manual clock: the Job controller's status updates must not move between the two reads
  manualCluster(home);
  const f = manifest(home, 'job.yaml', JOB('Never'));
  assert.equal(ok(ks(home, ['apply', '-f', f])), 'job.batch/pi created\n');
  const before = ok(ks(home, ['get', 'job', 'pi', '-o', 'json']));
  manifest(home, 'job.yaml', JOB('Never').replace('perl:5.34.0', 'perl:5.36.0'));
  const r = ks(home, ['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The Job "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*Image:"perl:5\.36\.0".*\}: field is immutable\n$/s);
  assert.equal(ok(ks(home, ['get', 'job', 'pi', '-o', 'json'])), before);
});

test('applying again what the server allocated or injected is unchanged (node ports, token volume)', () => {
  const home = tempHome();
  const svc = manifest(home, 'svc.yaml', `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - name: http
    port: 80
  - name: https
    port: 443
`);
  const pod = manifest(home, 'pod.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
`);
  assert.equal(ok(ks(home, ['apply', '-f', svc, '-f', pod])), 'service/web created\npod/web created\n');
  assert.equal(ok(ks(home, ['apply', '-f', svc, '-f', pod])), 'service/web unchanged\npod/web unchanged\n');
  const ports = JSON.parse(ok(ks(home, ['get', 'svc', 'web', '-o', 'json']))).spec.ports;
  assert.ok(ports.every((p: any) => p.nodePort >= 30000 && p.nodePort <= 32767));
  const vols = JSON.parse(ok(ks(home, ['get', 'pod', 'web', '-o', 'json']))).spec.volumes;
  assert.equal(vols.length, 1);
  assert.deepEqual(vols[0].projected.sources.map((s: any) => Object.keys(s)[0]), ['serviceAccountToken', 'configMap', 'downwardAPI']);
});
