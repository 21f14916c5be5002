// Runs one `kubectl create <generator>` (see creategenerators.ts for the table).
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { withCluster } from '../../store/session.js';
import { argvAfter, checkValidate, createOnServer, dryRunStrategy, parseInvocation, printFormat, printObject } from './creategen.js';
import { GENERATORS } from './creategenerators.js';
import { stdio } from '../io.js';

export async function runGenerator(index: number, opts: any): Promise<void> {
  const gen = GENERATORS[index];
  const path = `kubectl create ${gen.words.map((w) => w[0]).join(' ')}`;
  const inv = parseInvocation({ path, flags: gen.flags, required: gen.required, usage: gen.usage, summary: gen.summary }, argvAfter([['create'], ...gen.words]), opts);
  const name = inv.name();
  const dryRun = dryRunStrategy(inv);
  const fmt = printFormat(inv);
  checkValidate(inv);
  const plan = await gen.plan(inv, name);
  const needCluster = dryRun !== 'client' || plan.readsCluster;
  const annotate = async (objs: KObject[]) => {
    if (!inv.bool('save-config')) return objs;
    const { withApplyAnnotation } = await import('../../kubectl/generators/typed.js');
    return objs.map(withApplyAnnotation);
  };
  const finish = async (objs: KObject[]) => {
    for (const o of objs) await printObject(o, fmt, dryRun);
  };
  if (!needCluster) {
    await finish(await annotate(await plan.build()));
    return;
  }
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const built = await annotate(await plan.build(s));
    const out: KObject[] = [];
    for (const o of built) out.push(dryRun === 'client' ? o : await createOnServer(s, o, inv, dryRun, plan.wrap));
    await finish(out);
  });
}

/** `kubectl create secret|service` without a subcommand: cobra's help on stderr, exit 1. */
export async function parentHelp(which: 'secret' | 'service', _args: string[], opts: any): Promise<void> {
  const path = `kubectl create ${which}`;
  // cobra parses the parent's own (global) flags first
  const usage = which === 'secret' ? `${path} (docker-registry | generic | tls)` : `${path} [flags]`;
  const summary = which === 'secret' ? 'Make a Secret: docker-registry, generic or tls.' : 'Make a Service: clusterip, externalname, loadbalancer or nodeport.';
  const args = parseInvocation({ path, flags: [], usage, summary }, argvAfter([['create'], which === 'secret' ? ['secret'] : ['service', 'svc']]), opts).p.args;
  if (args.length) throw new UserError(`error: unknown command ${JSON.stringify(args.join(' '))}\nSee '${path} -h' for help and examples`);
  const subs = which === 'secret'
    ? [['docker-registry', 'Create a secret for a container registry login'], ['generic', 'Create a secret from files, directories or literal values'], ['tls', 'Create a secret holding a TLS certificate and its key']]
    : [['clusterip', 'Create a ClusterIP service'], ['externalname', 'Create an ExternalName service'], ['loadbalancer', 'Create a LoadBalancer service'], ['nodeport', 'Create a NodePort service']];
  const text = `Create a ${which} with one of the subcommands below.\n\nAvailable Commands:\n${subs.map(([n, d]) => `  ${n.padEnd(16)}${d}`).join('\n')}\n\nUsage:\n  ${usage} [options]\n\nUse "${path} <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
  stdio.err(text);
  process.exitCode = 1;
}
