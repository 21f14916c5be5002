// describeSecret and describeServiceAccount (describe.go).
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../labels.js';
import { PrefixWriter, LEVEL_0 } from './writer.js';
import { printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import type { DescribeContext } from './context.js';

const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** describeSecret: sizes of the decoded values only (a service account token excepted, as kubectl shows it); no events. */
export function describeSecret(secret: KObject, _ctx?: DescribeContext): string {
  const w = new PrefixWriter();
  const md = secret.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = secret.data ?? {};
  // kubesim: Go ranges over the map in random order; we print the keys sorted
  for (const k of Object.keys(data).sort(goStringLess)) {
    const bytes = Buffer.from(data[k] ?? '', 'base64');
    if (k === 'token' && secret.type === SA_TOKEN_TYPE) w.write(LEVEL_0, `${k}:\t${bytes.toString('utf8')}\n`);
    else w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
  }
  return w.toString();
}

/** ServiceAccountDescriber: its secrets, image pull secrets (missing ones marked) and legacy token secrets. */
export function describeServiceAccount(sa: KObject, ctx: DescribeContext): string {
  const md = sa.metadata ?? {};
  const secrets = ctx.view.list('secrets', md.namespace);
  const existing = new Set(secrets.map((s) => s.metadata?.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === SA_TOKEN_TYPE &&
      s.metadata?.annotations?.['kubernetes.io/service-account.name'] === md.name &&
      s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === md.uid,
  );
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);

  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  const emptyHeader = '                   ';
  // the headers in sorted order, as sets.StringKeySet(types).List() gives them
  const blocks: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: any) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: any) => s.name)],
    ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
  ];
  for (const [header, names] of blocks) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const name of names) {
      w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = emptyHeader;
    }
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
