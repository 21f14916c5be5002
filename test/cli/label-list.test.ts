// label and annotate --list: the object's map as kubectl prints it (alone for one object named, under a heading
// per object otherwise), with the changes asked for applied but not saved; its and --all's flag errors.
import test from 'node:test';
import { play } from './helpers.js';

test('label --list and annotate --list', () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["create","deploy","web","--image=nginx","--replicas=1"],"stdout":"deployment.apps/web created\n"},
    {"args":["run","p","--image=nginx","--labels=app=p,tier=fe"],"stdout":"pod/p created\n"},
    {"args":["label","pod","p","--list"],"stdout":"app=p\ntier=fe\n"},
    {"args":["label","pod","p","--list","x=y","tier-"],"stdout":"app=p\nx=y\n"},
    {"args":["label","pod","p","--list"],"stdout":"app=p\ntier=fe\n"},
    {"args":["label","deploy,pod","--all","--list"],"stdout":"Listing labels for Deployment.apps/web:\n app=web\nListing labels for Pod./p:\n app=p\n tier=fe\nListing labels for Pod./web-65d846d465-5fnmp:\n app=web\n pod-template-hash=65d846d465\n"},
    {"args":["label","pod","--all","-l","app","x=y"],"stdout":"","stderr":"error: cannot set --all and --selector at the same time\n","code":1},
    {"args":["annotate","deploy","web","--list"],"stdout":"deployment.kubernetes.io/revision=1\n"},
    {"args":["label","pod","p","--list","-o","yaml"],"stdout":"","stderr":"error: --list and --output may not be specified together\n","code":1},
    {"args":["label","pod","p","nope-"],"stdout":"label \"nope\" not found.\npod/p not labeled\n"},
    {"args":["label","pod","p","nope-","--dry-run=client"],"stdout":"pod/p not labeled (dry run)\n"},
]));
