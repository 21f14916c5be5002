// Command-line parse errors in cobra/pflag's words (recorded from kubectl v1.32), exit 1, nothing on stdout.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

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
];

for (const [args, stderr] of cases) {
  test(`kubectl ${args.join(' ')}: cobra's error`, () => {
    const r = ks(tempHome(), args);
    assert.equal(r.stderr, stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
  });
}
