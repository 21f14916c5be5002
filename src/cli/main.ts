// The commander program: kubectl's grammar (`kubesim get deploy,rs -n x -o wide`, `alias k=kubesim`).
// Each verb's implementation is loaded only when that verb runs (start-up stays lean).
import { Command, CommanderError } from 'commander';
import { renderError } from './errors.js';
import { holdStdout, redirected, releaseStdout, stderrStream, stdio } from './io.js';
import { SaveError } from '../store/file.js';
import { rememberArgv } from './record.js';
import { addNegations, boolFlag, normaliseArgs } from './pflag.js';
import { addFlagTypes } from './flagtypes.js';
import { registerGenerators } from './commands/createregister.js';
import { forgetKubeconfig, setGlobalFlags } from '../kubectl/kubeconfig.js';
import { resolveContext } from './context.js';
import { needsGrammar } from './help/hook.js';
import { addKubectlGlobals } from './globalflags.js';
import { setShowManagedFields } from '../printers/managedfields.js';
import { forwardable, rememberCommandLine, residentable, residentWanted } from './forward.js';
import { handBack, inResident } from './resident/handback.js';

function isConfigCommand(cmd: Command): boolean {
  return cmd.parent?.name() === 'config';
}

type Loader = () => Promise<{ run: (args: string[], opts: any, cmd: Command) => Promise<void> | void }>;

function action(loader: Loader) {
  return async function (this: Command, ...params: any[]) {
    const cmd = params[params.length - 1] as Command;
    const opts = cmd.optsWithGlobals();
    const args = (cmd.args || []) as string[];
    setGlobalFlags(opts);
    setShowManagedFields(!!opts.showManagedFields);
    // the kubeconfig's context decides the cluster and default namespace (config edits the file itself)
    if (!isConfigCommand(cmd)) await resolveContext(opts);
    // a running `kubesim serve` for the cluster runs the command itself (src/cli/remote.ts)
    if (forwardable(cmd, opts) && await (await import('./remote.js')).forward(opts)) return;
    if (inResident() && !residentable(cmd, opts)) handBack('it is not one the resident process runs');
    const mod = await loader();
    // the names of the cluster's custom resources resolve as kubectl's discovery would find them
    if (!isConfigCommand(cmd)) (await import('../store/session.js')).armDiscovery(opts.cluster);
    // kubectl's shortcut expander prints its warnings (`short name "ev" could also match ...`) on stderr
    (await import('../api/resources.js')).setShortcutWarningHandler((msg) => stdio.err(`Warning: ${msg}\n`));
    holdStdout();
    try {
      await mod.run(args, opts, cmd);
    } catch (e) {
      releaseStdout(!(e instanceof SaveError)); // nothing was stored: no "created" line
      throw e;
    }
    releaseStdout();
    // a script's commands in a row: the next ones may be run by a warm kubesim (src/cli/resident/)
    if (!redirected() && !process.exitCode && residentWanted() && residentable(cmd, opts)) {
      (await import('./resident/start.js')).startResidentIfBursting();
    }
  };
}

function outputOpts(c: Command): Command {
  return templateOpts(c.option('-o, --output <format>', 'Output format: json|yaml|name|wide|jsonpath=...|custom-columns=...'));
}

/** kubectl's template printer flags, on every command with -o. */
function templateOpts(c: Command): Command {
  return c
    .option('--template <string>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].')
    .addOption(boolFlag('--allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.', true));
}

/** set's -f/-R/--local (the builder's files, changed without the server with --local). */
function setFileOpts(c: Command): Command {
  return c.option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource', (v: string, p: string[] = []) => [...p, v])
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively'))
    .addOption(boolFlag('--local', 'If true, set will NOT contact api-server but run locally.'));
}

