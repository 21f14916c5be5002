// run -i attaches to a pod that is still running, with attach's prompt on stderr (a command that already ended has
// its output streamed, no prompt); --quiet drops the prompt and --rm's 'deleted' line; the exit code is the container's.
import test from 'node:test';
import { play } from './helpers.js';

test('run -i: the prompt, --quiet, the exit code', () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["run","t1","--rm","-i","--image=busybox","--restart=Never","--","sh","-c","sleep 2; echo hi"],"stdout":"hi\npod \"t1\" deleted\n","stderr":"If you don't see a command prompt, try pressing enter.\n"},
    {"args":["run","t2","--rm","-i","--image=busybox","--restart=Never","--","echo","hi"],"stdout":"hi\npod \"t2\" deleted\n"},
    {"args":["run","t3","--rm","-i","-q","--image=busybox","--restart=Never","--","sh","-c","sleep 2; echo hi"],"stdout":"hi\n"},
    {"args":["get","pods"],"stdout":"","stderr":"No resources found in default namespace.\n"},
]));
