// kubectl apply view-last-applied | set-last-applied | edit-last-applied: the annotation read and
// written on its own (k8s.io/kubectl/pkg/cmd/apply/apply_{view,set,edit}_last_applied.go).
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { LAST_APPLIED, sortedJson } from './lastapplied.js';

/** util.GetOriginalConfiguration: the annotation, or undefined when the object has none. */
export function originalConfiguration(obj: KObject): string | undefined {
  return obj.metadata?.annotations?.[LAST_APPLIED];
}

/** Go's json.Indent with two spaces: leading blanks dropped, trailing ones (the annotation's newline) kept. */
export function jsonIndent(text: string): string {
  const trimmed = text.replace(/^\s+/, '');
  const body = trimmed.replace(/\s+$/, '');
  const trailing = trimmed.slice(body.length);
  return JSON.stringify(JSON.parse(body), null, 2) + trailing;
}

/** RunApplyViewLastApplied's one check of -o (after the objects were read). */
export function checkViewOutput(output: string): void {
  if (output !== 'yaml' && output !== 'json') {
    throw new UserError(`error: Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`);
  }
}

/**
 * editor.GetApplyPatch's beforeJSON: the object as the file gives it (namespace defaulted by the
 * builder), as sorted JSON (with the encoder's newline). Unlike apply it adds no `annotations: {}`.
 */
export function applyPatchConfiguration(obj: KObject): string {
  return sortedJson(obj) + "\n";
}

/** The live object with the annotation replaced (what the merge patch of GetApplyPatch does). */
export function withAnnotation(live: KObject, value: string): KObject {
  const o = JSON.parse(JSON.stringify(live));
  o.metadata = o.metadata || {};
  o.metadata.annotations = { ...(o.metadata.annotations || {}), [LAST_APPLIED]: value };
  return o;
}

/** cmdutil.StripComments on both sides (yaml.ToJSON: compact, keys sorted), then byte equality. */
export function sameConfiguration(original: string | undefined, next: string): boolean {
  if (original === undefined) return false;
  const norm = (t: string) => { try { return sortedJson(JSON.parse(t)); } catch { return t; } };
  return norm(original) === norm(next);
}