/** apply view-last-applied | set-last-applied | edit-last-applied (commands/applylastapplied.ts). */
function registerLastApplied(apply: Command): void {
  const files = (c: Command, recursive = true) => {
    c.argument('[args...]').allowExcessArguments(true)
      .option('-f, --filename <file>', 'Filename, directory, or URL to files', (v: string, p: string[] = []) => [...p, v]);
    return recursive ? c.addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively')) : c;
  };
  const load = (fn: 'view' | 'set' | 'edit') => action(async () => ({ run: (await import('./commands/applylastapplied.js'))[fn] }));
  files(apply.command('view-last-applied').description('View the latest last-applied-configuration annotations of a resource/object'))
    .option('-o, --output <format>', 'Output format. Must be one of (yaml, json)')
    .addOption(boolFlag('--all', 'Select all resources in the namespace of the specified resource types'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .action(load('view'));
  templateOpts(files(apply.command('set-last-applied').description('Set the last-applied-configuration annotation on a live object to match the contents of a file'), false)
    .option('-o, --output <format>', 'Output format'))
    .option('--dry-run [strategy]', 'none|client|server')
    .addOption(boolFlag('--create-annotation', "Will create 'last-applied-configuration' annotations if current objects doesn't have one"))
    .action(load('set'));
  files(apply.command('edit-last-applied').description('Edit latest last-applied-configuration annotations of a resource/object'))
    .option('-o, --output <format>', 'Output format. One of: (yaml, json).')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.')
    .addOption(boolFlag('--windows-line-endings', 'Defaults to the line ending native to your platform.'))
    .option('--validate [mode]', 'strict|warn|ignore|true|false')
    .action(load('edit'));
}

export function buildProgram(): Command {
  const program = new Command('kubectl');
  program
    .option('-n, --namespace <namespace>', 'If present, the namespace scope for this CLI request')
    .option('--cluster <name>', 'The kubesim cluster to use (default: $KUBESIM_CLUSTER or "default")')
    .option('--context <name>', 'The name of the kubeconfig context to use')
    .option('--kubeconfig <file>', 'Path to the kubeconfig file to use for CLI requests (default: $KUBECONFIG, else $KUBESIM_HOME/kubeconfig)')
    .option('-v, --v <level>', 'number for the log level verbosity')
    .option('--request-timeout <duration>', 'accepted for compatibility')
    .helpOption('-h, --help', 'help for kubectl')
    .allowExcessArguments(true);

  outputOpts(program.command('get').argument('[args...]').description('Display one or many resources'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .option('-A, --all-namespaces', 'List the requested object(s) across all namespaces')
    .option('-L, --label-columns <columns>', 'Columns of label values', (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .addOption(boolFlag('--show-labels', 'Show all labels as the last column'))
    .addOption(boolFlag('--show-kind', 'If present, list the resource type for the requested object(s).'))
    .option('--no-headers', 'Don\'t print headers')
    .option('--sort-by <expr>', 'Sort list types using this field specification')
    .addOption(boolFlag('-w, --watch', 'After listing/getting the requested object, watch for changes'))
    .addOption(boolFlag('--watch-only', 'Watch for changes to the requested object(s), without listing/getting first'))
    .option('--raw <uri>', 'Raw URI to request from the server.')
    .addOption(boolFlag('--output-watch-events', 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.'))
    .option('--timeout <duration>', 'kubesim: in manual mode, how much virtual time a watch covers')
    .option('-f, --filename <file>', 'Filename identifying the resource', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .addOption(boolFlag('--ignore-not-found', 'If set, suppress NotFound errors'))
    .addOption(boolFlag('--show-managed-fields', 'accepted for compatibility'))
    .option('--chunk-size <n>', 'accepted for compatibility')
    .addOption(boolFlag('--server-print', 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.', true))
    .option('--subresource <name>', 'If specified, gets the subresource of the requested object. This flag is beta and may change in the future.')
    .action(action(() => import('./commands/get.js')));

  program.command('describe').argument('[args...]').description('Show details of a specific resource or group of resources')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('-A, --all-namespaces', 'across all namespaces')
    .option('-f, --filename <file>', 'Filename identifying the resource', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once. Pass 0 to disable.')
    .addOption(boolFlag('--show-events', 'If true, display events related to the described object.', true))
    .action(action(() => import('./commands/describe.js')));

  for (const verb of ['apply', 'create']) {
    const c = outputOpts(program.command(verb).argument('[args...]'))
      .option('-f, --filename <file>', 'The files that contain the configurations', (v: string, p: string[] = []) => [...p, v])
      .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
      .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively'))
      .option('--dry-run [strategy]', 'none|client|server')
      .option('--validate [mode]', 'strict|warn|ignore|true|false')
      .option('--field-manager <name>', 'accepted for compatibility')
      .addOption(boolFlag('--save-config', 'accepted for compatibility'))
      .addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'))
      .allowExcessArguments(true);
    if (verb === 'create') {
      c.addOption(boolFlag('--edit', 'Edit the API resource before creating'))
        .addOption(boolFlag('--windows-line-endings', 'Only relevant if --edit=true. Defaults to the line ending native to your platform.'));
      registerGenerators(program, c, action);
    }
    c.option('-l, --selector <selector>', 'Selector (label query) to filter on')
    if (verb === 'apply') c.addOption(boolFlag('--prune', 'Automatically delete resource objects that do not appear in the configs and were created by apply'))
      .addOption(boolFlag('--all', 'Select all resources in the namespace of the specified resource types.'))
      .option('--prune-allowlist <gvk>', 'Overwrite the default allowlist with <group/version/kind> for --prune', (v: string, p: string[] = []) => [...p, v])
      .addOption(boolFlag('--force', 'If true, immediately remove resources from API and bypass graceful deletion (apply: delete and re-create what the server refuses to patch).'))
      .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully (with --force).')
      .option('--timeout <duration>', 'The length of time to wait before giving up on a delete (with --force).')
      .addOption(boolFlag('--wait', 'If true, wait for resources to be gone before returning (with --force).'))
      .option('--cascade [mode]', 'Must be "background", "orphan", or "foreground" (with --force).')
      .addOption(boolFlag('--overwrite', 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration', true))
      .addOption(boolFlag('--openapi-patch', 'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec.', true))
      .option('--subresource <name>', 'If specified, apply will operate on the subresource of the requested object. Only allowed when using --server-side.').addOption(boolFlag('--server-side', 'accepted for compatibility')).addOption(boolFlag('--force-conflicts', 'accepted for compatibility'));
    c.action(action(() => import(`./commands/${verb}.js`)));
    if (verb === 'apply') registerLastApplied(c);
  }

  outputOpts(program.command('replace').argument('[args...]').description('Replace a resource by file name or stdin'))
    .option('-f, --filename <file>', 'The files that contain the configurations to replace.', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively'))
    .option('--dry-run [strategy]', 'none|client|server')
    .option('--validate [mode]', 'strict|warn|ignore|true|false')
    .addOption(boolFlag('--force', 'Delete and re-create the resource'))
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully (with --force).')
    .option('--timeout <duration>', 'How long to wait for the delete (with --force)')
    .addOption(boolFlag('--wait', 'accepted for compatibility'))
    .option('--cascade [mode]', 'accepted for compatibility')
    .option('--field-manager <name>', 'accepted for compatibility')
    .addOption(boolFlag('--save-config', 'Record the configuration in the last-applied-configuration annotation'))
    .addOption(boolFlag('--show-managed-fields', 'accepted for compatibility'))
    .option('--subresource <name>', 'accepted for compatibility')
    .action(action(() => import('./commands/replace.js')));

  program.command('diff').argument('[args...]').description('Diff the live version against a would-be applied version')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files contains the configuration to diff', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .addOption(boolFlag('--server-side', 'accepted for compatibility'))
    .addOption(boolFlag('--force-conflicts', 'accepted for compatibility'))
    .addOption(boolFlag('--prune', 'Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned'))
    .option('--field-manager <name>', 'accepted for compatibility')
    .addOption(boolFlag('--show-managed-fields', 'If true, include managed fields in the diff.'))
    .option('--concurrency <n>', 'accepted for compatibility')
    .option('--prune-allowlist <gvk>', 'accepted for compatibility', (v: string, p: string[] = []) => [...p, v])
    .action(action(() => import('./commands/diff.js')));

  program.command('delete').argument('[args...]').description('Delete resources')
    .option('-f, --filename <file>', 'files', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f recursively'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .addOption(boolFlag('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.'))
    .option('--timeout <duration>', 'The length of time to wait before giving up on a delete')
    .addOption(boolFlag('--all', 'Delete all resources, in the namespace of the specified resource types.'))
    .option('--cascade [mode]', 'background|orphan|foreground')
    .addOption(boolFlag('--ignore-not-found', 'Treat "resource not found" as a successful delete.'))
    .addOption(boolFlag('--wait', 'accepted for compatibility', true))
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully.')
    .addOption(boolFlag('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'))
    .addOption(boolFlag('--force', 'Immediate deletion'))
    .option('--dry-run [strategy]', 'none|client|server')
    .option('-o, --output <format>', 'name')
    .addOption(boolFlag('-i, --interactive', 'If true, delete resource only when user confirms.'))
    .action(action(() => import('./commands/delete.js')));

  for (const verb of ['label', 'annotate']) {
    outputOpts(program.command(verb).argument('[args...]'))
      .addOption(boolFlag('--overwrite', 'If true, allow labels/annotations to be overwritten'))
      .addOption(boolFlag('--list', `If true, display the ${verb === 'label' ? 'labels' : 'annotations'} for a given resource.`))
      .option('-l, --selector <selector>', 'Selector (label query) to filter on')
      .addOption(boolFlag('--all', 'Select all resources, in the namespace of the specified resource types'))
      .option('-f, --filename <file>', 'files', (v: string, p: string[] = []) => [...p, v])
      .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
      .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
      .option('--dry-run [strategy]', 'none|client|server')
      .option('--resource-version <rv>', 'only if the resource version matches')
      .option('--field-selector <selector>', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.')
      .option('--field-manager <name>', 'Name of the manager used to track field ownership.')
      .addOption(boolFlag('--record', 'deprecated'))
      .action(action(() => import(`./commands/${verb}.js`)));
  }

  const rollout = program.command('rollout').description('Manage the rollout of one or many resources');
  const ro = (name: string, fn: (m: any, a: string[], o: any) => Promise<void>) =>
    rollout.command(name).argument('[args...]').option('-l, --selector <selector>', 'Selector (label query) to filter on')
      .option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to get from a server.', (v: string, p: string[] = []) => [...p, v])
      .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
      .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
      .action(action(async () => ({ run: async (a: string[], o: any) => fn(await import('./commands/rollout.js'), a, o) })));
  ro('status', (m, a, o) => m.status(a, o))
    .addOption(boolFlag('-w, --watch', 'Watch the status of the rollout until it\'s done.', true))
    .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never.')
    .option('--revision <n>', 'Pin to a specific revision for showing its status.');
  templateOpts(ro('history', (m, a, o) => m.history(a, o)).option('--revision <n>', 'See the details of the revision specified').option('-o, --output <format>', 'Output format'));
  outputOpts(ro('undo', (m, a, o) => m.undo(a, o))).option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).').option('--dry-run [strategy]', 'none|client|server');
  // pause, resume and restart print the patched object with -o, and name their field manager
  for (const c of [ro('pause', (m, a, o) => m.pauseResume('pause', a, o)), ro('resume', (m, a, o) => m.pauseResume('resume', a, o)), ro('restart', (m, a, o) => m.restart(a, o))]) {
    outputOpts(c).option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-rollout');
  }

  const set = program.command('set').description('Set specific features on objects');
  for (const sub of ['image', 'resources', 'env'] as const) {
    const c = set.command(sub).argument('[args...]')
      .option('-l, --selector <selector>', 'Selector (label query) to filter on')
      .addOption(boolFlag('--all', 'Select all resources in the namespace'))
      .option('-c, --containers <name>', 'containers to change')
      .option('--dry-run [strategy]', 'none|client|server')
      .option('-o, --output <format>', 'Output format')
      .action(action(async () => ({ run: async (a: string[], o: any, c: Command) => (await import('./commands/set.js')).run(sub, a, { ...o, container: o.containers }, c) })));
    templateOpts(c);
    // kubectl never gave `set env` the deprecated --record flag
    if (sub !== 'env') c.addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'));
    if (sub === 'resources') c.option('--limits <list>', 'cpu=200m,memory=512Mi').option('--requests <list>', 'cpu=100m,memory=256Mi');
    setFileOpts(c).option('--field-manager <name>', 'Name of the manager used to track field ownership.')
      .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.');
    if (sub === 'env') {
      c.option('-e, --env <KEY=VALUE>', 'Specify a key-value pair for an environment variable to set into each container.', (v: string, p: string[] = []) => [...p, v])
        .option('--from <resource>', 'The name of a resource from which to inject environment variables')
        .option('--prefix <prefix>', 'Prefix to append to variable names')
        .option('--keys <keys>', 'Comma-separated list of keys to import from specified resource', (v: string, p: string[] = []) => [...p, v])
        .addOption(boolFlag('--list', 'If true, display the environment and any changes in the standard format.'))
        .addOption(boolFlag('--resolve', 'If true, show secret or configmap references when listing variables'))
        .addOption(boolFlag('--overwrite', 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.', true));
    }
  }


  for (const [verb, fn, desc] of [['cordon', 'cordon', 'Mark node as unschedulable'], ['uncordon', 'uncordon', 'Mark node as schedulable']]) {
    program.command(verb).argument('[args...]').description(desc)
      .option('-l, --selector <selector>', 'Selector (label query) to filter on')
      .option('--dry-run [strategy]', 'none|client|server')
      .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/drain.js') as any)[fn](a, o) })));
  }
  program.command('drain').argument('[args...]').description('Drain node in preparation for maintenance')
    .addOption(boolFlag('--force', 'Continue even if there are pods not managed by a ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet.'))
    .addOption(boolFlag('--ignore-daemonsets', 'Ignore DaemonSet-managed pods.'))
    .addOption(boolFlag('--ignore-errors', 'Ignore errors occurred between drain nodes in group.'))
    .addOption(boolFlag('--delete-local-data', 'Continue even if there are pods using emptyDir (deprecated)'))
    .addOption(boolFlag('--delete-emptydir-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'))
    .option('--grace-period <seconds>', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.')
    .option('--timeout <duration>', 'The length of time to wait before giving up, zero means infinite')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--pod-selector <selector>', 'Label selector to filter pods on the node')
    .addOption(boolFlag('--disable-eviction', 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.'))
    .option('--skip-wait-for-delete-timeout <seconds>', 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.')
    .option('--chunk-size <n>', 'accepted for compatibility')
    .option('--dry-run [strategy]', 'none|client|server')
    .action(action(() => import('./commands/drain.js')));
  outputOpts(program.command('taint').argument('[args...]').description('Update the taints on one or more nodes'))
    .addOption(boolFlag('--overwrite', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2)')
    .addOption(boolFlag('--all', 'Select all nodes in the cluster'))
    .option('--dry-run [strategy]', 'none|client|server')
    .option('--validate [mode]', 'strict|warn|ignore|true|false')
    .option('--field-manager <name>', 'accepted for compatibility')
    .action(action(() => import('./commands/taint.js')));
  const subject = set.command('subject').argument('[args...]')
    .addOption(boolFlag('--all', 'Select all resources, in the namespace of the specified resource types'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--dry-run [strategy]', 'none|client|server')
    .option('-o, --output <format>', 'Output format')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-set')
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .option('--user <name>', 'Usernames to bind to the role', (v: string, p: string[] = []) => [...p, v])
    .option('--group <name>', 'Groups to bind to the role', (v: string, p: string[] = []) => [...p, v])
    .option('--serviceaccount <namespace:name>', 'Service accounts to bind to the role', (v: string, p: string[] = []) => [...p, v])
    .addOption(boolFlag('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'))
    .action(action(async () => ({ run: async (a: string[], o: any, c: Command) => (await import('./commands/set.js')).run('subject', a, o, c) })));
  setFileOpts(subject);
  templateOpts(subject);
  for (const sub of ['selector', 'serviceaccount'] as const) {
    const c = set.command(sub).argument('[args...]')
      .addOption(boolFlag('--all', 'Select all resources in the namespace of the specified resource types'))
      .option('--dry-run [strategy]', 'none|client|server')
      .option('-o, --output <format>', 'Output format')
      .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-set')
      .addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'))
      .action(action(async () => ({ run: async (a: string[], o: any, c: Command) => (await import('./commands/set.js')).run(sub, a, o, c) })));
    setFileOpts(c);
    // set selector takes no kustomization in kubectl
    if (sub === 'serviceaccount') c.alias('sa').option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.');
    if (sub === 'selector') c.option('--resource-version <version>', 'If non-empty, the selectors update will only succeed if this is the current resource-version for the object.');
    templateOpts(c);
  }

  outputOpts(program.command('scale').argument('[args...]').description('Set a new size for a deployment or replica set'))
    .option('--dry-run [strategy]', 'none|client|server')
    .option('--resource-version <version>', 'Precondition for resource version. Requires that the current resource version match this value in order to scale.')
    .option('--replicas <n>', 'The new desired number of replicas. Required.')
    .option('--current-replicas <n>', 'Precondition for current size.')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to set a new size', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--timeout <duration>', 'accepted for compatibility')
    .addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'))
    .action(action(() => import('./commands/scale.js')));

  outputOpts(program.command('patch').argument('[args...]').description('Update fields of a resource'))
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .option('--type <type>', 'The type of patch being provided; one of [json merge strategic]', 'strategic')
    .option('-f, --filename <file>', 'Filename identifying the resource to update', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .option('--dry-run [strategy]', 'none|client|server')
    .addOption(boolFlag('--local', 'If true, patch will operate on the content of the file, not the server-side resource.'))
    .addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'))
    .option('--subresource <name>', 'status|scale')
    .option('--field-manager <name>', 'accepted for compatibility')
    .action(action(() => import('./commands/patch.js')));

  outputOpts(program.command('edit').argument('[args...]').description('Edit a resource on the server'))
    .option('-f, --filename <file>', 'Filename to use to edit the resource', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .addOption(boolFlag('--output-patch', 'Output the patch if the resource is edited.'))
    .addOption(boolFlag('--record', 'Record current kubectl command in the resource annotation (deprecated)'))
    .addOption(boolFlag('--windows-line-endings', 'accepted for compatibility'))
    .option('--validate [mode]', 'strict|warn|ignore|true|false')
    .option('--subresource <name>', 'status|scale')
    .option('--field-manager <name>', 'accepted for compatibility')
    .action(action(() => import('./commands/edit.js')));

  outputOpts(program.command('wait').argument('[args...]').description('Wait for a specific condition on one or many resources'))
    .option('--for <condition>', 'condition=Available, delete, jsonpath=\'{.status.phase}\'=Running, create')
    .option('--timeout <duration>', 'The length of time to wait before giving up (virtual time in manual mode)', '30s')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .addOption(boolFlag('--all', 'Select all resources in the namespace of the specified resource types'))
    .addOption(boolFlag('-A, --all-namespaces', 'across all namespaces'))
    .option('-f, --filename <file>', 'files', (v: string, p: string[] = []) => [...p, v])
    .action(action(() => import('./commands/wait.js')));

  outputOpts(program.command('events').description('List events'))
    .option('--for <object>', 'Filter events to only those pertaining to the specified resource.')
    .option('--types <types>', 'Output only events of given types (Normal, Warning).', (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .addOption(boolFlag('-w, --watch', 'After listing the requested events, watch for more events.'))
    .addOption(boolFlag('-A, --all-namespaces', 'across all namespaces'))
    .option('--no-headers', 'Don\'t print headers')
    .option('--timeout <duration>', 'kubesim: in manual mode, how much virtual time a watch covers')
    .option('--chunk-size <n>', 'accepted for compatibility')
    .action(action(() => import('./commands/events.js')));

  program.command('logs').argument('[args...]').description('Print the logs for a container in a pod')
    .option('-c, --container <name>', 'Print the logs of this container')
    .addOption(boolFlag('--all-containers', "Get all containers' logs in the pod(s)."))
    .addOption(boolFlag('--all-pods', 'Get logs from all pod(s). Sets prefix to true.'))
    .addOption(boolFlag('-f, --follow', 'Specify if the logs should be streamed.'))
    .addOption(boolFlag('-p, --previous', 'If true, print the logs for the previous instance of the container in a pod if it exists.'))
    .option('--tail <lines>', 'Lines of recent log file to display.')
    .option('--since <duration>', 'Only return logs newer than a relative duration like 5s, 2m, or 3h.')
    .option('--since-time <time>', 'Only return logs after a specific date (RFC3339).')
    .addOption(boolFlag('--timestamps', 'Include timestamps on each line in the log output'))
    .addOption(boolFlag('--prefix', 'Prefix each log line with the log source (pod name and container name)'))
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('--max-log-requests <n>', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.')
    .option('--limit-bytes <n>', 'Maximum bytes of logs to return. Defaults to no limit.')
    .addOption(boolFlag('--ignore-errors', 'If watching / following pod logs, allow for any errors that occur to be non-fatal'))
    .addOption(boolFlag('--insecure-skip-tls-verify-backend', 'accepted for compatibility'))
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '20s')
    .option('--timeout <duration>', 'kubesim: in manual mode, how much virtual time -f follows a process that does not end')
    .action(action(() => import('./commands/logs.js')));

  const list = (v: string, p: string[] = []) => [...p, ...v.split(',').filter(Boolean)];
  program.command('api-resources').argument('[args...]').description('Print the supported API resources on the server')
    .option('--api-group <group>', 'Limit to resources in the specified API group.')
    .addOption(boolFlag('--namespaced', 'If false, non-namespaced resources will be returned'))
    .option('-o, --output <format>', 'wide|name')
    .option('--no-headers', 'Don\'t print headers')
    .option('--verbs <verbs>', 'Limit to resources that support the specified verbs.', list)
    .option('--categories <categories>', 'Limit to resources that belong to the specified categories.', list)
    .option('--sort-by <field>', 'If non-empty, sort list of resources using specified field. The field can be either \'name\' or \'kind\'.')
    .addOption(boolFlag('--cached', 'Use the cached list of resources if available.'))
    .action(action(() => import('./commands/apiresources.js')));

  program.command('explain').argument('[args...]').description('Get documentation for a resource')
    .addOption(boolFlag('--recursive', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.'))
    .option('--api-version <version>', 'Use given api-version (group/version) of the resource.')
    .option('-o, --output <format>', 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', 'plaintext')
    .action(action(() => import('./commands/explain.js')));

  program.command('api-versions').argument('[args...]').description('Print the supported API versions on the server, in the form of "group/version"')
    .action(action(async () => ({ run: async (a: string[]) => (await import('./commands/apiresources.js')).versions(a) })));

  program.command('kustomize').argument('[args...]').description('Build a kustomization target from a directory or URL')
    .option('-o, --output <path>', 'If specified, write output to this path.')
    .option('--load-restrictor <restriction>', 'if set to \'LoadRestrictionsNone\', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization.')
    .action(action(() => import('./commands/kustomize.js')));

  program.command('version').argument('[args...]').description('Print the client and server version information')
    .addOption(boolFlag('--client', 'If true, shows client version only (no server required).'))
    .option('-o, --output <format>', "One of 'yaml' or 'json'.")
    .action(action(() => import('./commands/version.js')));

  const clusterInfo = program.command('cluster-info').argument('[args...]').description('Display cluster information')
    .action(action(() => import('./commands/clusterinfo.js')));
  clusterInfo.command('dump').argument('[args...]').description('Dump relevant information for debugging and diagnosis')
    .addOption(boolFlag('-A, --all-namespaces', 'If true, dump all namespaces.  If true, --namespaces is ignored.'))
    .option('--namespaces <list>', 'A comma separated list of namespaces to dump.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml).', 'json')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '20s')
    .addOption(boolFlag('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'))
    .option('--output-directory <dir>', 'Where to output the files.  If empty or \'-\' uses stdout, otherwise creates a directory hierarchy in that directory')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/clusterinfo.js')).dump(a, o) })));

  const auth = program.command('auth').description('Inspect authorization');
  const collect = (v: string, p: string[] = []) => [...p, v];
  const impersonation = (c: Command) => c
    .option('--as <user>', 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.')
    .option('--as-group <group>', 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.', collect);
  impersonation(auth.command('can-i').argument('[args...]').description('Check whether an action is allowed'))
    .addOption(boolFlag('-A, --all-namespaces', 'If true, check the specified action in all namespaces.'))
    .addOption(boolFlag('--list', 'If true, prints all allowed actions.'))
    .option('--no-headers', 'If true, prints allowed actions without headers')
    .addOption(boolFlag('-q, --quiet', 'If true, suppress output and just return the exit code.'))
    .option('--subresource <name>', 'SubResource such as pod/log or deployment/scale')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/auth.js')).canI(a, o) })));
  impersonation(auth.command('whoami').argument('[args...]').description('Experimental: Check self subject attributes'))
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .addOption(boolFlag('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'))
    .option('--template <string>', 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].')
    .addOption(boolFlag('--allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.', true))
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/auth.js')).whoami(a, o) })));

  templateOpts(auth.command('reconcile').argument('[args...]').description('Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects'))
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to reconcile.', (v: string, p: string[] = []) => [...p, v])
    .option('-k, --kustomize <dir>', 'Process the kustomization directory. This flag can\'t be used together with -f or -R.')
    .addOption(boolFlag('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.'))
    .addOption(boolFlag('--remove-extra-permissions', 'If true, removes extra permissions added to roles'))
    .addOption(boolFlag('--remove-extra-subjects', 'If true, removes extra subjects added to rolebindings'))
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
    .addOption(boolFlag('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'))
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/authreconcile.js')).reconcile(a, o) })));

  // commands that parse their own flags as kubectl does (parseInvocation): commander only routes to them
  const selfParsed = (c: Command, run: (o: any) => Promise<void>) => c.argument('[args...]')
    .allowUnknownOption(true).allowExcessArguments(true).helpOption(false)
    .action(action(async () => ({ run: async (_a: string[], o: any) => {
      try { await run(o); } catch (e) { if (!(e as any)?.helpShown) throw e; }
    } })));
  const certificate = program.command('certificate').description('Modify certificate resources');
  for (const op of ['approve', 'deny'] as const) {
    selfParsed(certificate.command(op).description(`${op === 'approve' ? 'Approve' : 'Deny'} a certificate signing request`), async (o) => (await import('./commands/certificate.js')).run(op, o));
  }
  selfParsed(program.command('plugin').command('list').description('List all visible plugin executables on a user\'s PATH'), async (o) => (await import('./commands/plugin.js')).list(o));
  selfParsed(program.command('proxy').description('Run a proxy to the Kubernetes API server'), async (o) => (await import('./commands/proxy.js')).run(o));
  selfParsed(program.command('exec').description('Execute a command in a container'), async (o) => (await import('./commands/exec.js')).run(o));
  selfParsed(program.command('attach').description('Attach to a running container'), async (o) => (await import('./commands/attach.js')).run(o));
  selfParsed(program.command('debug').description('Create debugging sessions for troubleshooting workloads and nodes'), async (o) => (await import('./commands/debug.js')).run(o));
  selfParsed(program.command('cp').description('Copy files and directories to and from containers'), async (o) => (await import('./commands/cp.js')).run(o));
  selfParsed(program.command('port-forward').description('Forward one or more local ports to a pod'), async (o) => (await import('./commands/portforward.js')).run(o));

  program.command('curl').argument('[args...]').description('kubesim: send simulated HTTP requests to a Service (svc/NAME[:PORT][/PATH]) and tally the answers')
    .option('-n, --count <n>', 'number of requests (default 10; with --every in realtime mode: until Ctrl-C)')
    .option('--every <duration>', 'one request per DURATION (realtime: wall time; manual: the virtual clock moves by it)')
    .addOption(boolFlag('-i, --include', 'print each whole response (status line, headers, body) instead of one line'))
    .action(action(() => import('./commands/curl.js')));

  program.command('tour').description('kubesim: play the Kubernetes docs\' Deployment walkthrough on a scratch cluster')
    .option('--speed <n>', 'virtual seconds per wall second', '1')
    .action(action(() => import('./commands/tour.js')));

  program.command('serve').argument('[args...]').description('kubesim: serve the Kubernetes API over this cluster (for kubectl, curl and client libraries)')
    .option('--address <ip>', 'The IP address on which to serve', '127.0.0.1')
    .option('--port <port>', 'The port on which to serve (0: any free port)', '8001')
    .option('--no-auth', 'Serve without a bearer token (as kubectl proxy does)')
    .option('--tls', 'Serve HTTPS with a self-signed certificate (written into the kubeconfig as its CA)')
    .addOption(boolFlag('--background', 'Run the server as a daemon (pid and log under $KUBESIM_HOME/serve); `kubesim serve stop` stops it'))
    .option('--write-kubeconfig [file]', 'Write a context for this server (default: kubesim\'s own kubeconfig)')
    .action(action(() => import('./commands/serve.js')));

  const clock = program.command('clock').description('kubesim: show or control the cluster\'s virtual clock')
    .action(action(() => import('./commands/clock.js')));
  clock.command('set-mode').description('kubesim: switch the clock between manual and realtime').argument('<mode>', 'manual|realtime').option('--speed <n>', 'realtime: virtual seconds per wall second')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/clock.js')).setMode(a, o) })));
  clock.command('advance').description('kubesim: move virtual time forward (manual mode)').argument('<duration>', 'e.g. 30s, 2.5s, 5m')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/clock.js')).advance(a, o) })));
  clock.command('set').description('kubesim: jump the clock to a time (manual mode)').argument('<time>', 'RFC3339 time; manual mode: jump the clock to it (forward only)')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/clock.js')).setTime(a, o) })));

  const top = program.command('top').description('Display resource (CPU/memory) usage');
  top.command('pod').alias('pods').alias('po').argument('[args...]').description('Display resource (CPU/memory) usage of pods')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--field-selector <selector>', 'Selector (field query) to filter on')
    .addOption(boolFlag('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.'))
    .addOption(boolFlag('--containers', 'If present, print usage of containers within a pod.'))
    .addOption(boolFlag('--no-headers', 'If present, print output without headers.'))
    .option('--sort-by <field>', 'If non-empty, sort pods list using specified field. The field can be either \'cpu\' or \'memory\'.')
    .addOption(boolFlag('--sum', 'Print the sum of the resource usage'))
    .addOption(boolFlag('--use-protocol-buffers', 'accepted for compatibility', true))
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/top.js')).pods(a, o) })));
  top.command('node').alias('nodes').alias('no').argument('[args...]').description('Display resource (CPU/memory) usage of nodes')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .addOption(boolFlag('--no-headers', 'If present, print output without headers'))
    .option('--sort-by <field>', 'If non-empty, sort nodes list using specified field. The field can be either \'cpu\' or \'memory\'.')
    .addOption(boolFlag('--show-capacity', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.'))
    .addOption(boolFlag('--use-protocol-buffers', 'accepted for compatibility', true))
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/top.js')).nodes(a, o) })));

  program.command('load').argument('[args...]').description('kubesim: set the simulated CPU/memory load of a pod or workload (for top and autoscaling)')
    .option('--cpu <load>', 'a percentage of the CPU request (80%) or a quantity (250m); a workload\'s load is shared by its pods')
    .option('--memory <quantity>', 'memory per pod (64Mi)')
    .addOption(boolFlag('--clear', 'back to the idle baseline'))
    .action(action(() => import('./commands/load.js')));

  const cluster = program.command('cluster').description('kubesim: manage simulated clusters');
  cluster.command('create').description('kubesim: create a simulated cluster').argument('[name]').option('--nodes <n>', 'number of nodes (default 1; kubeadm: 3)')
    .option('--profile <name>', 'default (the bare control plane) or kubeadm (controlplane, node01 ..., kube-system add-ons)')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/cluster.js')).create(a, o) })));
  cluster.command('delete').description('kubesim: delete a simulated cluster').argument('[name]')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/cluster.js')).remove(a, o) })));
  cluster.command('list').description('kubesim: list the simulated clusters')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/cluster.js')).list(a, o) })));
  cluster.command('reset').description('kubesim: start a simulated cluster afresh').argument('[name]').option('--nodes <n>', 'number of nodes')
    .option('--profile <name>', 'default or kubeadm (default: what the cluster was)')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/cluster.js')).reset(a, o) })));

  const node = program.command('node').description('kubesim: stop or start a node\'s simulated kubelet');
  node.command('stop').description('kubesim: stop a node\'s simulated kubelet (the node goes NotReady)').argument('<name...>')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/node.js')).stop(a, o) })));
  node.command('start').description('kubesim: start a node\'s simulated kubelet again').argument('<name...>')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/node.js')).start(a, o) })));

  const fault = program.command('fault').description('kubesim: inject faults into images and nodes (kubesim fault image|node|clear|list)');
  const faults = () => import('./commands/fault.js');
  fault.command('image').description('kubesim: make an image misbehave (pull, crash, probes, latency, errors)').argument('<image>')
    .option('--pull <fail|slow=DURATION>', 'pulls fail (the registry cannot be reached) or take DURATION')
    .option('--crash-after <duration>', 'the container exits with code 1 DURATION after it started')
    .option('--readiness <fail|pass>', 'readiness probes fail, or pass whatever the workload answers')
    .option('--liveness <fail>', 'liveness probes fail')
    .option('--latency <duration>', 'HTTP answers come DURATION late')
    .option('--errors <rate>', 'this share of HTTP requests (0.25 or 25%) is answered 500')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await faults()).image(a, o) })));
  fault.command('node').description('kubesim: take a node down (its kubelet stops) or bring it up').argument('<name...>')
    .addOption(boolFlag('--down', 'stop the node\'s kubelet (as kubesim node stop)'))
    .addOption(boolFlag('--up', 'start it again (as kubesim node start)'))
    .action(action(async () => ({ run: async (a: string[], o: any) => (await faults()).node(a, o) })));
  fault.command('clear').description('kubesim: clear every fault (or one image\'s)').argument('[image]')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await faults()).clear(a, o) })));
  fault.command('list').description('kubesim: list the faults in force')
    .action(action(async () => ({ run: async (a: string[], o: any) => (await faults()).list(a, o) })));

  registerConfig(program);
  addKubectlGlobals(program);
  addNegations(program);
  addFlagTypes(program);
  return program;
}

/** kubectl config's subcommands (src/cli/commands/config.ts). */
function registerConfig(program: Command): void {
  const config = program.command('config').description('Modify kubeconfig files');
  const sub = (name: string, fn: string, desc: string) => config.command(name).argument('[args...]').description(desc)
    .action(action(async () => ({ run: async (a: string[], o: any) => (await import('./commands/config.js') as any)[fn](a, o) })));
  templateOpts(sub('view', 'view', 'Display merged kubeconfig settings or a specified kubeconfig file')
    .addOption(boolFlag('--minify', 'Remove all information not used by current-context from the output'))
    .addOption(boolFlag('--raw', 'Display raw byte data and sensitive data'))
    .addOption(boolFlag('--flatten', 'Flatten the resulting kubeconfig file into self-contained output'))
    .addOption(boolFlag('--merge', 'Merge the full hierarchy of kubeconfig files', true))
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, jsonpath, jsonpath-as-json, jsonpath-file).'));
  sub('get-contexts', 'getContexts', 'Describe one or many contexts')
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .option('--no-headers', 'When using the default or custom-column output format, don\'t print headers (default print headers).');
  sub('current-context', 'currentContext', 'Display the current-context');
  sub('use-context', 'useContext', 'Set the current-context in a kubeconfig file').alias('use');
  sub('set-context', 'setContext', 'Set a context entry in kubeconfig')
    .addOption(boolFlag('--current', 'Modify the current context'))
    .option('--user <name>', 'user for the context entry in kubeconfig');
  sub('rename-context', 'renameContext', 'Rename a context from the kubeconfig file');
  sub('delete-context', 'deleteContext', 'Delete the specified context from the kubeconfig');
  sub('delete-cluster', 'deleteCluster', 'Delete the specified cluster from the kubeconfig');
  sub('delete-user', 'deleteUser', 'Delete the specified user from the kubeconfig');
  sub('get-clusters', 'getClusters', 'Display clusters defined in the kubeconfig');
  sub('get-users', 'getUsers', 'Display users defined in the kubeconfig');
  sub('set-cluster', 'setCluster', 'Set a cluster entry in kubeconfig')
    .option('--server <url>', 'server for the cluster entry in kubeconfig')
    .option('--certificate-authority <path>', 'Path to certificate-authority file for the cluster entry in kubeconfig')
    .option('--tls-server-name <name>', 'tls-server-name for the cluster entry in kubeconfig')
    .option('--proxy-url <url>', 'proxy-url for the cluster entry in kubeconfig')
    .addOption(boolFlag('--insecure-skip-tls-verify', 'insecure-skip-tls-verify for the cluster entry in kubeconfig'))
    .addOption(boolFlag('--embed-certs', 'embed-certs for the cluster entry in kubeconfig'));
  sub('set-credentials', 'setCredentials', 'Set a user entry in kubeconfig')
    .option('--token <token>', 'token for the user entry in kubeconfig')
    .option('--username <name>', 'username for the user entry in kubeconfig')
    .option('--password <password>', 'password for the user entry in kubeconfig')
    .option('--client-certificate <path>', 'Path to client-certificate file for the user entry in kubeconfig')
    .option('--client-key <path>', 'Path to client-key file for the user entry in kubeconfig')
    .addOption(boolFlag('--embed-certs', 'Embed client cert/key for the user entry in kubeconfig'))
    .option('--auth-provider <name>', 'Auth provider for the user entry in kubeconfig')
    .option('--auth-provider-arg <key=value>', "'key=value' arguments for the auth provider", (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .option('--exec-command <command>', 'Command for the exec credential plugin for the user entry in kubeconfig')
    .option('--exec-api-version <version>', 'API version of the exec credential plugin for the user entry in kubeconfig')
    .option('--exec-arg <arg>', 'New arguments for the exec credential plugin command for the user entry in kubeconfig', (v: string, p: string[] = []) => [...p, ...v.split(',')])
    .option('--exec-env <key=value>', "'key=value' environment values for the exec credential plugin", (v: string, p: string[] = []) => [...p, v])
    .option('--exec-interactive-mode <mode>', 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig')
    .addOption(boolFlag('--exec-provide-cluster-info', 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig'));
  sub('set', 'set', 'Set an individual value in a kubeconfig file')
    .addOption(boolFlag('--set-raw-bytes', 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.'));
  sub('unset', 'unset', 'Unset an individual value in a kubeconfig file');
}

/** Built ahead by the startup snapshot (src/cli/snapshot.ts): the grammar is the same every run. */
let prebuilt: Command | undefined;

export function prebuildProgram(): void {
  prebuilt = buildProgram();
}

let pipeHandled = false;

export async function main(argv: string[]): Promise<void> {
  // bin/kubesim starts Node without NODE_EXTRA_CA_CERTS (see there); the processes we start get it back (and do not
  // inherit the resident client's bypass: resident/client.cts)
  const ca = process.env.KUBESIM_EXTRA_CA_CERTS;
  if (ca !== undefined) { process.env.NODE_EXTRA_CA_CERTS = ca; delete process.env.KUBESIM_EXTRA_CA_CERTS; }
  delete process.env.KUBESIM_RESIDENT_BYPASS;
  if (argv[0] === '__resident' && argv.length === 1 && !redirected()) return (await import('./resident/server.js')).serveResident();
  // `kubesim get pods -w | head`: a closed pipe ends us quietly, as SIGPIPE ends kubectl (status 141)
  // (once per process: a server runs many command lines)
  if (!pipeHandled) {
    pipeHandled = true;
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(141); throw e; });
    }
  }
  rememberCommandLine(argv);
  forgetKubeconfig();
  const program = prebuilt ?? buildProgram();
  prebuilt = undefined; // one parse per grammar: commander keeps what it parsed
  let args: string[];
  try {
    args = normaliseArgs(argv, program);
  } catch (e) {
    stdio.err(renderError(e).text);
    process.exitCode = 1;
    return;
  }
  rememberArgv(args);
  // help, completion, unknown and not-yet-implemented commands: cobra's grammar over kubectl's whole tree
  if (needsGrammar(args, program) && await (await import('./help/grammar.js')).grammar(args, program)) return;
  // Every command reports its own parse errors; commander's own printing is silenced.
  let failed: Command | undefined;
  const hook = (c: Command) => {
    c.exitOverride((err) => { failed = c; throw err; });
    c.configureOutput({ writeOut: (s) => stdio.out(s), writeErr: () => {} });
    c.commands.forEach(hook);
  };
  hook(program);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      if (e.code === 'commander.executeSubCommandAsync') return;
      const { parseErrorMessage, parseErrorCode } = await import('./parseerrors.js');
      stdio.err(parseErrorMessage(e, failed, args));
      process.exitCode = parseErrorCode(e, failed, args);
      return;
    }
    const r = renderError(e);
    const { painter, paintErrors } = await import('./colour.js');
    stdio.err(paintErrors(r.text, await painter(stderrStream())));
    process.exitCode = r.code;
  }
}
