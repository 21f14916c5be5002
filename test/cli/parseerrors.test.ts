// Command-line parse errors in cobra/pflag's words (recorded from kubectl v1.32), exit 1, nothing on stdout.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

const cases: [string[], string][] = [
  [['frob'], 'Error: unknown command "frob" for "kubectl"\n'],
  [['gte'], 'Error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\n'],
  [['get', '--foo'], "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
  [['get', '-Z'], "Error: unknown shorthand flag: 'Z' in -Z\nSee 'kubectl get --help' for usage.\n"],
  [['rollout', 'frob'], "error: unknown command \"frob\"\nSee 'kubectl rollout -h' for help and examples\n"],
  [['rollout', 'status', '--foo'], "Error: unknown flag: --foo\nSee 'kubectl rollout status --help' for usage.\n"],
  [['get', 'pods', '--output'], "Error: flag needs an argument: --output\nSee 'kubectl get --help' for usage.\n"],
  [['get', '-o'], "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
  [['scale', '--replicas'], "Error: flag needs an argument: --replicas\nSee 'kubectl scale --help' for usage.\n"],
  [['set', 'env', 'deploy/x', 'A=b', '--record'], "Error: unknown flag: --record\nSee 'kubectl set env --help' for usage.\n"],
  [['rollout', 'undo', 'deploy/x', '--record'], "Error: unknown flag: --record\nSee 'kubectl rollout undo --help' for usage.\n"],
  [['get', 'pods', '--show-labels=x'], 'Error: invalid argument "x" for "--show-labels" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  [['get', 'pods', '-w=x'], 'Error: invalid argument "x" for "-w, --watch" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  [['rollout', 'status', 'deploy/x', '--watch=x'], 'Error: invalid argument "x" for "-w, --watch" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl rollout status --help\' for usage.\n'],
  // commander's own switches take pflag's `=value` too
  [['get', 'pods', '--no-headers=x'], 'Error: invalid argument "x" for "--no-headers" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  [['get', 'pods', '-A=x'], 'Error: invalid argument "x" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  // no resource named: each verb's own wording (kubectl v1.32)
  [['rollout', 'status'], 'error: required resource not specified\n'],
  [['describe'], 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n'],
  [['delete'], NO_RESOURCES],
  [['set', 'image'], NO_RESOURCES],
  [['scale', '--replicas=1'], NO_RESOURCES],
  [['label'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
  [['set', 'env'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
  [['label', 'deploy/x'], 'error: at least one label update is required\n'],
];

test('pflag booleans never take the next argument: set image deploy --all nginx=...', () => {
  const home = tempHome();
  assert.equal(ks(home, ['create', 'deployment', 'web', '--image=nginx:1.16']).code, 0);
  const r = ks(home, ['set', 'image', 'deploy', '--all', 'nginx=nginx:1.17']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'deployment.apps/web image updated\n');
  assert.equal(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']).stdout, 'nginx:1.17');
  // and `--flag=false` / `-w=false` turn them off
  assert.equal(ks(home, ['get', 'deploy', '--show-labels=false', '--no-headers', '-o', 'name']).stdout, 'deployment.apps/web\n');
  // commander's switches too: `--no-headers=false` prints the headers, `-A=false` stays in the namespace
  assert.match(ks(home, ['get', 'deploy', '--no-headers=false']).stdout, /^NAME +READY/);
  assert.match(ks(home, ['get', 'deploy', '--no-headers=true']).stdout, /^web +/);
  assert.match(ks(home, ['get', 'cm', '-A=false', '--no-headers']).stdout, /^kube-root-ca\.crt +1 /);
  assert.match(ks(home, ['get', 'cm', '-A=true', '--no-headers']).stdout, /^default +kube-root-ca\.crt /);
});

for (const [args, stderr] of cases) {
  test(`kubectl ${args.join(' ')}: cobra's error`, () => {
    const r = ks(tempHome(), args);
    assert.equal(r.stderr, stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
  });
}
