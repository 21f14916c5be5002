// The shared runner of kubectl's generator commands (create <generator>, run, expose): pflag parsing
// of the raw argv, cobra's required-flag and NAME checks, dry-run and printer flags, then the
// generator's plan, created on the cluster unless --dry-run=client, printed as kubectl prints it.
import { namespaceOf } from '../context.js';
import { dryRunOf } from '../dryrun.js';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { resourceForKind, type ResourceInfo } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { parseObjectFormat, type Format } from '../output.js';
import { stdio } from '../io.js';
import { klogLine } from '../klog.js';
import { rememberedArgv } from '../record.js';
import { parseFlags, type FlagSpec, type ParsedFlags } from './createflags.js';
import type { Session } from '../../store/session.js';

export type DryRunStrategy = 'none' | 'client' | 'server';

/** A parsed invocation, as the generators read it. */
export class Invocation {
  constructor(public path: string, public p: ParsedFlags, public opts: any) {}
  str(f: string): string { return (this.p.values.get(f) as string) ?? ''; }
  bool(f: string): boolean { return !!this.p.values.get(f); }
  num(f: string): number { return this.p.values.get(f) as number; }
  arr(f: string): string[] { return (this.p.values.get(f) as string[]) ?? []; }
  map(f: string): Record<string, string> { return (this.p.values.get(f) as Record<string, string>) ?? {}; }
  changed(f: string): boolean { return this.p.changed.has(f); }
  /** ToRawKubeConfigLoader().Namespace(): the namespace and whether -n named it */
  get namespace(): string { return this.changed('namespace') ? this.str('namespace') : namespaceOf(this.opts); }
  get enforceNamespace(): boolean { return this.changed('namespace') || !!this.opts.namespace; }
  /** the namespace a generator writes into its object: only an explicit one */
  get objectNamespace(): string | undefined { return this.enforceNamespace ? this.namespace : undefined; }
  usageError(msg: string): UserError {
    return new UserError(`error: ${msg}\nSee '${this.path} -h' for help and examples`);
  }
  /** NameFromCommandArgs: exactly one NAME before `--` */
  name(): string {
    const n = this.p.argsLenAtDash === -1 ? this.p.args.length : this.p.argsLenAtDash;
    if (n !== 1) throw this.usageError(`exactly one NAME is required, got ${n}`);
    return this.p.args[0];
  }
  /** what follows NAME (the container command of create deployment|job|cronjob) */
  rest(): string[] { return this.p.args.slice(1); }
}

/** The argv after the command's path words (`create secret generic`, aliases allowed), as typed. */
export function argvAfter(words: string[][]): string[] {
  const argv = rememberedArgv();
  const out: string[] = [];
  let w = 0;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (w < words.length && !a.startsWith('-') && words[w].includes(a)) { w++; continue; }
    out.push(a);
  }
  return [...out, ...argv.slice(i)];
}

/** cobra's ValidateRequiredFlags, reported as kubectl's main reports a failed command: a klog line. */
function checkRequired(inv: Invocation, required: string[]): void {
  const missing = required.filter((f) => !inv.changed(f)).sort();
  if (!missing.length) return;
  const msg = `required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`;
  throw new RawError(klogLine('E', `"command failed" err=${JSON.stringify(msg)}`));
}

export function dryRunStrategy(inv: Invocation): DryRunStrategy {
  return dryRunOf(inv.str('dry-run'));
}

/** cmdutil.GetValidationDirective */
export function checkValidate(inv: Invocation): void {
  const v = inv.str('validate').toLowerCase();
  if (!['strict', 'true', 'warn', 'ignore', 'false'].includes(v)) {
    throw new UserError(`error: invalid - validate option "${inv.str('validate')}"; must be one of: strict (or true), warn, ignore (or false)`);
  }
}

/** PrintFlags.ToPrinter for `-o`, `--template` and `--allow-missing-template-keys`. */
export function printFormat(inv: Invocation): Format {
  return parseObjectFormat({
    output: inv.str('output') || undefined,
    template: inv.str('template') || undefined,
    allowMissingTemplateKeys: inv.bool('allow-missing-template-keys'),
  });
}

