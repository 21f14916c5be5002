// certificates.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { humanDuration } from '../duration.js';
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

/** extractCSRStatus: Denied/Approved/Pending, then ",Failed" and ",Issued". */
export function extractCSRStatus(csr: any): string {
  const types = new Set((csr.status?.conditions ?? []).map((c: any) => c?.type));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if ((csr.status?.certificate ?? '').length > 0) status += ',Issued';
  return status;
}

export const CERTIFICATES: HandlerGroup = {
  group: 'certificates.k8s.io',
  handlers: {
    certificatesigningrequests: {
      columns: [nameCol, ageCol, col('SignerName'), col('Requestor'), col('RequestedDuration'), col('Condition')],
      row: (csr, now) => {
        const secs = csr.spec?.expirationSeconds;
        return [
          name(csr),
          age(csr, now),
          csr.spec?.signerName || '<none>',
          csr.spec?.username ?? '',
          secs === undefined || secs === null ? '<none>' : humanDuration(secs * 1000),
          extractCSRStatus(csr),
        ];
      },
    },
  },
};
