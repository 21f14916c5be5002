// admissionregistration.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, type Handler, type HandlerGroup } from './common.js';

const webhooks: Handler = {
  columns: [nameCol, col('Webhooks', 'integer'), ageCol],
  row: (o, now) => [name(o), (o.webhooks ?? []).length, age(o, now)],
};

/** The gogo-generated (*metav1.LabelSelector).String() the binding's PARAMREF shows for a selector. */
export function goLabelSelectorString(sel: any): string {
  const ml: Record<string, string> = sel?.matchLabels ?? {};
  const labels = Object.keys(ml).sort().map((k) => `${k}: ${ml[k]},`).join('');
  const exprs = (sel?.matchExpressions ?? [])
    .map((e: any) => `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** printValidatingAdmissionPolicyBinding's PARAMREF */
function paramRefName(pr: any): string {
  if (!pr) return '<unset>';
  if (pr.name) return pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
  if (pr.selector) return goLabelSelectorString(pr.selector);
  return '<unset>';
}

export const ADMISSIONREGISTRATION: HandlerGroup = {
  group: 'admissionregistration.k8s.io',
  handlers: {
    mutatingwebhookconfigurations: webhooks,
    validatingwebhookconfigurations: webhooks,
    validatingadmissionpolicies: {
      columns: [nameCol, col('Validations', 'integer'), col('ParamKind'), ageCol],
      row: (p, now) => {
        const pk = p.spec?.paramKind;
        return [name(p), (p.spec?.validations ?? []).length, pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', age(p, now)];
      },
    },
    validatingadmissionpolicybindings: {
      columns: [nameCol, col('PolicyName'), col('ParamRef'), ageCol],
      row: (b, now) => [name(b), b.spec?.policyName ?? '', paramRefName(b.spec?.paramRef), age(b, now)],
    },
  },
};
