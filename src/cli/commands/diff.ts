// kubectl diff -f FILE: writes LIVE-* and MERGED-* temp directories and runs `diff -u -N` (or
// $KUBECTL_EXTERNAL_DIFF) on them. Exit 0: no differences, 1: differences, >1: an error (kubectl's
// CheckDiffErr adds one to every error's exit code).
import { namespaceOf } from '../context.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { RawError, UserError } from '../../api/errors.js';
import { mapManifests } from '../../kubectl/apply.js';
import { diffPairs } from '../../kubectl/diff.js';
import { parseValidate } from '../../kubectl/flags.js';
import { toYaml } from '../../printers/yaml.js';
import { omitManagedFields } from '../../printers/managedfields.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { renderError } from '../errors.js';
import { klogLine } from '../klog.js';
import { stdio, warn } from '../io.js';

const VALID_ARG = /^[a-zA-Z0-9-=]+$/;

/** DiffProgram.getCommand: KUBECTL_EXTERNAL_DIFF split on spaces, its arguments filtered; else diff -u -N. */
function diffCommand(from: string, to: string): { prog: string; args: string[] } {
  const env = process.env.KUBECTL_EXTERNAL_DIFF;
  if (!env) return { prog: 'diff', args: ['-u', '-N', from, to] };
  const [prog, ...rest] = env.split(' ');
  const args = [from, to];
  for (const a of rest) {
    if (VALID_ARG.test(a)) args.push(a);
    else stdio.err(klogLine('W', `invalid argument is ignored: ${a}, only Alphanumeric (case-insensitive), dash and equal are allowed`, 'diff.go:195'));
  }
  return { prog, args };
}

async function runDiff(args: string[], opts: any): Promise<void> {
  if (opts.forceConflicts && !opts.serverSide) throw new UserError('error: --force-conflicts only works with --server-side');
  if (!opts.filename?.length && opts.kustomize === undefined) throw new UserError('error: must specify one of -f and -k');
  if (args.length) throw new UserError(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`);
  const validate = parseValidate(undefined);
  // DiffOptions.Complete parses the allowlist before anything is read
  const prune = opts.prune ? await import('../../kubectl/prune.js') : undefined;
  const pruneResources = prune ? prune.parsePruneAllowlist(opts.pruneAllowlist ?? []) : [];
  const files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  const live = fs.mkdtempSync(path.join(os.tmpdir(), 'LIVE-'));
  const merged = fs.mkdtempSync(path.join(os.tmpdir(), 'MERGED-'));
  try {
    await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
      let manifests = mapManifests(files, opts.namespace);
      // LabelSelectorParam: only the manifests whose labels match take part
      if (opts.selector) {
        const { matches, parseSelector } = await import('../../api/selectors.js');
        const sel = parseSelector(opts.selector);
        manifests = manifests.filter((m) => matches(sel, m.obj.metadata?.labels));
      }
      let res: ReturnType<typeof diffPairs>;
      try {
        res = diffPairs(s.cluster, manifests, {
          namespace: namespaceOf(opts), explicitNs: !!opts.namespace, validate,
          serverSide: !!opts.serverSide, forceConflicts: !!opts.forceConflicts, fieldManager: opts.fieldManager, showManagedFields: !!opts.showManagedFields,
        });
      } catch (e) {
        const which = (e as { keepsChanging?: string }).keepsChanging;
        if (which) stdio.err(klogLine('W', `Object (${which}) keeps changing, diffing without lock`, 'diff.go:723'));
        throw e;
      }
      const { pairs, warnings } = res;
      for (const w of warnings) warn(stdio, w);
      if (prune) {
        // objects --prune would delete go into LIVE only, so the diff shows them removed
        if (!pruneResources.length) stdio.err(klogLine('W', prune.PRUNE_NAMESPACE_DEPRECATION, 'prune.go:71'));
        const namespaces = new Set<string>();
        for (const m of manifests) if (m.info.namespaced) namespaces.add(m.obj.metadata?.namespace || namespaceOf(opts));
        const visitedUids = new Set(pairs.map((p) => p.live?.metadata?.uid).filter((u): u is string => !!u));
        const { diffFileName } = await import('../../kubectl/diff.js');
        for (const p of prune.pruneAll(s.cluster, { resources: pruneResources, namespaces, visitedUids, selector: opts.selector }, () => {})) {
          fs.writeFileSync(path.join(live, diffFileName(p.info, p.obj.metadata?.namespace, p.obj.metadata!.name!)), toYaml(p.obj), { mode: 0o700 }); // kubectl keeps their managedFields
        }
      }
      for (const p of pairs) {
        const shown = (x: any) => (opts.showManagedFields ? x : omitManagedFields(x));
        fs.writeFileSync(path.join(live, p.name), p.live ? toYaml(shown(p.live)) : '', { mode: 0o700 });
        fs.writeFileSync(path.join(merged, p.name), toYaml(shown(p.merged)), { mode: 0o700 });
      }
    });
    const { prog, args: dargs } = diffCommand(live, merged);
    const r = spawnSync(prog, dargs, { encoding: 'utf8' });
    if (r.stdout) stdio.out(r.stdout);
    if (r.stderr) stdio.err(r.stderr);
    if (r.error) throw new UserError(`error: failed to run "${prog}": ${(r.error as any).code === 'ENOENT' ? `exec: "${prog}": executable file not found in $PATH` : r.error.message}`);
    const status = r.status ?? 1;
    if (status === 1) { process.exitCode = 1; return; }
    if (status > 1) throw new UserError(`error: failed to run "${prog}": exit status ${status}`);
  } finally {
    fs.rmSync(live, { recursive: true, force: true });
    fs.rmSync(merged, { recursive: true, force: true });
  }
}

export async function run(args: string[], opts: any): Promise<void> {
  try {
    await runDiff(args, opts);
  } catch (e) {
    const { text, code } = renderError(e);
    throw new RawError(text, code + 1);
  }
}