/** `deployment.apps/web`: the name printer's kind.group prefix. */
export function namePrefix(obj: KObject): string {
  const g = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${(obj.kind ?? '').toLowerCase()}${g ? '.' + g : ''}`;
}

const SUFFIX: Record<DryRunStrategy, string> = { none: '', client: ' (dry run)', server: ' (server dry run)' };

/** kubectl's printer for one object: `kind/name created`, `-o name`, yaml, json... */
export async function printObject(obj: KObject, fmt: Format, dryRun: DryRunStrategy, verb = 'created'): Promise<void> {
  if (fmt.kind === 'table') { stdio.out(`${namePrefix(obj)}/${obj.metadata?.name} ${verb}${SUFFIX[dryRun]}\n`); return; }
  if (fmt.kind === 'name') { stdio.out(`${namePrefix(obj)}/${obj.metadata?.name}\n`); return; }
  const out = await import('../../printers/output.js');
  if (fmt.kind === 'json') { stdio.out(out.toJson(obj, false)); return; }
  if (fmt.kind === 'yaml') { stdio.out(out.toYaml(obj)); return; }
  const { printStructured } = await import('../output.js');
  // kubectl's generators print typed objects: go-template's debug dump keeps their field order, while
  // the jsonpath printer first converts them to unstructured maps (sorted keys)
  const { sortKeysDeep } = await import('../../api/gojson.js');
  const subject = fmt.kind === 'jsonpath' ? (sortKeysDeep(obj) as KObject) : obj;
  stdio.out(await printStructured(fmt, [{ info: undefined as unknown as ResourceInfo, obj: subject }], true, { typed: fmt.kind === 'go-template' }));
}

export function infoFor(obj: KObject): ResourceInfo {
  const info = resourceForKind(obj.apiVersion ?? '', obj.kind ?? '');
  if (!info) throw new UserError(`error: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return info;
}

/** Create on the cluster (or server dry run); `wrap` is the generator's fmt.Errorf prefix. */
export async function createOnServer(s: Session, obj: KObject, inv: Invocation, dryRun: DryRunStrategy, wrap?: string): Promise<KObject> {
  const { createObject, InvalidError } = await import('../../server/registry.js');
  const { typedObject } = await import('../../kubectl/generators/typed.js');
  const info = infoFor(obj);
  try {
    // kubectl's default field managers: kubectl-create, kubectl-run, kubectl-expose
    const fieldManager = (inv.changed('field-manager') && inv.str('field-manager')) || `kubectl-${inv.path.split(' ')[1] ?? 'create'}`;
    const created = createObject(s.cluster, info, obj, { dryRun: dryRun === 'server', ns: inv.namespace, fieldManager });
    return typedObject(created);
  } catch (e) {
    if (wrap !== undefined && e instanceof StatusError) throw new UserError(`error: ${wrap}${e.message}`);
    if (wrap !== undefined && e instanceof InvalidError) {
      // fmt.Errorf("...: %v", err) shows the StatusError's own message, not CheckErr's rendering of it
      const head = `The ${e.kind} ${JSON.stringify(e.name)} is invalid`;
      let body = e.message.startsWith(head) ? e.message.slice(head.length) : '';
      if (body.startsWith(': \n')) body = `: [${body.slice(3).split('\n').map((l) => l.replace(/^\* /, '')).join(', ')}]`;
      throw new UserError(`error: ${wrap}${info.group ? `${e.kind}.${info.group}` : e.kind} ${JSON.stringify(e.name)} is invalid${body}`);
    }
    throw e;
  }
}

export interface CommandSpec {
  /** `kubectl create deployment` */
  path: string;
  flags: FlagSpec[];
  required?: string[];
}

/** Thrown after `-h` printed the help: the command ends there, successfully. */
export class HelpShown extends Error {
  readonly helpShown = true;
}

function shownDefault(s: FlagSpec): string {
  switch (s.type) {
    case 'string': return `'${s.def ?? ''}'`;
    case 'stringSlice': case 'stringArray': return `[${((s.def as string[]) ?? []).join(',')}]`;
    case 'duration': return goDurationString((s.def as number) ?? 0);
    case 'mapStringString': return '';
    default: return String(s.def ?? (s.type === 'bool' ? false : 0));
  }
}

function goDurationString(sec: number): string {
  if (sec === 0) return '0s';
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const r = sec % 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${r}s`;
}

/** `-h`: kubectl's layout (options with their defaults, then the usage line), kubesim's own words. */
export function helpText(spec: CommandSpec, usage: string, summary: string): string {
  const flags = [...spec.flags].sort((a, b) => a.long.localeCompare(b.long));
  const opts = flags.map((s) => `    ${s.short ? `-${s.short}, ` : ''}--${s.long}=${shownDefault(s)}:\n${s.help ? `\t${s.help}\n` : ''}`).join('\n');
  return `${summary}\n\nOptions:\n${opts}\nUsage:\n  ${usage} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}

/** Parse and run cobra's pre-checks (flags, help, required flags). */
export function parseInvocation(spec: CommandSpec & { usage?: string; summary?: string }, argv: string[], opts: any): Invocation {
  const p = parseFlags(argv, spec.flags, spec.path);
  const inv = new Invocation(spec.path, p, opts);
  if (inv.bool('help')) {
    stdio.out(helpText(spec, spec.usage ?? `${spec.path} NAME`, spec.summary ?? ''));
    throw new HelpShown();
  }
  checkRequired(inv, spec.required ?? []);
  return inv;
}
