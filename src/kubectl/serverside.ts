// kubectl apply --server-side: send each manifest as an apply patch (the registry's applyObject), print
// `KIND/NAME serverside-applied`, and on a conflict add kubectl's advice to the API server's message.
import { StatusError, UserError } from '../api/errors.js';
import type { Cluster } from '../store/cluster.js';
import { applyObject } from '../server/registry.js';
import { checkFields, namespaceFor, type ApplyResult, type ManifestObject } from './apply.js';
import type { DryRun, Validate } from './flags.js';

/** The default field manager of `kubectl apply --server-side`. */
export const SSA_MANAGER = 'kubectl';

const CONFLICT_HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** ApplyOptions.Validate's checks of the flag combinations (before anything is read). */
export function validateServerSide(o: { serverSide: boolean; forceConflicts: boolean; dryRun: DryRun; force?: boolean; prune?: boolean }): void {
  if (o.forceConflicts && !o.serverSide) throw new UserError('error: --force-conflicts only works with --server-side');
  if (!o.serverSide) return;
  if (o.dryRun === 'client') throw new UserError("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  if (o.force) throw new UserError('error: --force cannot be used with --server-side');
}

/** The rest of ApplyOptions.Validate's order that does not depend on --server-side. */
export function validateForce(o: { dryRun: DryRun; force?: boolean }): void {
  if (o.dryRun === 'server' && o.force) throw new UserError('error: --dry-run=server cannot be used with --force');
}

export function serverSideApplyAll(cluster: Cluster, manifests: ManifestObject[], o: { namespace?: string; explicitNs: boolean; dryRun: DryRun; validate: Validate; fieldManager?: string; force: boolean }): ApplyResult {
  const res: ApplyResult = { results: [], warnings: [], errors: [] };
  for (const m of manifests) {
    try {
      const ns = namespaceFor(m, o.namespace, o.explicitNs);
      const clean = checkFields(m, o.validate, 'patching', res.warnings);
      const r = applyObject(cluster, m.info, clean, { fieldManager: o.fieldManager || SSA_MANAGER, force: o.force, dryRun: o.dryRun === 'server', ns });
      res.results.push({ info: m.info, obj: r.object, op: 'serverside-applied' });
    } catch (e) {
      if (e instanceof StatusError && e.code === 409 && e.reason === 'Conflict') res.errors.push(new UserError(`error: ${e.message}\n${CONFLICT_HINT}`));
      else res.errors.push(e as Error);
    }
  }
  return res;
}
