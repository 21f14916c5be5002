// kubectl explain TYPE[.FIELD...] [--recursive] [--api-version=GROUP/VERSION] [--output=plaintext|plaintext-openapiv2]
import { RawError, UserError } from '../../api/errors.js';
import { RESOURCES, resolveResource } from '../../api/resources.js';
import { customResourceSchema, explainPlaintext } from '../../kubectl/explain.js';
import { explainOpenAPIV2 } from '../../kubectl/explainv2.js';
import { stdio } from '../io.js';

/** SplitAndParseResourceRequestWithMatchingPrefix / SplitAndParseResourceRequest: the resource and the field path. */
function splitResourceRequest(arg: string, withMatchingPrefix: boolean) {
  const segments = arg.split('.');
  const typed = segments[0];
  const r = resolveResource(typed);
  // kubectl prints the RESTMapper's error as it is, without `error: `
  if (!r) throw new RawError(`the server doesn't have a resource type "${typed}"`);
  if (withMatchingPrefix) {
    // the first resource of that name whose GROUP.RESOURCE prefixes the argument (deployments.apps.spec)
    for (const x of RESOURCES) {
      if (x.resource !== r.resource) continue;
      const gr = x.group ? `${x.resource}.${x.group}` : x.resource;
      if (arg.startsWith(gr)) {
        const rest = arg.slice(gr.length);
        return { r: x, fields: rest ? rest.split('.').slice(1) : [] };
      }
    }
  }
  return { r, fields: segments.slice(1) };
}

export async function run(args: string[], opts: any): Promise<void> {
  if (args.length === 0) {
    throw new UserError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  if (args.length > 1) throw new UserError('error: We accept only this format: explain RESOURCE\n');
  const output = opts.output ?? 'plaintext';
  const { r, fields } = splitResourceRequest(args[0], !opts.apiVersion);
  let group = r.group;
  let version = r.version;
  if (opts.apiVersion) {
    const av = String(opts.apiVersion);
    const i = av.indexOf('/');
    group = i < 0 ? '' : av.slice(0, i);
    version = i < 0 ? av : av.slice(i + 1);
  }
  const gv = group ? `${group}/${version}` : version;
  if (output === 'plaintext-openapiv2') {
    // renderOpenAPIV2: the kind of the resolved resource, at --api-version when given
    stdio.out(explainOpenAPIV2({ kind: r.kind, groupVersion: gv }, fields, !!opts.recursive));
    return;
  }
  if (output !== 'plaintext') throw new UserError(`error: unrecognized format: ${output}`);
  if (opts.apiVersion && !RESOURCES.some((x) => x.group === group && x.versions.includes(version))) {
    throw new UserError(`error: couldn't find resource for "${gv}, Resource=${r.resource}"`);
  }
  let root;
  if (r.crd) {
    // the CRD's published schema (kubectl reads /openapi/v3/apis/GROUP/VERSION)
    const { withCluster } = await import('../../store/session.js');
    const { crdVersion } = await import('../../api/crd/served.js');
    const crd = await withCluster({ cluster: opts.cluster, write: false }, (s) => s.cluster.get('customresourcedefinitions', undefined, r.crd!));
    root = customResourceSchema(crd ? crdVersion(crd, version)?.schema?.openAPIV3Schema : undefined);
  }
  explainPlaintext({ group, version, kind: r.kind, gvr: `${gv}, Resource=${r.resource}`, root }, fields, !!opts.recursive, (s) => stdio.out(s));
}
