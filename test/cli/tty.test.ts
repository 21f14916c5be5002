// Colour and the spinner are for terminals only: scripts (non-TTY) get kubectl's bytes exactly.
// NO_COLOR turns colour off, FORCE_COLOR turns it on (and wins). A pty comes from util-linux `script`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, ks, tempHome } from './helpers.js';

const ESC = '\x1b[';
const NOT_FOUND = 'Error from server (NotFound): deployments.apps "nope" not found';

function plainEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.NO_COLOR; delete e.FORCE_COLOR; delete e.KUBESIM_CLUSTER;
  Object.assign(e, { KUBESIM_HOME: home }, extra);
  if (!('TERM' in extra)) e.TERM = 'xterm';
  return e;
}

function run(home: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(BIN, args, { env: plainEnv(home, extra), cwd: ROOT, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Run on a pty 100 columns wide; stdout and stderr arrive merged. */
function onTty(home: string, args: string[], extra: Record<string, string> = {}): string {
  const cmd = `stty cols 100; ${BIN} ${args.join(' ')}`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: plainEnv(home, extra), cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return r.stdout;
}

test('not a TTY: no ANSI codes on stdout or stderr', () => {
  const home = tempHome();
  const r = run(home, ['get', 'deployment', 'nope']);
  assert.equal(r.stderr, `${NOT_FOUND}\n`);
  assert.equal(r.code, 1);
  assert.equal(run(home, ['get', 'nodes', '-o', 'name']).stdout, 'node/node-1\n');
});

test('FORCE_COLOR colours the error prefix on stderr only; stdout stays kubectl\'s bytes', () => {
  const home = tempHome();
  const r = run(home, ['get', 'deployment', 'nope'], { FORCE_COLOR: '1' });
  assert.equal(r.stderr, `${ESC}1m${ESC}31mError from server (NotFound):${ESC}39m${ESC}22m deployments.apps "nope" not found\n`);
  assert.equal(run(home, ['get', 'nodes', '-o', 'name'], { FORCE_COLOR: '1' }).stdout, 'node/node-1\n');
  // FORCE_COLOR=0 forces it off
  assert.equal(run(home, ['get', 'deployment', 'nope'], { FORCE_COLOR: '0' }).stderr, `${NOT_FOUND}\n`);
});

test('on a TTY errors are coloured unless NO_COLOR is set', () => {
  const home = tempHome();
  assert.ok(onTty(home, ['get', 'deployment', 'nope']).startsWith(`${ESC}1m${ESC}31mError from server (NotFound):`));
  assert.equal(onTty(home, ['get', 'deployment', 'nope'], { NO_COLOR: '1' }), `${NOT_FOUND}\r\n`);
});

test('realtime rollout status: a spinner on a TTY\'s stderr, none when piped', () => {
  const home = tempHome();
  assert.equal(ks(home, ['clock', 'set-mode', 'realtime']).code, 0);
  assert.equal(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']).code, 0);
  // CI=true (as CI machines set it) must not change what a terminal shows
  const tty = onTty(home, ['rollout', 'status', 'deployment/nginx-deployment'], { CI: 'true' });
  assert.ok(tty.includes(`${ESC}?25l`), 'ora hides the cursor while spinning');
  assert.ok(!tty.includes('- waiting'), 'no plain-text fallback lines from a disabled spinner');
  assert.ok(tty.includes('waiting for deployment "nginx-deployment"'));
  assert.ok(tty.includes('deployment "nginx-deployment" successfully rolled out\r\n'));

  assert.equal(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1']).code, 0);
  const piped = run(home, ['rollout', 'status', 'deployment/nginx-deployment']);
  assert.equal(piped.stderr, '');
  assert.equal(piped.code, 0);
  assert.ok(!piped.stdout.includes('\x1b'));
  assert.ok(piped.stdout.endsWith('deployment "nginx-deployment" successfully rolled out\n'));
  for (const line of piped.stdout.trimEnd().split('\n').slice(0, -1)) {
    assert.match(line, /^Waiting for deployment "nginx-deployment" rollout to finish: /);
  }
});
