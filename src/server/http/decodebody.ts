// Request bodies: JSON or YAML objects, and the checks the API server's decoder and its
// create/update handlers make before the registry sees the object.
import type { KObject } from '../../api/types.js';
import { apiVersionOf, type ResourceInfo } from '../../api/resources.js';
import { strictDecodingMessage, unknownFields } from '../../api/decode.js';
import { httpError } from './status.js';
import { mediaType } from './negotiate.js';
import { readBody } from './request.js';
import { PROTOBUF, decodeProtobuf } from './protobuf.js';
import type { IncomingMessage } from 'node:http';
import { parse as parseYamlText } from 'yaml';

const BODY_TYPES = 'application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor';

export function decodeObject(body: Buffer, contentType: string | undefined): KObject {
  const mt = mediaType(contentType);
  const text = body.toString('utf8');
  let v: any;
  if (mt === 'application/json' || mt === '') {
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw httpError(400, `couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  } else if (mt === 'application/yaml') {
    try {
      v = JSON.parse(JSON.stringify(parseYamlText(text)));
    } catch (e) {
      throw httpError(400, `couldn't get version/kind; yaml parse error: ${(e as Error).message}`);
    }
  } else {
    throw httpError(415, `the body of the request was in an unknown format - accepted media types include: ${BODY_TYPES}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw httpError(400, `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  if (!v.kind) throw httpError(400, `Object 'Kind' is missing in '${text.trim()}'`);
  return v as KObject;
}

/** The request's body as an object: JSON, YAML or Kubernetes protobuf. */
export async function readObject(req: IncomingMessage): Promise<KObject> {
  const body = await readBody(req);
  if (mediaType(req.headers['content-type']) === PROTOBUF) {
    const v = await decodeProtobuf(body);
    return v as KObject;
  }
  return decodeObject(body, req.headers['content-type']);
}


/** The object must be of the URL's resource and namespace (rest.EnsureObjectNamespaceMatchesRequestNamespace). */
export function checkTarget(info: ResourceInfo, obj: KObject, namespace: string | undefined, name?: string): void {
  const want = apiVersionOf(info);
  if (obj.apiVersion !== want || obj.kind !== info.kind) {
    if (obj.apiVersion !== want) throw httpError(400, `the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${want})`);
    throw httpError(400, `${obj.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`);
  }
  const md = (obj.metadata = obj.metadata ?? {});
  if (info.namespaced) {
    if (md.namespace && namespace && md.namespace !== namespace) throw httpError(400, 'the namespace of the provided object does not match the namespace sent on the request');
    if (namespace) md.namespace = namespace;
  } else if (md.namespace) {
    delete md.namespace;
  }
  if (name !== undefined && (md.name ?? '') !== name) throw httpError(400, `the name of the object (${md.name ?? ''}) does not match the name on the URL (${name})`);
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') throw httpError(400, `fieldValidation parameter unsupported: ${v}`);
  return v;
}

/** Strict: unknown fields are a 400; Warn: warnings; Ignore: nothing. Type errors are always 400. */
export function checkFields(obj: KObject, mode: FieldValidation, warnings: string[]): void {
  if (mode === 'Strict') {
    const msg = strictDecodingMessage(obj);
    if (msg) throw httpError(400, msg);
    return;
  }
  if (mode === 'Warn') for (const u of unknownFields(obj)) warnings.push(`unknown field ${JSON.stringify(u)}`);
}
