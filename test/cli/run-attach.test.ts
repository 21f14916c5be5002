// run -i attaches to a pod that is still running, with attach's prompt on stderr (a command that already ended has
// its output streamed, no prompt); --quiet drops the prompt and --rm's 'deleted' line; the exit code is the
// container's, and a shell reading stdin (stdinOnce) ends with the attach session, as its script ended.
import test from 'node:test';
import { play } from './helpers.js';

test('run -i: the prompt, --quiet, the exit code, a shell fed by the session', () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["run","t1","--rm","-i","--image=busybox","--restart=Never","--","sh","-c","sleep 2; echo hi"],"stdout":"hi\npod \"t1\" deleted\n","stderr":"If you don't see a command prompt, try pressing enter.\n"},
    {"args":["run","t2","--rm","-i","--image=busybox","--restart=Never","--","echo","hi"],"stdout":"hi\npod \"t2\" deleted\n"},
    {"args":["run","t3","--rm","-i","-q","--image=busybox","--restart=Never","--","sh","-c","sleep 2; echo hi"],"stdout":"hi\n"},
    {"args":["run","t4","--rm","-i","--image=busybox","--restart=Never","--","sh"],"input":"echo from stdin\nexit 4\n","stdout":"from stdin\npod \"t4\" deleted\n","stderr":"If you don't see a command prompt, try pressing enter.\npod default/t4 terminated (Error)\n","code":4},
    {"args":["run","t5","-i","--image=busybox","--restart=Never","--","sh"],"input":"echo kept\n","stdout":"kept\n","stderr":"If you don't see a command prompt, try pressing enter.\n"},
    {"args":["get","pods"],"stdout":"NAME   READY   STATUS      RESTARTS   AGE\nt5     0/1     Completed   0          1s\n"},
]));
