// The grammar of kubectl's generator commands for commander: `create <generator>` subcommands, `run`,
// `expose` and `autoscale`. Commander only routes: each command re-reads its argv with pflag's rules
// (createflags.ts), so flags are declared in creategenerators.ts, not here.
import type { Command } from 'commander';

type Loader = () => Promise<{ run: (args: string[], opts: any, cmd: Command) => Promise<void> | void }>;
type Action = (loader: Loader) => (...params: any[]) => Promise<void>;

/** Each generator's words and aliases, in GENERATORS order (creategenerators.ts). */
const WORDS: string[][][] = [
  [['deployment', 'deploy']], [['configmap', 'cm']], [['secret'], ['generic']], [['secret'], ['docker-registry']], [['secret'], ['tls']],
  [['service', 'svc'], ['clusterip']], [['service', 'svc'], ['nodeport']], [['service', 'svc'], ['loadbalancer']], [['service', 'svc'], ['externalname']],
  [['job']], [['cronjob', 'cj']], [['namespace', 'ns']], [['serviceaccount', 'sa']], [['role']], [['clusterrole']], [['rolebinding']],
  [['clusterrolebinding']], [['quota', 'resourcequota']], [['priorityclass', 'pc']], [['poddisruptionbudget', 'pdb']], [['ingress', 'ing']],
];

/** `-h` ends a generator command after printing its help (creategen.ts HelpShown). */
function guard(run: (a: string[], o: any) => Promise<void>): (a: string[], o: any) => Promise<void> {
  return async (a, o) => {
    try {
      await run(a, o);
    } catch (e) {
      if ((e as { helpShown?: boolean })?.helpShown) return;
      throw e;
    }
  };
}

function passThrough(c: Command): Command {
  return c.argument('[args...]').allowUnknownOption(true).allowExcessArguments(true).helpOption(false);
}

export function registerGenerators(program: Command, create: Command, action: Action): void {
  const parents = new Map<string, Command>();
  WORDS.forEach((words, index) => {
    let parent = create;
    if (words.length === 2) {
      const key = words[0][0];
      let p = parents.get(key);
      if (!p) {
        p = create.command(key).argument('[args...]').allowExcessArguments(true);
        for (const a of words[0].slice(1)) p.alias(a);
        const which = key as 'secret' | 'service';
        p.action(action(async () => ({ run: guard(async (a: string[], o: any) => (await import('./creategenrun.js')).parentHelp(which, a, o)) })));
        parents.set(key, p);
      }
      parent = p;
    }
    const last = words[words.length - 1];
    const c = passThrough(parent.command(last[0]));
    for (const a of last.slice(1)) c.alias(a);
    c.action(action(async () => ({ run: guard(async (_a: string[], o: any) => (await import('./creategenrun.js')).runGenerator(index, o)) })));
  });
  const token = passThrough(create.command('token'));
  token.action(action(async () => ({ run: guard(async (_a: string[], o: any) => (await import('./createtoken.js')).run(o)) })));
  passThrough(program.command('run').description('Run a particular image on the cluster'))
    .action(action(async () => ({ run: guard(async (_a: string[], o: any) => (await import('./run.js')).run(o)) })));
  passThrough(program.command('expose').description('Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service'))
    .action(action(async () => ({ run: guard(async (_a: string[], o: any) => (await import('./expose.js')).run(o)) })));
  passThrough(program.command('autoscale').description('Auto-scale a deployment, replica set, stateful set, or replication controller'))
    .action(action(async () => ({ run: guard(async (_a: string[], o: any) => (await import('./autoscale.js')).run(o)) })));
}
