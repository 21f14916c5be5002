// kubectl's resource builder, reduced to what kubesim serves: turn `TYPE[,TYPE] [NAME...]`,
// `TYPE/NAME ...` and `all` into targets, with kubectl's errors for malformed requests.
import { RawError, StatusError, UserError } from '../api/errors.js';
import { qualifiedResource, resolveResource, resourcesInCategory, typedResourceName, type ResourceInfo } from '../api/resources.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';

export interface Target {
  info: ResourceInfo;
  /** empty: every object of the type (filtered by namespace / selector) */
  names: string[];
}

export interface Request {
  targets: Target[];
  /** names were given in TYPE/NAME form or several types were asked for: output is kind-prefixed */
  multi: boolean;
  /** a single named object was asked for (`-o yaml` prints it bare instead of a List) */
  single: boolean;
}


export function resolveType(typed: string): ResourceInfo {
  const info = resolveResource(typed);
  if (!info) throw new UserError(`error: the server doesn't have a resource type "${typedResourceName(typed)}"`);
  return info;
}

/** kubectl's builder error when neither arguments nor files name anything. */
export const NO_RESOURCES =
  'error: You must provide one or more resources by argument or filename.\n' +
  'Example resource specifications include:\n' +
  "   '-f rsrc.yaml'\n" +
  "   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n" +
  "   '<resource>'";

/** What each verb says when given no resource at all (each command validates in its own way). */
function noArgsError(verb: string): Error {
  if (verb === 'get') {
    return new RawError(
      `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n` +
        `error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
    );
  }
  if (verb === 'describe') return new UserError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  if (verb.startsWith('rollout ')) return new UserError('error: required resource not specified');
  if (['label', 'annotate', 'set env'].includes(verb)) return new UserError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  return new RawError(NO_RESOURCES);
}

export function parseRequest(args: string[], verb: string): Request {
  if (args.length === 0) throw noArgsError(verb);
  if (args.some((a) => a.includes('/'))) {
    const targets: Target[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) {
        throw new UserError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'`);
      }
      const info = resolveType(a.slice(0, i));
      const name = a.slice(i + 1);
      if (!name) throw new UserError(`error: arguments in resource/name form must have a single resource and name`);
      const t = targets.find((x) => x.info === info);
      if (t) t.names.push(name);
      else targets.push({ info, names: [name] });
    }
    return { targets, multi: targets.length > 1, single: args.length === 1 };
  }
  const types: ResourceInfo[] = [];
  let all = false;
  for (const t of args[0].split(',')) {
    if (t === '') continue;
    if (t === 'all') { all = true; for (const r of resourcesInCategory('all')) if (!types.includes(r)) types.push(r); continue; }
    const info = resolveType(t);
    if (!types.includes(info)) types.push(info);
  }
  // `TYPE1,TYPE2 NAME...`: every name of every type (kubectl get svc,ep web; kubectl delete pod,svc nginx)
  const names = args.slice(1);
  return {
    targets: types.map((info) => ({ info, names: [...names] })),
    multi: types.length > 1 || all,
    single: types.length === 1 && names.length === 1,
  };
}

/**
 * ResourceTypeOrNameArgs with names required (expose, autoscale): `TYPE NAME...` or `TYPE/NAME...`,
 * each object read from the cluster, with the builder's errors.
 */
export function namedObjects(cluster: Cluster, args: string[], namespace: string): { info: ResourceInfo; obj: KObject }[] {
  const pairs: [string, string][] = [];
  if (args[0].includes('/')) {
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) throw new UserError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      pairs.push([a.slice(0, i), a.slice(i + 1)]);
    }
  } else {
    if (args.length < 2) throw new UserError(`error: resource(s) were provided, but no name was specified`);
    for (const n of args.slice(1)) pairs.push([args[0], n]);
  }
  return pairs.map(([type, name]) => {
    const info = resolveResource(type);
    if (!info) throw new UserError(`error: the server doesn't have a resource type "${type}"`);
    const obj = cluster.get(info.storage, info.namespaced ? namespace : undefined, name);
    if (!obj) throw new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`);
    return { info, obj };
  });
}
