// kubectl certificate approve|deny (NAME... | -f FILENAME) [--force] (cmd/certificates/certificates.go):
// each request gets the Approved (KubectlApprove) or Denied (KubectlDeny) condition through the approval
// subresource, unless it already has it (--force adds it again); a request that already has the other
// one is an error. The printer shows the object as it was read, with the operation's verb.
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { resourceByName } from '../../api/resources.js';
import { notFound } from '../../kubectl/query.js';
import { mapManifests } from '../../kubectl/apply.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { stdio } from '../io.js';
import { flag as f, PRINT_FLAGS } from './createflags.js';
import { argvAfter, parseInvocation, printFormat, printObject } from './creategen.js';

const OPERATIONS = {
  approve: { verb: 'approved', type: 'Approved', other: 'Denied', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' },
  deny: { verb: 'denied', type: 'Denied', other: 'Approved', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' },
};

export async function run(operation: keyof typeof OPERATIONS, opts: any): Promise<void> {
  const op = OPERATIONS[operation];
  const inv = parseInvocation({
    path: `kubectl certificate ${operation}`,
    usage: `kubectl certificate ${operation} (-f FILENAME | NAME)`,
    flags: [...PRINT_FLAGS, f('force', 'bool', false), f('filename', 'stringSlice', [], { short: 'f' }), f('kustomize', 'string', '', { short: 'k' }), f('recursive', 'bool', false, { short: 'R' })],
  }, argvAfter([['certificate'], [operation]]), opts);
  const names = inv.p.args;
  const files = inv.arr('filename');
  if (!names.length && !files.length) throw new UserError('error: one or more CSRs must be specified as <name> or -f <filename>');
  const fmt = printFormat(inv);
  const info = resourceByName('certificatesigningrequests')!;
  const fromFiles = files.length ? mapManifests(loadFiles(files, inv.bool('recursive')), undefined).map((m) => m.obj.metadata?.name ?? '') : [];
  const printed: KObject[] = [];
  let failure: unknown;
  await withCluster({ cluster: opts.cluster, write: true }, (s) => {
    for (const name of [...fromFiles, ...names]) {
      const csr = s.cluster.get('certificatesigningrequests', undefined, name);
      if (!csr) { failure = notFound(info, name); return; }
      const conditions: any[] = csr.status?.conditions ?? [];
      // addConditionIfNeeded
      const other = conditions.find((c) => c.type === op.other);
      if (other) { failure = new UserError(`error: certificate signing request ${JSON.stringify(name)} is already ${other.type}`); return; }
      if (!conditions.some((c) => c.type === op.type) || inv.bool('force')) {
        const now = s.cluster.nowRFC3339();
        const condition = { type: op.type, status: 'True', reason: op.reason, message: op.message, lastUpdateTime: now, lastTransitionTime: now };
        s.cluster.updateStatus('certificatesigningrequests', { ...csr, status: { ...csr.status, conditions: [...conditions, condition] } }, { manager: 'kubectl', subresource: 'approval' });
      }
      printed.push(csr);
    }
  });
  // printed once the state is saved: what the command read, as kubectl's visitor prints it
  for (const csr of printed) await printObject(csr, fmt, 'none', op.verb);
  if (failure) throw failure;
  if (!printed.length) stdio.out('No resources found\n');
}
